using NetGen.Generator.Emit;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Layers.Pooling;

/// <summary>A pooling layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it reads: <c>(L, C)</c> or <c>(H, W, C)</c>.</param>
/// <param name="Output">The tensor it writes, its channels padded to whole vectors.</param>
/// <param name="Spec">The declaration.</param>
/// <param name="Geometry">How the window slides over the input.</param>
internal sealed record PoolingPlan(int Index, TensorPlan Input, TensorPlan Output, PoolingSpec Spec, WindowGeometry Geometry)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => PoolingEmitter.Instance;

    public override string Declaration => Spec.Declaration;

    /// <summary>Whether windows next to each other share input positions, so that the backward pass adds rather than writes.</summary>
    public bool Overlaps => Geometry.Overlaps;

    /// <summary>Whether its backward pass also applies the gradient of the ReLU of the convolution before it: a window's gradient goes to its
    /// first maximum only when that maximum is above zero, which is where the ReLU passes it (see
    /// <see cref="Convolution.ConvolutionPlan.ReLUBackwardInNextPool"/>).</summary>
    public bool PassesThroughReLU { get; init; }

    /// <summary>Whether inference calls compute it inside the forward kernel of the convolution before it (see
    /// <see cref="Convolution.ConvolutionPlan.InferencePool"/>), so that only training calls run its own.</summary>
    public bool PooledByConvolution { get; init; }

    public override string StreamingObstacle
        => $"is not causal in time: it pools windows of {Geometry.SpanX} steps every {Geometry.StrideX}, not one output step per input step";
}
