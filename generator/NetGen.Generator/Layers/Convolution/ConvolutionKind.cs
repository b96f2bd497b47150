using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Convolution;

/// <summary><c>[Conv1D(filters, kernelSize, activation)]</c> (<paramref name="Rank"/> 1) or <c>[Conv2D(...)]</c> (2) as declared.</summary>
internal sealed record ConvolutionSpec(int Rank, int Filters, int KernelSize, Activation Activation, int Stride, int Dilation, Padding Padding) : LayerSpec
{
    public override LayerKind Kind => Rank == 1 ? Conv1DKind.Instance : Conv2DKind.Instance;

    /// <summary>The attribute's name without its suffix: <c>Conv1D</c> or <c>Conv2D</c>.</summary>
    public string Name => Rank == 1 ? "Conv1D" : "Conv2D";

    /// <summary>The layer as declarations write it, named arguments only when they differ from their defaults.</summary>
    public string Declaration
    {
        get
        {
            string named = (Stride == 1 ? string.Empty : $", Stride = {Stride}")
                + (Dilation == 1 ? string.Empty : $", Dilation = {Dilation}")
                + (Padding == Padding.Valid ? string.Empty : $", Padding = {Padding}");
            return $"{Name}({Filters}, {KernelSize}, {Activation}{named})";
        }
    }
}

/// <summary><c>[Conv1D]</c>: a convolution over the steps of a sequence <c>(L, C)</c>.</summary>
internal sealed class Conv1DKind : ConvolutionKind
{
    public static Conv1DKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<Conv1DAttribute>();

    protected override int Rank => 1;
}

/// <summary><c>[Conv2D]</c>: a convolution with a square kernel over the pixels of an image <c>(H, W, C)</c>.</summary>
internal sealed class Conv2DKind : ConvolutionKind
{
    public static Conv2DKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<Conv2DAttribute>();

    protected override int Rank => 2;
}

/// <summary>
/// A convolution, channels last: each output position's filters are the vector lanes, as a Dense layer's units are. The kernel
/// is stored tap-major, <c>[taps][C][filters]</c> (a row of filters for each tap and input channel), so that the forward pass
/// multiplies one input value, broadcast, into the filters of a row, and the weight gradient sums one input value times the
/// output gradient's filters. A padded input (Same, Causal) is copied into rows with a border of zeros that stays zero. The
/// input gradient scatters each output position's gradient through the kernel transposed, <c>[taps][filters][C]</c>, a
/// workspace the layer refreshes whenever the parameters change.
/// </summary>
internal abstract class ConvolutionKind : LayerKind<ConvolutionSpec>
{
    public const string FiltersArgument = "filters";
    public const string KernelSizeArgument = "kernelSize";

    /// <summary>The spatial axes: 1 or 2.</summary>
    protected abstract int Rank { get; }

    public override bool HasParameters => true;

    public override bool MakesFeatureMaps => true;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryInt(0, FiltersArgument, out int filters)
            && attribute.TryInt(1, KernelSizeArgument, out int kernelSize)
            && attribute.TryEnum(2, LayerPlan.ActivationArgument, out Activation activation)
            && attribute.TryNamedInt(nameof(Conv1DAttribute.Stride), 1, out int stride)
            && attribute.TryNamedInt(nameof(Conv1DAttribute.Dilation), 1, out int dilation)
            && attribute.TryNamedEnum(nameof(Conv1DAttribute.Padding), Padding.Valid, out Padding padding)
                ? new ConvolutionSpec(Rank, filters, kernelSize, activation, stride, dilation, padding)
                : null;

    protected override LayerPlan? Plan(ConvolutionSpec spec, LayerContext context)
    {
        TensorPlan input = context.Input;
        string label = Text(context.Index + 1);
        bool positive = WindowChecks.Positive(context, spec.Name, FiltersArgument, spec.Filters)
            & WindowChecks.Positive(context, spec.Name, KernelSizeArgument, spec.KernelSize)
            & WindowChecks.Positive(context, spec.Name, nameof(Conv1DAttribute.Stride), spec.Stride)
            & WindowChecks.Positive(context, spec.Name, nameof(Conv1DAttribute.Dilation), spec.Dilation);
        if (!positive || !WindowChecks.Rank(context, spec.Name, spec.Rank))
        {
            return null;
        }

        if (spec.Padding == Padding.Causal && spec.Rank == 2)
        {
            context.Report(ProblemIds.CausalNeedsConv1D, nameof(Conv2DAttribute.Padding), label, input.Shape.ToString());
            return null;
        }

        if (spec.Padding == Padding.Same && spec.Stride != 1)
        {
            context.Report(ProblemIds.SameNeedsStrideOne, nameof(Conv2DAttribute.Padding), spec.Name, label, input.Shape.ToString(), Text(spec.Stride));
            return null;
        }

        var geometry = WindowGeometry.Of(input.Shape, spec.KernelSize, spec.Stride, spec.Dilation, spec.Padding);
        if (!geometry.Fits)
        {
            bool height = geometry.OutHeight < 1;
            context.Report(
                ProblemIds.KernelLargerThanInput,
                KernelSizeArgument,
                spec.Name,
                label,
                Text(height ? geometry.SpanY : geometry.SpanX),
                spec.Rank == 1 ? "length" : height ? "height" : "width",
                input.Shape.ToString(),
                Text(height ? geometry.InHeight : geometry.InWidth));
            return null;
        }

        int channels = input.Channels;
        int paddedFilters = MemoryPlan.Pad(spec.Filters);
        long kernelRows = (long)geometry.Taps * channels;
        long outputRow = (long)geometry.OutPositions * paddedFilters;
        long paddedRow = (long)geometry.PaddedPositions * input.ChannelStride;
        double parameters = ((double)spec.Filters * kernelRows) + spec.Filters;
        long batch = context.Network.BatchSize;
        if (parameters > MemoryPlan.MaxSlabFloats || (outputRow + paddedRow) * batch > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(parameters);
        }

        Shape outputShape = geometry.OutputShape(input.Shape.Rank, spec.Filters);
        string rows = $"[{batch}][{geometry.OutPositions}][{paddedFilters}]";
        string weights = context.Parameter("Weights", penalized: true, kernelRows * paddedFilters, $"[{geometry.Taps} taps][{channels}][{paddedFilters}], a row of filters for each tap and input channel");
        string? paddedInput = geometry.IsPadded
            ? context.Rows("PaddedInput", paddedRow, $"[{batch}][{geometry.PaddedHeight}x{geometry.PaddedWidth}][{input.ChannelStride}], the input inside a border of zeros")
            : null;
        string output = context.Rows("Output", outputRow, rows);
        bool fusedLoss = context.LossFusedWith(spec.Activation);
        string? preActivation = spec.Activation == Activation.GELU || fusedLoss ? context.Rows("PreActivation", outputRow, rows) : null;
        string gradient = context.Rows("Gradient", outputRow, rows + ", the gradient with respect to the output, then the pre-activation");
        string? paddedGradient = null;
        string? transposed = null;
        if (input.Gradient is not null)
        {
            paddedGradient = geometry.IsPadded
                ? context.Rows("PaddedGradient", paddedRow, $"[{batch}][{geometry.PaddedHeight}x{geometry.PaddedWidth}][{input.ChannelStride}], the gradient with respect to the padded input")
                : null;
            int paddedChannels = MemoryPlan.Pad(channels);
            transposed = ConvolutionPlan.Gathers(geometry, spec.Filters, channels) ? null : context.Workspace("TransposedWeights", (long)geometry.Taps * spec.Filters * paddedChannels, $"[{geometry.Taps} taps][{spec.Filters}][{paddedChannels}], the kernel transposed for the input gradient");
        }

        string bias = context.Parameter("Bias", penalized: false, paddedFilters, $"[{paddedFilters}]");
        var outputTensor = new TensorPlan(outputShape, output, output, paddedFilters, (int)outputRow, ZeroPadded: true, gradient, null);
        var plan = new ConvolutionPlan(context.Index, input, outputTensor, spec, geometry, weights, bias, paddedInput, paddedGradient, transposed, preActivation, context.CanonicalOffset);
        return plan.Streams && plan.HistorySteps > 1 ? plan with { History = StreamHistory(context, plan) } : plan;
    }

    /// <summary>The stream state of a causal Conv1D: a ring of its last input steps written twice, so that the steps the kernel reads
    /// always lie in a row, and the ring's position.</summary>
    private static string StreamHistory(LayerContext context, ConvolutionPlan plan)
    {
        long steps = plan.HistorySteps;
        return context.StreamState("History", (2 * steps * plan.Channels) + 1, $"[2 x {steps} steps][{plan.Channels}] then the position: the input steps the kernel reads, each written twice");
    }

    /// <summary>A stride longer than the kernel's span leaves input positions that no output reads.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        var convolution = (ConvolutionPlan)layer;
        WindowChecks.AdviseSkips(convolution.Spec.Name, convolution.Geometry, convolution.Spec.Stride, layer, problems);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
