using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A pooling layer: the maximum or the mean of each channel over windows of <see cref="Size"/> steps (or square windows of
/// <see cref="Size"/> x <see cref="Size"/> pixels), <see cref="Stride"/> apart, with no padding (<see cref="MaxPool1DAttribute"/>,
/// <see cref="AvgPool1DAttribute"/>, <see cref="MaxPool2DAttribute"/>, <see cref="AvgPool2DAttribute"/>); PyTorch's
/// <c>nn.MaxPool1d</c>, <c>nn.AvgPool1d</c>, <c>nn.MaxPool2d</c> and <c>nn.AvgPool2d</c>. No parameters.
/// </summary>
public sealed class PoolLayerInfo : LayerInfo
{
    /// <summary>Describes a pooling layer.</summary>
    /// <param name="kind">One of <see cref="LayerKind.MaxPool1D"/>, <see cref="LayerKind.AvgPool1D"/>, <see cref="LayerKind.MaxPool2D"/>
    /// and <see cref="LayerKind.AvgPool2D"/>.</param>
    /// <param name="inputShape">The shape it takes: <c>(L, C)</c> for the 1-D kinds, <c>(H, W, C)</c> for the 2-D ones.</param>
    /// <param name="size">The window's length along each axis; at least 1.</param>
    /// <param name="stride">The step between two windows; at least 1.</param>
    /// <exception cref="ArgumentException">The kind is not a pooling kind, the input's rank does not match it, a size is below 1,
    /// or the window is larger than the input.</exception>
    public PoolLayerInfo(LayerKind kind, TensorShape inputShape, int size, int stride)
        : base(kind, inputShape, OutputShapeOf(kind, inputShape, size, stride), 0, [])
    {
        Size = size;
        Stride = stride;
    }

    /// <summary>The window's length along each axis.</summary>
    public int Size { get; }

    /// <summary>The step between two windows.</summary>
    public int Stride { get; }

    /// <summary>Whether it takes the maximum (else the mean).</summary>
    public bool IsMax => Kind is LayerKind.MaxPool1D or LayerKind.MaxPool2D;

    /// <summary>The spatial axes: 1 or 2.</summary>
    public int SpatialRank => InputShape.Rank - 1;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"{Kind.ToString().ToLowerInvariant()}={Size},{Stride}");

    /// <inheritdoc/>
    public override string ToString() => Stride == Size ? Invariant($"{Kind}({Size})") : Invariant($"{Kind}({Size}, Stride = {Stride})");

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        string prefix = context.Prefix;
        string x = graph.ChannelsFirst(input, InputShape, prefix);
        long[] kernel = new long[SpatialRank];
        kernel.AsSpan().Fill(Size);
        long[] strides = new long[SpatialRank];
        strides.AsSpan().Fill(Stride);
        string pooled = prefix + ".pool";
        graph.Node(IsMax ? "MaxPool" : "AveragePool", prefix + ".pool", [x], pooled, OnnxGraph.Attribute.Ints("kernel_shape", kernel), OnnxGraph.Attribute.Ints("strides", strides));
        graph.MarkChannelsFirst(pooled);
        return output is null ? pooled : graph.ChannelsLast(pooled, OutputShape, prefix, output);
    }

    private static TensorShape OutputShapeOf(LayerKind kind, TensorShape inputShape, int size, int stride)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        int rank = kind switch
        {
            LayerKind.MaxPool1D or LayerKind.AvgPool1D => 2,
            LayerKind.MaxPool2D or LayerKind.AvgPool2D => 3,
            _ => throw new ArgumentException($"{kind} is not a pooling layer kind.", nameof(kind)),
        };
        if (inputShape.Rank != rank)
        {
            throw new ArgumentException($"A {kind} layer takes {(rank == 2 ? "(L, C)" : "(H, W, C)")}; it receives {inputShape}.", nameof(inputShape));
        }

        WindowShape.Positive(size, "size", kind.ToString(), nameof(size));
        WindowShape.Positive(stride, "stride", kind.ToString(), nameof(stride));
        int[] axes = inputShape.ToArray();
        for (int axis = 0; axis < axes.Length - 1; axis++)
        {
            int length = WindowShape.OutputLength(axes[axis], size, stride, 0);
            if (length < 1)
            {
                throw new ArgumentException($"A {kind} layer's window of {size} is larger than axis {axis} of its input {inputShape}.", nameof(size));
            }

            axes[axis] = length;
        }

        return new TensorShape(axes);
    }
}
