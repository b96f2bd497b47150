using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The mean of each channel over every position: <c>(..., C)</c> becomes the flat row <c>(C)</c> (a sequence's
/// steps or an image's pixels averaged), Keras's <c>GlobalAveragePooling</c>. Its PyTorch twin is one module
/// computing <c>x.mean(dim=(2, ...))</c> on the channels-first tensor, which leaves <c>[N, C]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : Attribute
{
}
