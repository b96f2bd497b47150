using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// A convolution's weight gradient: for each kernel row (a tap and an input channel), the sum over every row and output
/// position of the input value under the tap times the output gradient's filters. A register tile of several kernel rows by
/// several vectors of filters accumulates over the whole batch before it is written once; the offsets of a tile's input values
/// are constants. Part <c>part</c> of <c>parts</c> takes its share of the tiles (so that threads write disjoint rows), then, in a
/// fused training step, updates those rows.
/// </summary>
/// <param name="Layer">The convolution.</param>
/// <param name="Name">The method name.</param>
internal sealed record ConvolutionWeightGradientKernel(ConvolutionPlan Layer, string Name) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float x", "ref float d", "ref float p", "int rows", "int part", "int parts", GradientStore.ModeParameter, GradientStore.CoefficientsParameter };

    private WindowGeometry G => Layer.Geometry;

    private int Fp => Layer.PaddedFilters;

    private int C => Layer.Channels;

    private int K => Layer.KernelRows;

    private long OutRow => (long)G.OutPositions * Fp;

    private long ColumnStep => (long)G.StrideX * Layer.ChannelStride;

    private long RowStep => (long)G.StrideY * G.PaddedWidth * Layer.ChannelStride;

    /// <summary>The offset of kernel row <paramref name="row"/>'s input value from the input under an output position.</summary>
    private long InputOffset(int row)
    {
        int tap = row / C;
        int ky = tap / G.KernelWidth;
        int kx = tap % G.KernelWidth;
        return (((long)ky * G.DilationY * G.PaddedWidth) + ((long)kx * G.DilationX)) * Layer.ChannelStride + (row % C);
    }

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// Layer {Layer.Index + 1} ({Layer.Declaration}): dW[tap, c][f] += sum over rows and output positions of x[position + tap][c] dz[position][f]");
        if (isa.IsScalar)
        {
            EmitPortable(code, isa);
            return;
        }

        if (ConvolutionPositionLanes.FitsWeightGradient(Layer, isa))
        {
            ConvolutionPositionLanes.EmitWeightGradient(code, Layer, Name, Parameters);
            return;
        }

        int vectors = Fp / isa.Width;
        int perBlock = Math.Min(vectors, 4);
        int maxRows = Math.Max(1, Math.Min(isa.Accumulators / perBlock, isa.Registers - perBlock - 2));
        bool perTap = C >= maxRows;
        int span = perTap ? C : K;
        int tiles = (span + maxRows - 1) / maxRows;
        int tileRows = (span + tiles - 1) / tiles;
        tiles = (span + tileRows - 1) / tileRows;
        code.Line($"// Tiles of {tileRows} kernel rows x {perBlock} vectors of {isa.Width} filters, summed over the batch, then written to G");
        code.Line("// (p points at the layer's weights; G and the optimizer state are at the same place in their blocks).");
        code.Line(perTap
            ? $"// Part 'part' of 'parts' takes its share of the {G.Taps} taps, each {tiles} tile{(tiles == 1 ? string.Empty : "s")} of its {C} input channels."
            : $"// Part 'part' of 'parts' takes its share of the {tiles} tiles.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        if (perTap)
        {
            code.Line($"int firstTap = {Times("part", G.Taps)} / parts, endTap = {Times("(part + 1)", G.Taps)} / parts;");
            code.Open("for (int tap = firstTap; tap < endTap; tap++)");
            if (G.KernelHeight > 1)
            {
                code.Line($"int ky = tap / {G.KernelWidth}, kx = tap - (ky * {G.KernelWidth});");
            }

            string kx = G.KernelHeight > 1 ? "kx" : "tap";
            string ky = G.KernelHeight > 1 ? "ky" : "0";
            DeclareRef(code, "xt", "x", Plus(Times(ky, (long)G.DilationY * G.PaddedWidth * Layer.ChannelStride), Times(kx, (long)G.DilationX * Layer.ChannelStride)));
            code.Line($"nuint gt = (nuint)({Times("tap", (long)C * Fp)});");
            for (int first = 0; first < C; first += tileRows)
            {
                int count = Math.Min(tileRows, C - first);
                EmitFilterBlocks(code, isa, vectors, perBlock, "xt", Enumerable.Range(first, count).Select(c => new KernelRow(c, "gt", (long)c * Fp)).ToList());
            }

            code.Close();
            code.Line($"int firstRow = firstTap * {C}, endRow = endTap * {C};");
        }
        else
        {
            code.Line($"int firstTile = {Times("part", tiles)} / parts, endTile = {Times("(part + 1)", tiles)} / parts;");
            for (int tile = 0; tile < tiles; tile++)
            {
                int first = tile * tileRows;
                int count = Math.Min(tileRows, K - first);
                code.Open(tiles == 1 ? "if (firstTile < endTile)" : $"if (firstTile <= {tile} && {tile} < endTile)");
                EmitFilterBlocks(code, isa, vectors, perBlock, "x", Enumerable.Range(first, count).Select(m => new KernelRow(InputOffset(m), "0", (long)m * Fp)).ToList());
                code.Close();
            }

            code.Line($"int firstRow = Math.Min(firstTile * {tileRows}, {K}), endRow = Math.Min(endTile * {tileRows}, {K});");
        }

        GradientStore.EmitUpdates(code, new[] { $"firstRow * {Fp}" }, $"(endRow - firstRow) * {Fp}", weights: true);
        code.Close();
    }

    /// <summary>The filter vectors in blocks of <paramref name="perBlock"/>, for the kernel rows <paramref name="kernelRows"/> of one tile,
    /// whose input values are read relative to <paramref name="x"/>.</summary>
    private void EmitFilterBlocks(CodeWriter code, Isa isa, int vectors, int perBlock, string x, IReadOnlyList<KernelRow> kernelRows)
    {
        int full = vectors / perBlock;
        int remainder = vectors % perBlock;
        int step = perBlock * isa.Width;
        if (full == 1)
        {
            EmitTile(code, isa, perBlock, "0", x, kernelRows);
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, perBlock, "n", x, kernelRows);
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, remainder, Text(full * step), x, kernelRows);
        }
    }

    private void EmitTile(CodeWriter code, Isa isa, int columns, string n, string x, IReadOnlyList<KernelRow> kernelRows)
    {
        int count = kernelRows.Count;
        code.Open($"// {count} kernel rows x {columns} vectors of filters from {n}");
        for (int i = 0; i < count; i++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.Zero}")));
        }

        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight);
        DeclareRef(code, "xo", x, Plus(Times("r", Layer.SourceRowStride), Times(oy, RowStep)));
        DeclareRef(code, "dq", "d", Plus(Times("r", OutRow), Times(oy, (long)G.OutWidth * Fp)));
        code.Open($"for (int ox = 0; ox < {G.OutWidth}; ox++)");
        DeclareRef(code, "xq", "xo", Times("ox", ColumnStep));
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"v{j} = {isa.Load("dq", Offset(n, j * isa.Width))}")));
        for (int i = 0; i < count; i++)
        {
            var statements = new List<string> { $"{isa.VectorType} s{i} = {isa.Broadcast($"Unsafe.Add(ref xq, {Text(kernelRows[i].Input)})")};" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.MultiplyAdd($"s{i}", $"v{j}", Accumulator(i, j))};"));
            code.Line(string.Join(" ", statements));
        }

        code.Line($"dq = ref Unsafe.Add(ref dq, {Fp});");
        code.Close();
        CloseLoop(code, G.OutHeight);
        code.Close();
        for (int i = 0; i < count; i++)
        {
            code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => GradientStore.Store(isa, Plus(kernelRows[i].GradientBase, n, Text(kernelRows[i].Gradient + (j * isa.Width))), Accumulator(i, j)))));
        }

        code.Close();
    }

    /// <summary>One kernel row of a tile: the constant offset of its input value from the input under an output position, and its place
    /// in G, <paramref name="GradientBase"/> (a <c>nuint</c> expression) plus <paramref name="Gradient"/>.</summary>
    private readonly record struct KernelRow(long Input, string GradientBase, long Gradient);

    /// <summary>The portable form: each kernel row of this part cleared (unless accumulating), then every row and output position adds its
    /// input value times the output gradient's filters, the innermost loop along the contiguous filters.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line("// Plain loops: each kernel row of this part gets every output position's input value times its filters' gradient.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        code.Line($"int firstRow = {Times("part", K)} / parts, endRow = {Times("(part + 1)", K)} / parts;");
        code.Open("for (int m = firstRow; m < endRow; m++)");
        string tap = C == 1 ? "m" : "tap";
        if (C > 1)
        {
            code.Line($"int tap = m / {C}, ch = m - (tap * {C});");
        }

        string kx = tap;
        string ky = "0";
        if (G.KernelHeight > 1)
        {
            code.Line($"int ky = {tap} / {G.KernelWidth}, kx = {tap} - (ky * {G.KernelWidth});");
            kx = "kx";
            ky = "ky";
        }

        DeclareRef(code, "xm", "x", Plus(Times(ky, (long)G.DilationY * G.PaddedWidth * Layer.ChannelStride), Times(kx, (long)G.DilationX * Layer.ChannelStride), C == 1 ? "0" : "ch"));
        DeclareRef(code, "gm", "g", Times("m", Fp));
        code.Open("if (mode != global::NetGen.Kernels.GradientMode.Accumulate)");
        code.Line($"MemoryMarshal.CreateSpan(ref gm, {Fp}).Clear();");
        code.Close();
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight);
        code.Open($"for (int ox = 0; ox < {G.OutWidth}; ox++)");
        code.Line($"float xv = Unsafe.Add(ref xm, {Plus(Times("r", Layer.SourceRowStride), Times(oy, RowStep), Times("ox", ColumnStep))});");
        DeclareRef(code, "dq", "d", Plus(Times("r", OutRow), Times(Plus(Times(oy, G.OutWidth), "ox"), Fp)));
        code.Open($"for (int f = 0; f < {Layer.Filters}; f++)");
        code.Line("Unsafe.Add(ref gm, f) += xv * Unsafe.Add(ref dq, f);");
        code.Close();
        code.Close();
        CloseLoop(code, G.OutHeight);
        code.Close();
        code.Close();
        GradientStore.EmitUpdates(code, new[] { $"firstRow * {Fp}" }, $"(endRow - firstRow) * {Fp}", weights: true);
        code.Close();
    }
}
