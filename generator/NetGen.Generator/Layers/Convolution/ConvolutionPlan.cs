using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>A convolution's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it reads: <c>(L, C)</c> or <c>(H, W, C)</c>.</param>
/// <param name="Output">The tensor it writes, its filters padded to whole vectors.</param>
/// <param name="Spec">The declaration.</param>
/// <param name="Geometry">How the kernel slides over the input.</param>
/// <param name="Weights">The kernel, <c>[taps][C][paddedFilters]</c>.</param>
/// <param name="Bias">The bias, <c>[paddedFilters]</c>.</param>
/// <param name="PaddedInput">The rows of the input inside a border of zeros (Same, Causal), or null when the kernel reads the input itself.</param>
/// <param name="PaddedGradient">The rows of the gradient with respect to the padded input, cropped into the input's gradient; or null.</param>
/// <param name="TransposedWeights">The kernel transposed, <c>[taps][filters][paddedC]</c>, for the input gradient; null when none is computed.</param>
/// <param name="PreActivationBuffer">Where the pre-activation rows are kept (GELU's derivative and a fused loss need them), or null.</param>
/// <param name="CanonicalOffset">Where its weight starts in the canonical parameter order.</param>
internal sealed record ConvolutionPlan(
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    ConvolutionSpec Spec,
    WindowGeometry Geometry,
    string Weights,
    string Bias,
    string? PaddedInput,
    string? PaddedGradient,
    string? TransposedWeights,
    string? PreActivationBuffer,
    long CanonicalOffset)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => ConvolutionEmitter.Instance;

    public override string Declaration => Spec.Declaration;

    public override Activation? OutputActivation => Spec.Activation;

    public override string? WidthArgument => ConvolutionKind.FiltersArgument;

    public override string? PreActivation => PreActivationBuffer;

    public override long ParameterCount => ((long)Spec.Filters * KernelRows) + Spec.Filters;

    /// <summary>Without an activation of its own, its output is linear in its kernel with one bias per filter: a BatchNorm after it
    /// folds into copies of them for inference.</summary>
    public override FoldableParameters? Foldable => Activation == Activation.None && PreActivationBuffer is null ? new FoldableParameters((long)KernelRows * PaddedFilters, PaddedFilters) : null;

    public Activation Activation => Spec.Activation;

    public int Filters => Spec.Filters;

    public int PaddedFilters => MemoryPlan.Pad(Filters);

    /// <summary>The input channels.</summary>
    public int Channels => Input.Channels;

    /// <summary>Floats from one input position to the next, in the rows the kernel reads (the padded copy keeps the input's).</summary>
    public int ChannelStride => Input.ChannelStride;

    /// <summary>The rows of the kernel: one per tap and input channel.</summary>
    public int KernelRows => Geometry.Taps * Channels;

    /// <summary>Floats from one row of what the kernel reads to the next: the padded copy's, or the input's own.</summary>
    public int SourceRowStride => PaddedInput is null ? Input.RowStride : Geometry.PaddedPositions * ChannelStride;

    /// <summary>The buffer of the gradient with respect to its output, turned in place into the gradient with respect to its pre-activation.</summary>
    public string Gradient => Output.Gradient!;

    /// <summary>Whether the max pool after it applies its ReLU's gradient while routing each window's gradient (only to a maximum above
    /// zero), so that its own backward pass skips the pass over its output that would do it.</summary>
    public bool ReLUBackwardInNextPool { get; init; }

    /// <summary>The max pool after it that inference calls compute inside its forward kernel (<see cref="ConvolutionPooledForwardKernel"/>),
    /// or null.</summary>
    public Pooling.PoolingPlan? InferencePool { get; init; }

    /// <summary>Whether <see cref="InferencePool"/> pools the output of a BatchNorm folded into it (<c>ForwardFoldedPooled</c>, among the
    /// folded kernels) rather than its own (<c>ForwardPooled</c>).</summary>
    public bool InferencePoolAfterFold { get; init; }

    /// <summary>Whether its input gradient is gathered (<see cref="ConvolutionInputGradientGatherKernel"/>) rather than scattered.</summary>
    public bool GathersInputGradient => Gathers(Geometry, Filters, Channels);

    /// <summary>The input gradient is gathered, with the filters as lanes, for stride 1 when the filters fill their padded vectors at least as
    /// well as the input channels fill theirs; it is scattered through the transposed kernel, with the input channels as lanes, otherwise.</summary>
    public static bool Gathers(WindowGeometry geometry, int filters, int channels)
        => geometry.StrideX == 1 && geometry.StrideY == 1 && (long)filters * MemoryPlan.Pad(channels) >= (long)channels * MemoryPlan.Pad(filters);

    /// <summary>Whether a layer with parameters comes before, so that the gradient with respect to the input is computed.</summary>
    public bool NeedsInputGradient => Input.Gradient is not null;

    public long CanonicalBiasOffset => CanonicalOffset + ((long)Filters * KernelRows);

    /// <summary>A Conv1D with stride 1 whose output step t reads input steps up to t only (Causal padding, or a kernel that spans one
    /// step) streams: <c>PredictStep</c> computes one output step from the input steps it keeps in <see cref="History"/>.</summary>
    public override bool Streams => Spec.Rank == 1 && Spec.Stride == 1 && (Spec.Padding == Padding.Causal || Geometry.SpanX == 1);

    public override string StreamingObstacle
        => Spec.Rank != 1 ? "is not causal in time: it slides over an image, not over the steps of a sequence"
            : Spec.Stride != 1 ? $"is not causal in time with Stride = {Spec.Stride}: it gives one output step for every {Spec.Stride} input steps; streaming needs Stride = 1"
            : Spec.Padding == Padding.Same ? $"is not causal in time: with Padding = Same, output step t reads input steps up to t + {(Geometry.SpanX - 1) - ((Geometry.SpanX - 1) / 2)}; Padding = Causal reads steps up to t only"
            : $"is not causal in time: with Padding = Valid, output step t reads input steps t to t + {Geometry.SpanX - 1}; Padding = Causal reads steps up to t only";

    /// <summary>The input steps the kernel spans, <c>(k - 1) d + 1</c>: the newest is the streamed step itself, the others come from <see cref="History"/>.</summary>
    public int HistorySteps => Geometry.SpanX;

    /// <summary>For a layer that <see cref="Streams"/> with a kernel over more than one step: the stream state holding its last
    /// <see cref="HistorySteps"/> input steps of <see cref="Channels"/> floats twice over, <c>[2 x steps][C]</c>, then the ring's
    /// position as an int; null otherwise.</summary>
    public string? History { get; init; }
}
