using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A convolution (<see cref="Conv1DAttribute"/> on <c>(L, C)</c>, <see cref="Conv2DAttribute"/> on <c>(H, W, C)</c>), PyTorch's
/// <c>nn.Conv1d</c> / <c>nn.Conv2d</c>. Its tensors are <c>weight</c> <c>[filters, C, k]</c> (or <c>[filters, C, k, k]</c>) and
/// <c>bias</c> <c>[filters]</c>, channels first as PyTorch holds them.
/// </summary>
public sealed class ConvolutionLayerInfo : LayerInfo
{
    /// <summary>Describes a convolution.</summary>
    /// <param name="inputShape">The shape it takes: <c>(L, C)</c> for a Conv1D layer, <c>(H, W, C)</c> for a Conv2D layer.</param>
    /// <param name="filters">Its output channels; at least 1.</param>
    /// <param name="kernelSize">The kernel's length (the side of a square kernel in 2-D); at least 1.</param>
    /// <param name="activation">Its activation.</param>
    /// <param name="stride">The step between two applications of the kernel; at least 1.</param>
    /// <param name="dilation">The step between two taps of the kernel; at least 1.</param>
    /// <param name="padding">How the input is padded.</param>
    /// <param name="parameterOffset">Where its weight starts in the canonical parameter order.</param>
    /// <exception cref="ArgumentException">The input is not of rank 2 or 3, a size is below 1, the padding does not fit the layer
    /// (Same with a stride, Causal in 2-D), or the kernel is larger than the (padded) input.</exception>
    public ConvolutionLayerInfo(TensorShape inputShape, int filters, int kernelSize, Activation activation, int stride, int dilation, Padding padding, int parameterOffset)
        : base(KindOf(inputShape), inputShape, OutputShapeOf(inputShape, filters, kernelSize, stride, dilation, padding), parameterOffset, TensorsOf(inputShape, filters, kernelSize, parameterOffset))
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
        Stride = stride;
        Dilation = dilation;
        Padding = padding;
    }

    /// <summary>Its output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's length along each spatial axis.</summary>
    public int KernelSize { get; }

    /// <summary>The step between two applications of the kernel.</summary>
    public int Stride { get; }

    /// <summary>The step between two taps of the kernel.</summary>
    public int Dilation { get; }

    /// <summary>How the input is padded.</summary>
    public Padding Padding { get; }

    /// <summary>The spatial axes: 1 for Conv1D, 2 for Conv2D.</summary>
    public int SpatialRank => InputShape.Rank - 1;

    /// <summary>The zeros before and after each spatial axis.</summary>
    public (int Before, int After) Pads => WindowShape.Pads(Padding, Span(KernelSize, Dilation));

    /// <inheritdoc/>
    public override Activation Activation { get; }

    /// <inheritdoc/>
    public override int SequentialModules => Activation == Activation.None ? 1 : 2;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"{Name.ToLowerInvariant()}={Filters},{KernelSize},{Stride},{Dilation},{Padding},{Activation}");

    private string Name => SpatialRank == 1 ? "Conv1D" : "Conv2D";

    /// <inheritdoc/>
    public override string ToString()
    {
        string named = (Stride == 1 ? string.Empty : Invariant($", Stride = {Stride}"))
            + (Dilation == 1 ? string.Empty : Invariant($", Dilation = {Dilation}"))
            + (Padding == Padding.Valid ? string.Empty : Invariant($", Padding = {Padding}"));
        return Invariant($"{Name}({Filters}, {KernelSize}, {Activation}{named})");
    }

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        string prefix = context.Prefix;
        string x = graph.ChannelsFirst(input, InputShape, prefix);
        string w = prefix + ".weight";
        string b = prefix + ".bias";
        long[] dims = new long[2 + SpatialRank];
        dims[0] = Filters;
        dims[1] = InputShape.Channels;
        dims.AsSpan(2).Fill(KernelSize);
        graph.Initializer(w, dims, context.Parameters.Slice(ParameterOffset, WeightCount));
        graph.Initializer(b, [Filters], context.Parameters.Slice(BiasOffset, Filters));
        (int before, int after) = Pads;
        long[] pads = new long[2 * SpatialRank];
        pads.AsSpan(0, SpatialRank).Fill(before);
        pads.AsSpan(SpatialRank).Fill(after);
        long[] kernel = new long[SpatialRank];
        kernel.AsSpan().Fill(KernelSize);
        long[] strides = new long[SpatialRank];
        strides.AsSpan().Fill(Stride);
        long[] dilations = new long[SpatialRank];
        dilations.AsSpan().Fill(Dilation);
        string convolved = prefix + ".conv";
        graph.Node(
            "Conv",
            prefix + ".conv",
            [x, w, b],
            convolved,
            OnnxGraph.Attribute.Ints("kernel_shape", kernel),
            OnnxGraph.Attribute.Ints("strides", strides),
            OnnxGraph.Attribute.Ints("dilations", dilations),
            OnnxGraph.Attribute.Ints("pads", pads));
        graph.MarkChannelsFirst(convolved);
        return graph.ChannelsFirstActivation(Activation, prefix, convolved, OutputShape, output);
    }

    private static LayerKind KindOf(TensorShape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return inputShape.Rank switch
        {
            2 => LayerKind.Conv1D,
            3 => LayerKind.Conv2D,
            _ => throw new ArgumentException($"A convolution takes (L, C) (Conv1D) or (H, W, C) (Conv2D); it receives {inputShape}.", nameof(inputShape)),
        };
    }

    private static int Span(int kernelSize, int dilation) => (dilation * (kernelSize - 1)) + 1;

    private static TensorShape OutputShapeOf(TensorShape inputShape, int filters, int kernelSize, int stride, int dilation, Padding padding)
    {
        string layer = KindOf(inputShape).ToString();
        WindowShape.Positive(filters, "filters", layer, nameof(filters));
        WindowShape.Positive(kernelSize, "kernel size", layer, nameof(kernelSize));
        WindowShape.Positive(stride, "stride", layer, nameof(stride));
        WindowShape.Positive(dilation, "dilation", layer, nameof(dilation));
        if (!Enum.IsDefined(padding) || (padding == Padding.Causal && inputShape.Rank != 2) || (padding == Padding.Same && stride != 1))
        {
            throw new ArgumentException($"A {layer} layer cannot use Padding {padding} with stride {stride}: Same needs stride 1 and Causal is for Conv1D.", nameof(padding));
        }

        int span = ((int)Math.Min(int.MaxValue, ((long)dilation * (kernelSize - 1)) + 1));
        (int before, int after) = WindowShape.Pads(padding, span);
        int[] axes = inputShape.ToArray();
        for (int axis = 0; axis < axes.Length - 1; axis++)
        {
            int length = WindowShape.OutputLength(axes[axis], span, stride, before + after);
            if (length < 1)
            {
                throw new ArgumentException($"A {layer} layer's kernel spans {span} along axis {axis} of {inputShape} (padded with {before + after}), more than the input's {axes[axis]}.", nameof(kernelSize));
            }

            axes[axis] = length;
        }

        axes[^1] = filters;
        return new TensorShape(axes);
    }

    private static ParameterInfo[] TensorsOf(TensorShape inputShape, int filters, int kernelSize, int offset)
    {
        long taps = (long)Math.Pow(kernelSize, inputShape.Rank - 1);
        long weights = (long)filters * inputShape.Channels * taps;
        if (weights + filters > int.MaxValue)
        {
            throw new ArgumentException($"A convolution of {filters} filters of {kernelSize} on {inputShape} has {weights} weights; at most {int.MaxValue} parameters are supported.", nameof(filters));
        }

        int[] shape = inputShape.Rank == 2 ? [filters, inputShape.Channels, kernelSize] : [filters, inputShape.Channels, kernelSize, kernelSize];
        return
        [
            new ParameterInfo("weight", shape, offset, Penalized: true),
            new ParameterInfo("bias", [filters], (int)Math.Min(int.MaxValue, offset + weights), Penalized: false),
        ];
    }
}
