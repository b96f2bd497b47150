using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// Layer normalisation over the last axis, PyTorch's <c>nn.LayerNorm(C)</c>: at every position,
/// <c>y = activation((x - mean) / sqrt(var + Epsilon) * weight + bias)</c> with the mean and the biased variance of
/// that position's C channels. It behaves the same in training and inference calls and sees one row at a time, so it
/// works with batches of any size. <c>weight</c> starts at one and <c>bias</c> at zero.
/// </summary>
/// <param name="activation">The activation applied after the normalisation (a separate module in the PyTorch twin).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute(Activation activation = Activation.None) : Attribute
{
    /// <summary>The activation applied after the normalisation.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Added to the variance before its square root; positive, PyTorch's default 1e-5.</summary>
    public float Epsilon { get; set; } = 1e-5f;
}
