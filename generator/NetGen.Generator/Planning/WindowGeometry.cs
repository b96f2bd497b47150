using NetGen.Generator.Model;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Planning;

/// <summary>
/// A window (a convolution's kernel, a pool's window) sliding over the spatial axes of a channels-last tensor. Every layer is
/// seen as two-dimensional: a sequence <c>(L, C)</c> is an image of height 1, whose kernel has height 1. Positions are
/// row-major: position <c>(y, x)</c> of a tensor of width <c>W</c> is <c>y * W + x</c>.
/// </summary>
/// <param name="InHeight">The input's height (1 for a sequence).</param>
/// <param name="InWidth">The input's width (its length for a sequence).</param>
/// <param name="KernelHeight">The window's taps along the height (1 for a sequence).</param>
/// <param name="KernelWidth">The window's taps along the width.</param>
/// <param name="StrideY">Rows between two windows (1 for a sequence).</param>
/// <param name="StrideX">Columns between two windows.</param>
/// <param name="DilationY">Rows between two taps (1 for a sequence).</param>
/// <param name="DilationX">Columns between two taps.</param>
/// <param name="PadTop">Zero rows before the input.</param>
/// <param name="PadBottom">Zero rows after it.</param>
/// <param name="PadLeft">Zero columns before it.</param>
/// <param name="PadRight">Zero columns after it.</param>
internal sealed record WindowGeometry(
    int InHeight,
    int InWidth,
    int KernelHeight,
    int KernelWidth,
    int StrideY,
    int StrideX,
    int DilationY,
    int DilationX,
    int PadTop,
    int PadBottom,
    int PadLeft,
    int PadRight)
{
    /// <summary>The geometry of a window of <paramref name="kernel"/> taps (square in 2-D) over <paramref name="input"/>, a tensor of rank 2
    /// (a sequence) or 3 (an image).</summary>
    public static WindowGeometry Of(Shape input, int kernel, int stride, int dilation, Padding padding)
    {
        bool image = input.Rank == 3;
        int span = Span(kernel, dilation);
        (int before, int after) = padding switch
        {
            Padding.Same => ((span - 1) / 2, span - 1 - ((span - 1) / 2)),
            Padding.Causal => (span - 1, 0),
            _ => (0, 0),
        };
        return image
            ? new WindowGeometry(input.Axes[0], input.Axes[1], kernel, kernel, stride, stride, dilation, dilation, before, after, before, after)
            : new WindowGeometry(1, input.Axes[0], 1, kernel, 1, stride, 1, dilation, 0, 0, before, after);
    }

    /// <summary>The input positions one window reaches along an axis: <c>dilation * (taps - 1) + 1</c> (64-bit, so that an absurd declaration is reported).</summary>
    public static int Span(int taps, int dilation) => (int)System.Math.Min(int.MaxValue, ((long)dilation * (taps - 1)) + 1);

    public int SpanY => Span(KernelHeight, DilationY);

    public int SpanX => Span(KernelWidth, DilationX);

    public int PaddedHeight => InHeight + PadTop + PadBottom;

    public int PaddedWidth => InWidth + PadLeft + PadRight;

    /// <summary>The output's height, or 0 or less when the window does not fit.</summary>
    public int OutHeight => Length(PaddedHeight, SpanY, StrideY);

    /// <summary>The output's width, or 0 or less when the window does not fit.</summary>
    public int OutWidth => Length(PaddedWidth, SpanX, StrideX);

    public bool Fits => OutHeight >= 1 && OutWidth >= 1;

    public bool IsPadded => PadTop + PadBottom + PadLeft + PadRight > 0;

    public int InPositions => InHeight * InWidth;

    public int PaddedPositions => PaddedHeight * PaddedWidth;

    public int OutPositions => OutHeight * OutWidth;

    /// <summary>The taps of the window: its height times its width.</summary>
    public int Taps => KernelHeight * KernelWidth;

    /// <summary>Whether two windows next to each other share input positions (stride below the span along an axis).</summary>
    public bool Overlaps => StrideY < SpanY || StrideX < SpanX;

    /// <summary>The output's shape for <paramref name="channels"/> output channels, of the input's rank.</summary>
    public Shape OutputShape(int rank, int channels) => rank == 3 ? new Shape(OutHeight, OutWidth, channels) : new Shape(OutWidth, channels);

    private static int Length(int padded, int span, int stride) => padded < span ? 0 : ((padded - span) / stride) + 1;
}
