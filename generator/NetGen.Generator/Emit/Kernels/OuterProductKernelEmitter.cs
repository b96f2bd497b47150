using System;
using System.Collections.Generic;
using System.Linq;
using static NetGen.Generator.Emit.Kernels.TileNames;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// A weight-gradient kernel: <c>G[m][n] += sum_r A[r][m] * V[r][n]</c>, summing over the rows of the
/// batch. For an input-major layer A is the input and V the output gradient; for an output-major
/// layer A is the output gradient and V the input. A register tile of several m by several vectors
/// of n accumulates over all rows before it is added to G once.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="M">The number of G rows.</param>
/// <param name="PaddedN">The width of G and V rows.</param>
/// <param name="ScalarStride">Floats between A rows.</param>
internal sealed record OuterProductKernel(string Name, string Comment, int M, int PaddedN, int ScalarStride)
{
    /// <summary>Gradients larger than this many floats are updated tile by tile, while each tile is in the first-level
    /// cache; smaller ones at the end of the kernel in one call, while the whole gradient is in the second-level cache.</summary>
    public const int TileUpdateThreshold = 128 * 1024;

    private bool UpdatesPerTile => (long)M * PaddedN > TileUpdateThreshold;

    public void Emit(CodeWriter code, Isa isa)
    {
        int vectors = PaddedN / isa.Width;
        Tile tile = TilePlanner.Broadcast(isa, M, vectors);
        code.Line($"// {Comment}");
        code.Line($"// Tiles of {tile.Rows} rows of G x {tile.Columns} vectors of {isa.Width}, summed over the batch, then written to G");
        code.Line("// (p points at the layer's weights; G and the optimizer state are at the same place in their blocks).");
        code.Line("// The rows of G run inside each column block, so that the block's rows of the output gradient stay in cache.");
        code.Line(Isa.FullOptimization);
        code.Line($"// Part 'part' of 'parts' takes its share of the {Tiles(tile)} tiles of rows of G.");
        code.Open($"private static void {Name}(ref float a, ref float v, ref float p, int rows, int part, int parts, {GradientStore.Parameters})");
        code.Line(GradientStore.GradientReference);
        int fullTiles = M / tile.Rows;
        code.Line($"int firstTile = {Tiles(tile)} * part / parts, endTile = {Tiles(tile)} * (part + 1) / parts;");
        code.Line($"nuint mStart = (nuint)(Math.Min(firstTile, {fullTiles}) * {tile.Rows}), mEnd = (nuint)(Math.Min(endTile, {fullTiles}) * {tile.Rows});");
        if (M % tile.Rows > 0)
        {
            code.Line($"bool lastTile = endTile > {fullTiles};");
        }

        int full = vectors / tile.Columns;
        int remainder = vectors % tile.Columns;
        int step = tile.Columns * isa.Width;
        if (full == 1)
        {
            EmitRows(code, isa, tile.Rows, tile.Columns, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitRows(code, isa, tile.Rows, tile.Columns, "n");
            code.Close();
        }

        if (remainder > 0)
        {
            EmitRows(code, isa, tile.Rows, remainder, Text(full * step));
        }

        if (!UpdatesPerTile)
        {
            code.Line($"int firstRow = Math.Min(firstTile * {tile.Rows}, {M}), endRow = Math.Min(endTile * {tile.Rows}, {M});");
            GradientStore.EmitUpdates(code, new[] { $"firstRow * {PaddedN}" }, $"(endRow - firstRow) * {PaddedN}", weights: true);
        }

        code.Close();
    }

    private int Tiles(Tile tile) => (M + tile.Rows - 1) / tile.Rows;

    private void EmitRows(CodeWriter code, Isa isa, int rowsPerTile, int columns, string n)
    {
        int full = M / rowsPerTile;
        int remainder = M % rowsPerTile;
        if (full > 0)
        {
            code.Open($"for (nuint m = mStart; m < mEnd; m += {rowsPerTile})");
            EmitTile(code, isa, rowsPerTile, columns, "m", n);
            code.Close();
        }

        if (remainder > 0)
        {
            code.Open("if (lastTile)");
            EmitTile(code, isa, remainder, columns, Text(full * rowsPerTile), n);
            code.Close();
        }
    }

    private void EmitTile(CodeWriter code, Isa isa, int rows, int columns, string m, string n)
    {
        code.Open($"// {rows} x {columns} tile at m = {m}, n = {n}");
        for (int i = 0; i < rows; i++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.Zero}")));
        }

        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float ar = ref Unsafe.Add(ref a, r * {ScalarStride});");
        code.Line($"ref float vr = ref Unsafe.Add(ref v, r * {PaddedN});");
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"v{j} = {isa.Load("vr", Offset(n, j * isa.Width))}")));
        for (int i = 0; i < rows; i++)
        {
            var statements = new List<string> { $"{isa.VectorType} s{i} = {isa.Broadcast($"Unsafe.Add(ref ar, {Offset(m, i)})")};" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.MultiplyAdd($"s{i}", $"v{j}", Accumulator(i, j))};"));
            code.Line(string.Join(" ", statements));
        }

        code.Close();
        var rowOffsets = new List<string>();
        for (int i = 0; i < rows; i++)
        {
            string rowOffset = Offset(Scaled(m, i, PaddedN), 0);
            rowOffset = n == "0" ? rowOffset : rowOffset == "0" ? n : $"{rowOffset} + {n}";
            rowOffsets.Add(rowOffset);
            code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => GradientStore.Store(isa, Offset(rowOffset, j * isa.Width), Accumulator(i, j)))));
        }

        if (UpdatesPerTile)
        {
            bool wholeRows = columns * isa.Width == PaddedN;
            GradientStore.EmitUpdates(code, wholeRows ? rowOffsets.Take(1) : rowOffsets, Text(wholeRows ? rows * PaddedN : columns * isa.Width), weights: true);
        }

        code.Close();
    }
}
