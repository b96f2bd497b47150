using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// The forward pass of a convolution with few filters over a single-channel input, with output positions as the vector lanes.
/// With the filters as lanes (<see cref="ConvolutionForwardKernel"/>), 6 filters use 6 of Vector512's 16 lanes and the rest
/// computes padding; here a register tile holds 16 consecutive positions of a few output rows, one accumulator per filter and
/// row. For each tap, one input vector per row is loaded (the positions' inputs are contiguous: one channel, stride 1) and
/// each filter's weight is broadcast into it. The finished tile is transposed into channels-last rows as it is stored
/// (<c>ChannelTranspose.Store16x8</c>), so the layers around it see the same layout. Each lane adds the bias and the taps in
/// the order the filter-lane kernel does, so both give the same bits.
/// </summary>
internal static class ConvolutionPositionLanes
{
    /// <summary>Positions per tile: one Vector512.</summary>
    private const int Positions = 16;

    /// <summary>Filters the transpose stores (those beyond the layer's are zero).</summary>
    private const int MaxFilters = 8;

    /// <summary>Taps up to this many are unrolled; a larger kernel keeps the filter-lane kernel.</summary>
    private const int MaxTaps = 49;

    /// <summary>Accumulators a tile may hold (rows x filters), leaving registers for the input rows and a broadcast.</summary>
    private const int MaxAccumulators = 20;

    /// <summary>Whether <paramref name="layer"/>'s forward pass on <paramref name="isa"/> takes this kernel: Vector512; at most 8 filters
    /// (half the lanes or fewer with filters as lanes); one unpadded input channel and stride 1 along the row, so that 16 neighbouring
    /// positions read 16 contiguous inputs per tap; a row of at least 16 positions; a kernel small enough to unroll; and no
    /// pre-activation to keep (the transpose stores one tensor).</summary>
    public static bool Fits(ConvolutionPlan layer, Isa isa, bool storePreActivation)
        => isa.Name == Isa.Vector512.Name
            && !isa.IsPortable
            && !storePreActivation
            && layer.Filters <= MaxFilters
            && layer.PaddedFilters == Positions
            && layer.Channels == 1
            && layer.ChannelStride == 1
            && layer.Geometry.StrideX == 1
            && layer.Geometry.OutWidth >= Positions
            && layer.Geometry.Taps <= MaxTaps;

    /// <summary>Output rows per tile: as many as the accumulators allow, at most 4 and at most the output's height.</summary>
    public static int RowsPerTile(ConvolutionPlan layer)
        => System.Math.Max(1, System.Math.Min(System.Math.Min(4, MaxAccumulators / layer.Filters), layer.Geometry.OutHeight));

    public static void Emit(CodeWriter code, ConvolutionForwardKernel kernel)
    {
        ConvolutionPlan layer = kernel.Layer;
        WindowGeometry g = layer.Geometry;
        Isa isa = Isa.Vector512;
        int filters = layer.Filters;
        int tileRows = RowsPerTile(layer);
        long outRow = (long)g.OutPositions * Positions;
        long inputRow = g.PaddedWidth;
        code.Line($"// Output positions as the lanes ({filters} filters would fill {filters} of {isa.Width} lanes): tiles of {tileRows} output row{(tileRows == 1 ? string.Empty : "s")} x {Positions} positions,");
        code.Line("// one accumulator per filter and row. For each tap, one input vector per row and one broadcast weight per filter;");
        code.Line("// the tile is transposed into channels-last positions as it is stored." + Overlaps(g, tileRows));
        isa.OptimizeFully(code);
        code.Open($"private static void {kernel.Name}{isa.MethodSuffix}({string.Join(", ", kernel.Parameters)})");
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenTiles(code, "ty", "oy", g.OutHeight, tileRows);
        DeclareRef(code, "xo", "x", Plus(Times("r", layer.SourceRowStride), Times(oy, (long)g.StrideY * inputRow)));
        DeclareRef(code, "yo", "y", Plus(Times("r", outRow), Times(oy, (long)g.OutWidth * Positions)));
        string px = OpenTiles(code, "tx", "px", g.OutWidth, Positions);
        DeclareRef(code, "xt", "xo", px);
        DeclareRef(code, "yt", "yo", Times(px, Positions));
        EmitTile(code, isa, layer, tileRows, inputRow);
        CloseTiles(code, g.OutWidth, Positions);
        CloseTiles(code, g.OutHeight, tileRows);
        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Epilogue(kernel.Activation), (int)outRow);
        code.Close();

        void EmitTile(CodeWriter c, Isa v, ConvolutionPlan l, int rowsInTile, long rowFloats)
        {
            for (int f = 0; f < filters; f++)
            {
                c.Line(Declare(v.VectorType, Enumerable.Range(0, rowsInTile).Select(i => $"{Accumulator(i, f)} = {(i == 0 ? v.Broadcast($"Unsafe.Add(ref b, {f})") : Accumulator(0, f))}")));
            }

            c.Line(Declare(v.VectorType, Enumerable.Range(0, rowsInTile).Select(i => $"x{i}").Append("wf")));
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    long tap = ((long)ky * g.KernelWidth) + kx;
                    long input = ((long)ky * g.DilationY * rowFloats) + ((long)kx * g.DilationX);
                    c.Line(string.Join(" ", Enumerable.Range(0, rowsInTile).Select(i => $"x{i} = {v.Load("xt", Text(input + (i * g.StrideY * rowFloats)))};")));
                    for (int f = 0; f < filters; f++)
                    {
                        var statements = new List<string> { $"wf = {v.Broadcast($"Unsafe.Add(ref w, {Text((tap * l.PaddedFilters) + f)})")};" };
                        statements.AddRange(Enumerable.Range(0, rowsInTile).Select(i => $"{Accumulator(i, f)} = {v.MultiplyAdd($"x{i}", "wf", Accumulator(i, f))};"));
                        c.Line(string.Join(" ", statements));
                    }
                }
            }

            for (int i = 0; i < rowsInTile; i++)
            {
                IEnumerable<string> channels = Enumerable.Range(0, MaxFilters).Select(f => f < filters ? Activated(v, kernel.Activation, Accumulator(i, f)) : v.Zero);
                c.Line($"global::NetGen.Kernels.ChannelTranspose.Store16x8({RefAt("yt", Text((long)i * g.OutWidth * Positions))}, {string.Join(", ", channels)});");
            }
        }
    }

    /// <summary>The note on overlapping tiles, when the output's width or height is not a whole number of tiles.</summary>
    private static string Overlaps(WindowGeometry g, int tileRows)
        => (g.OutWidth % Positions != 0 ? " The last tile of a row overlaps the one before." : string.Empty)
            + (g.OutHeight % tileRows != 0 ? " The last tile of rows overlaps the one before." : string.Empty);

    /// <summary>Opens the loop over tiles of <paramref name="size"/> along an axis of <paramref name="count"/> (the last tile moved back to
    /// end at the edge, recomputing a few positions, when the count is not a multiple); returns the tile's first index.</summary>
    private static string OpenTiles(CodeWriter code, string loop, string start, int count, int size)
    {
        if (count == size)
        {
            return "0";
        }

        code.Open($"for (int {loop} = 0; {loop} < {count}; {loop} += {size})");
        code.Line(count % size == 0 ? $"int {start} = {loop};" : $"int {start} = Math.Min({loop}, {count - size});");
        return start;
    }

    private static void CloseTiles(CodeWriter code, int count, int size)
    {
        if (count != size)
        {
            code.Close();
        }
    }
}
