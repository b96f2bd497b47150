using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// A tensor of rows that the passes read or write: the caller's input rows, or a buffer of the slab. A row
/// holds its positions one after the other, each position's channels contiguous:
/// position p of row r starts <c>r * RowStride + p * ChannelStride</c> floats after the start.
/// </summary>
/// <param name="Shape">The shape of one row.</param>
/// <param name="Buffer">The slab buffer holding it in training calls, or null for the caller's input rows.</param>
/// <param name="InferenceBuffer">The buffer holding the same values in inference calls (a Dropout layer is then the
/// identity, so its consumers read its input), or null for the caller's input rows.</param>
/// <param name="ChannelStride">Floats from one position to the next (for a flat row, from one row to the next).</param>
/// <param name="RowStride">Floats from one row to the next: the positions times <paramref name="ChannelStride"/>, or more for a
/// padded flat row.</param>
/// <param name="ZeroPadded">Whether each position is padded with zeros to a whole number of vectors (the channels of a position,
/// or the whole flat row), so that kernels may load whole vectors over the channels.</param>
/// <param name="Gradient">The buffer of the gradient with respect to this tensor, laid out the same way, or null when no layer needs it.</param>
/// <param name="FlattenedFrom">The shape a Flatten layer turned into this flat row; a Dense layer reading it exchanges its weight in
/// PyTorch's channels-first order.</param>
internal sealed record TensorPlan(
    Shape Shape,
    string? Buffer,
    string? InferenceBuffer,
    int ChannelStride,
    int RowStride,
    bool ZeroPadded,
    string? Gradient,
    Shape? FlattenedFrom)
{
    /// <summary>The caller's input rows: unpadded, <c>InputSize</c> floats apart.</summary>
    public static TensorPlan NetworkInput(Shape shape) => new(shape, null, null, shape.Channels, (int)shape.Size, shape.Size % MemoryPlan.Alignment == 0 && shape.Rank == 1, null, null);

    /// <summary>Whether this is the caller's input rows.</summary>
    public bool IsNetworkInput => Buffer is null;

    public int Channels => Shape.Channels;

    public int Positions => (int)Shape.Positions;

    /// <summary>Whether inference calls read another buffer than training calls.</summary>
    public bool DiffersInInference => Buffer != InferenceBuffer;
}
