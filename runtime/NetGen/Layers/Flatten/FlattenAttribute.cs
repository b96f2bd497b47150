using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// Turns a shape with several axes into one flat row of all its values: <c>(H, W, C)</c> becomes
/// <c>(H * W * C)</c>, PyTorch's <c>nn.Flatten</c>. The values keep NetGen's channels-last order,
/// so a 28x28 image stays the row it was. Parameters are exchanged in PyTorch's order: the weight
/// of a Dense layer after a Flatten of <c>(H, W, C)</c> has its columns in PyTorch's <c>(C, H, W)</c>
/// order in <c>ExportParameters</c>, safetensors and ONNX, so that it loads into the channels-first
/// PyTorch twin unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}
