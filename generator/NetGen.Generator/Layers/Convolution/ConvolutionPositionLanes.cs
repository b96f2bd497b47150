using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// The forward pass and the weight gradient of a convolution with few filters over a single-channel input, with output positions
/// as the vector lanes. With the filters as lanes (<see cref="ConvolutionForwardKernel"/>, <see cref="ConvolutionWeightGradientKernel"/>),
/// 6 filters use 6 of Vector512's 16 lanes and the rest computes padding; here a register tile holds 16 consecutive positions of a
/// few output rows, one accumulator per filter and row. For each tap, one input vector per row is loaded (the positions' inputs are
/// contiguous: one channel, stride 1) and each filter's weight is broadcast into it. The finished tile is transposed into
/// channels-last rows as it is stored (<c>ChannelTranspose.Store16x8</c>), so the layers around it see the same layout. Each lane
/// adds the bias and the taps in the order the filter-lane kernel does, so both give the same bits. The weight gradient is the
/// same product the other way round (<see cref="EmitWeightGradient"/>).
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

    /// <summary>Whether the last 8 positions of two rows share one vector: when a row ends with 8 or fewer positions after its whole
    /// tiles of 16, a 16-position tile there would recompute at least 8 positions; a vector of two rows' last 8 computes half as
    /// many (a tail shorter than 8 still recomputes the few before it).</summary>
    public static bool PacksTails(ConvolutionPlan layer)
    {
        int tail = layer.Geometry.OutWidth % Positions;
        return tail > 0 && tail <= Positions / 2 && layer.Geometry.OutHeight >= 2;
    }

    /// <summary>Pairs of rows per tile of packed tails: as many as the accumulators allow, at most 4 and at most half the output's height.</summary>
    private static int PairsPerTile(ConvolutionPlan layer)
        => System.Math.Max(1, System.Math.Min(System.Math.Min(4, MaxAccumulators / layer.Filters), layer.Geometry.OutHeight / 2));

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
        bool packs = PacksTails(layer);
        int wholeWidth = packs ? g.OutWidth - (g.OutWidth % Positions) : g.OutWidth;
        int pairs = PairsPerTile(layer);
        int tailStart = g.OutWidth - (Positions / 2);
        code.Line("// the tile is transposed into channels-last positions as it is stored." + (packs ? string.Empty : Overlaps(g, tileRows)));
        if (packs)
        {
            code.Line($"// Each row's last 8 positions ({tailStart} to {g.OutWidth - 1}) are computed apart: one vector holds those of two rows, in tiles of");
            code.Line($"// {pairs} pair{(pairs == 1 ? string.Empty : "s")} of rows, so the {g.OutWidth % Positions} positions after the row's whole tiles cost half a vector each, not one."
                + (g.OutWidth % Positions < Positions / 2 ? " The 8 overlap the whole tile before them." : string.Empty)
                + (g.OutHeight % tileRows != 0 || g.OutHeight % (2 * pairs) != 0 ? " The last tile of rows overlaps the one before." : string.Empty));
        }

        isa.OptimizeFully(code);
        code.Open($"private static void {kernel.Name}{isa.MethodSuffix}({string.Join(", ", kernel.Parameters)})");
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenTiles(code, "ty", "oy", g.OutHeight, tileRows);
        DeclareRef(code, "xo", "x", Plus(Times("r", layer.SourceRowStride), Times(oy, (long)g.StrideY * inputRow)));
        DeclareRef(code, "yo", "y", Plus(Times("r", outRow), Times(oy, (long)g.OutWidth * Positions)));
        string px = OpenTiles(code, "tx", "px", wholeWidth, Positions);
        DeclareRef(code, "xt", "xo", px);
        DeclareRef(code, "yt", "yo", Times(px, Positions));
        EmitTile(
            code,
            isa,
            layer,
            tileRows,
            inputRow,
            (i, input) => isa.Load("xt", Text(input + (i * g.StrideY * inputRow))),
            i => RefAt("yt", Text((long)i * g.OutWidth * Positions)));
        CloseTiles(code, wholeWidth, Positions);
        CloseTiles(code, g.OutHeight, tileRows);
        if (packs)
        {
            string oyPairs = OpenTiles(code, "tp", "op", g.OutHeight, 2 * pairs);
            DeclareRef(code, "xp", "x", Plus(Times("r", layer.SourceRowStride), Times(oyPairs, (long)g.StrideY * inputRow), Text(tailStart)));
            DeclareRef(code, "yp", "y", Plus(Times("r", outRow), Times(oyPairs, (long)g.OutWidth * Positions), Text((long)tailStart * Positions)));
            // Pair i of rows in accumulator i: lanes 0 to 7 the last 8 positions of row 2i, lanes 8 to 15 those of row 2i + 1, each
            // input vector made of the two rows' 8 inputs under the tap: 16 inputs of the upper row (its last 8 under the tap and 8
            // beyond, which lie in the input row after it: the upper row of a pair is never the image's last) with the lower row's 8
            // inserted over the second half.
            long pairFloats = (long)g.StrideY * inputRow;
            EmitTile(
                code,
                isa,
                layer,
                pairs,
                inputRow,
                (i, input) => $"Avx512F.InsertVector256({isa.Load("xp", Text(input + (2L * i * pairFloats)))}, Vector256.LoadUnsafe(ref xp, {Text(input + (2L * i * pairFloats) + pairFloats)}), 1)",
                i => $"{RefAt("yp", Text(2L * i * g.OutWidth * Positions))}, {RefAt("yp", Text((2L * i * g.OutWidth * Positions) + ((long)g.OutWidth * Positions)))}");
            CloseTiles(code, g.OutHeight, 2 * pairs);
        }

        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Epilogue(kernel.Activation), (int)outRow);
        code.Close();

        // A tile of 'count' accumulators per filter, stored with ChannelTranspose.Store16x8 at store(i), the destinations of accumulator i's
        // positions.
        void EmitTile(CodeWriter c, Isa v, ConvolutionPlan l, int count, long rowFloats, System.Func<int, long, string> load, System.Func<int, string> store)
        {
            EmitAccumulators(c, v, l, count, rowFloats, load, filters, f => $"Unsafe.Add(ref b, {f})", (f, tap) => $"Unsafe.Add(ref w, {Text(tap + f)})");
            for (int i = 0; i < count; i++)
            {
                IEnumerable<string> channels = Enumerable.Range(0, MaxFilters).Select(f => f < filters ? Activated(v, kernel.Activation, Accumulator(i, f)) : v.Zero);
                c.Line($"global::NetGen.Kernels.ChannelTranspose.Store16x8({store(i)}, {string.Join(", ", channels)});");
            }
        }
    }

    /// <summary>A tile of <paramref name="count"/> accumulators for each of <paramref name="filters"/> filters, <c>a{i}_{j}</c> for the j-th:
    /// each starts at its filter's bias (<paramref name="bias"/>(j)) and adds, tap after tap in the kernel's order, the input vector
    /// <paramref name="load"/> gives for accumulator i at the tap's input offset times the filter's weight (<paramref name="weight"/>(j, the
    /// tap's offset in the kernel)).</summary>
    public static void EmitAccumulators(CodeWriter code, Isa isa, ConvolutionPlan layer, int count, long rowFloats, System.Func<int, long, string> load, int filters, System.Func<int, string> bias, System.Func<int, long, string> weight)
    {
        WindowGeometry g = layer.Geometry;
        for (int j = 0; j < filters; j++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, count).Select(i => $"{Accumulator(i, j)} = {(i == 0 ? isa.Broadcast(bias(j)) : Accumulator(0, j))}")));
        }

        code.Line(Declare(isa.VectorType, Enumerable.Range(0, count).Select(i => $"x{i}").Append("wf")));
        for (int ky = 0; ky < g.KernelHeight; ky++)
        {
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                long tap = ((long)ky * g.KernelWidth) + kx;
                long input = ((long)ky * g.DilationY * rowFloats) + ((long)kx * g.DilationX);
                code.Line(string.Join(" ", Enumerable.Range(0, count).Select(i => $"x{i} = {load(i, input)};")));
                for (int j = 0; j < filters; j++)
                {
                    var statements = new List<string> { $"wf = {isa.Broadcast(weight(j, tap * layer.PaddedFilters))};" };
                    statements.AddRange(Enumerable.Range(0, count).Select(i => $"{Accumulator(i, j)} = {isa.MultiplyAdd($"x{i}", "wf", Accumulator(i, j))};"));
                    code.Line(string.Join(" ", statements));
                }
            }
        }
    }

    /// <summary>The floats the weight gradient keeps on the stack, at most: a row's output gradient made planar and the partial sums.</summary>
    private const int MaxStackFloats = 16384;

    /// <summary>Whether <paramref name="layer"/>'s weight gradient on <paramref name="isa"/> takes positions as lanes too: where its forward
    /// pass does, with room on the stack for one row's output gradient made planar and a vector of partial sums per tap and filter.</summary>
    public static bool FitsWeightGradient(ConvolutionPlan layer, Isa isa)
        => Fits(layer, isa, storePreActivation: false) && PlanarFloats(layer) + SumFloats(layer) <= MaxStackFloats;

    private static int Blocks(WindowGeometry g) => (g.OutWidth + Positions - 1) / Positions;

    private static long PlanarFloats(ConvolutionPlan layer) => (long)layer.Filters * layer.Geometry.OutHeight * Blocks(layer.Geometry) * Positions;

    private static long SumFloats(ConvolutionPlan layer) => (long)layer.Geometry.Taps * layer.Filters * Positions;

    /// <summary>The weight gradient with output positions as the lanes: <c>dW[tap][f] = sum over rows and positions p of x[p + tap] dz[p][f]</c>.
    /// Each row's output gradient is made planar once (<c>ChannelTranspose.Load16x8</c>: one vector of 16 positions per filter, the
    /// positions an overlapping last tile repeats zeroed); then, for blocks of taps, one accumulator per tap and filter adds the input
    /// vector under the tap times each filter's vector, over every tile of the row. The accumulators are partial sums per lane, kept on
    /// the stack between rows and summed across their lanes once at the end (<c>LaneSums.Sum</c>).</summary>
    public static void EmitWeightGradient(CodeWriter code, ConvolutionPlan layer, string name, IReadOnlyList<string> parameters)
    {
        WindowGeometry g = layer.Geometry;
        Isa isa = Isa.Vector512;
        int filters = layer.Filters;
        int blocks = Blocks(g);
        int perTap = System.Math.Max(1, System.Math.Min(6, 20 / filters));
        long planarRow = (long)blocks * Positions;
        long planarFilter = g.OutHeight * planarRow;
        int overlap = (blocks * Positions) - g.OutWidth;
        code.Line($"// Output positions as the lanes ({filters} filters would fill {filters} of {isa.Width} lanes): each row's output gradient made planar once,");
        code.Line($"// [{filters} filters][{g.OutHeight} rows][{blocks} tiles of {Positions} positions]" + (overlap > 0 ? $" (the last tile starts {overlap} positions early; those lanes are zero)" : string.Empty) + ";");
        code.Line($"// then blocks of {perTap} taps x {filters} filters of partial sums over the row's tiles, kept on the stack between rows and summed across");
        code.Line("// their lanes at the end. Part 'part' of 'parts' takes its share of the taps.");
        isa.OptimizeFully(code);
        code.Open($"private static void {name}{isa.MethodSuffix}({string.Join(", ", parameters)})");
        code.Line(GradientStore.GradientReference);
        code.Line($"int firstTap = {Times("part", g.Taps)} / parts, endTap = {Times("(part + 1)", g.Taps)} / parts;");
        code.Line($"Span<float> planar = stackalloc float[{PlanarFloats(layer)}];");
        code.Line($"Span<float> partial = stackalloc float[{SumFloats(layer)}];");
        code.Line("ref float dt = ref MemoryMarshal.GetReference(planar);");
        code.Line("ref float sums = ref MemoryMarshal.GetReference(partial);");
        if (overlap > 0)
        {
            code.Line($"{isa.VectorType} repeated = Vector512.GreaterThanOrEqual({isa.VectorType}.Indices, Vector512.Create({overlap}f));");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"// row r's output gradient, planar");
        string oy = OpenLoop(code, "oy", g.OutHeight);
        DeclareRef(code, "dq", "d", Plus(Times("r", (long)g.OutPositions * Positions), Times(oy, (long)g.OutWidth * Positions)));
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, 8).Select(f => $"c{f}")));
        for (int b = 0; b < blocks; b++)
        {
            int start = System.Math.Min(b * Positions, g.OutWidth - Positions);
            bool masked = b == blocks - 1 && overlap > 0;
            code.Line($"global::NetGen.Kernels.ChannelTranspose.Load16x8({RefAt("dq", Text((long)start * Positions))}, {string.Join(", ", Enumerable.Range(0, 8).Select(f => $"out c{f}"))});");
            code.Line(string.Join(" ", Enumerable.Range(0, filters).Select(f => isa.Store(masked ? $"c{f} & repeated" : $"c{f}", "dt", Unsigned(Plus(Text((f * planarFilter) + (b * Positions)), Times(oy, planarRow)))))));
        }

        CloseLoop(code, g.OutHeight);
        code.Line($"ref float xr = ref Unsafe.Add(ref x, {Times("r", layer.SourceRowStride)});");
        code.Open($"for (int t0 = firstTap; t0 < endTap; t0 += {perTap})");
        code.Line($"// taps t0 to t0 + {perTap - 1}; past the part's last tap, that tap again (its copies start from the same sums, add the same");
        code.Line("// products and store the same result)");
        for (int i = 0; i < perTap; i++)
        {
            string tap = i == 0 ? "t0" : $"Math.Min(t0 + {i}, endTap - 1)";
            code.Line($"int t{i + 1} = {tap};");
        }

        for (int i = 0; i < perTap; i++)
        {
            string t = $"t{i + 1}";
            string offset = g.KernelHeight == 1
                ? Times(t, g.DilationX)
                : $"({t} / {g.KernelWidth} * {(long)g.DilationY * g.PaddedWidth}) + {(g.DilationX == 1 ? $"({t} % {g.KernelWidth})" : $"({t} % {g.KernelWidth} * {g.DilationX})")}";
            code.Line($"ref float x{i} = ref Unsafe.Add(ref xr, {offset});");
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, filters).Select(f => $"{Accumulator(i, f)} = {isa.Load("sums", $"(nuint)(({t} * {filters}) + {f}) * {Positions}")}")));
        }

        string loopY = OpenLoop(code, "ty", g.OutHeight);
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, filters).Select(f => $"d{f}").Append("xv")));
        for (int b = 0; b < blocks; b++)
        {
            int start = System.Math.Min(b * Positions, g.OutWidth - Positions);
            code.Line(string.Join(" ", Enumerable.Range(0, filters).Select(f => $"d{f} = {isa.Load("dt", Unsigned(Plus(Text((f * planarFilter) + (b * Positions)), Times(loopY, planarRow))))};")));
            for (int i = 0; i < perTap; i++)
            {
                var statements = new List<string> { $"xv = {isa.Load($"x{i}", Unsigned(Plus(Times(loopY, (long)g.StrideY * g.PaddedWidth), Text(start))))};" };
                statements.AddRange(Enumerable.Range(0, filters).Select(f => $"{Accumulator(i, f)} = {isa.MultiplyAdd("xv", $"d{f}", Accumulator(i, f))};"));
                code.Line(string.Join(" ", statements));
            }
        }

        CloseLoop(code, g.OutHeight);
        for (int i = perTap - 1; i >= 0; i--)
        {
            string t = $"t{i + 1}";
            code.Line(string.Join(" ", Enumerable.Range(0, filters).Select(f => isa.Store(Accumulator(i, f), "sums", $"(nuint)(({t} * {filters}) + {f}) * {Positions}"))));
        }

        code.Close();
        code.Close();
        code.Open("for (int t = firstTap; t < endTap; t++)");
        IEnumerable<string> channels = Enumerable.Range(0, 8).Select(f => f < filters ? isa.Load("sums", $"(nuint)((t * {filters}) + {f}) * {Positions}") : isa.Zero);
        code.Line($"{isa.VectorType} sum = Vector512.Create(global::NetGen.Kernels.LaneSums.Sum({string.Join(", ", channels)}), Vector256<float>.Zero);");
        code.Line(GradientStore.Store(isa, $"(nuint)t * {Positions}", "sum"));
        code.Close();
        code.Line("int firstRow = firstTap, endRow = endTap;");
        GradientStore.EmitUpdates(code, new[] { $"firstRow * {Positions}" }, $"(endRow - firstRow) * {Positions}", weights: true);
        code.Close();
    }

    /// <summary>An offset for a vector load or store: a constant as it is, an expression of <c>int</c>s cast to <c>nuint</c>.</summary>
    private static string Unsigned(string offset) => long.TryParse(offset, out _) ? offset : $"(nuint)({offset})";

    /// <summary>The note on overlapping tiles, when the output's width or height is not a whole number of tiles.</summary>
    private static string Overlaps(WindowGeometry g, int tileRows)
        => (g.OutWidth % Positions != 0 ? " The last tile of a row overlaps the one before." : string.Empty)
            + (g.OutHeight % tileRows != 0 ? " The last tile of rows overlaps the one before." : string.Empty);

    /// <summary>Opens the loop over tiles of <paramref name="size"/> along an axis of <paramref name="count"/> (the last tile moved back to
    /// end at the edge, recomputing a few positions, when the count is not a multiple); returns the tile's first index.</summary>
    public static string OpenTiles(CodeWriter code, string loop, string start, int count, int size)
    {
        if (count == size)
        {
            return "0";
        }

        code.Open($"for (int {loop} = 0; {loop} < {count}; {loop} += {size})");
        code.Line(count % size == 0 ? $"int {start} = {loop};" : $"int {start} = Math.Min({loop}, {count - size});");
        return start;
    }

    public static void CloseTiles(CodeWriter code, int count, int size)
    {
        if (count != size)
        {
            code.Close();
        }
    }
}
