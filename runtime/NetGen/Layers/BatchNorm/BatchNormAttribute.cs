using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// Batch normalisation of each channel (the last axis), PyTorch's <c>nn.BatchNorm1d</c> / <c>nn.BatchNorm2d</c>:
/// <c>y = activation((x - mean) / sqrt(var + Epsilon) * weight + bias)</c>. Training calls normalise with the mean and
/// the biased variance of the call's rows and positions, and update the running statistics
/// <c>running = (1 - Momentum) * running + Momentum * batch</c> (the variance unbiased); <c>Predict</c>,
/// <c>PredictBatch</c> and <c>Evaluate</c> use the running statistics, folded into the weights of a Dense layer
/// without activation right before it. <c>weight</c> starts at one and <c>bias</c> at zero; the running mean
/// starts at 0 and the running variance at 1. The running statistics are state, saved in checkpoints and in
/// safetensors under PyTorch's names, not parameters.
/// </summary>
/// <param name="activation">The activation applied after the normalisation (a separate module in the PyTorch twin).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute(Activation activation = Activation.None) : Attribute
{
    /// <summary>The activation applied after the normalisation.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>The weight of a batch's statistics in the running statistics, in [0, 1]; PyTorch's default 0.1.</summary>
    public float Momentum { get; set; } = 0.1f;

    /// <summary>Added to the variance before its square root; positive, PyTorch's default 1e-5.</summary>
    public float Epsilon { get; set; } = 1e-5f;
}
