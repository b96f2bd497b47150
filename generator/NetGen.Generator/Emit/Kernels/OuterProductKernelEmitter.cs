using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Planning;
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
internal sealed record OuterProductKernel(string Name, string Comment, int M, int PaddedN, int ScalarStride) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float a", "ref float v", "ref float p", "int rows", "int part", "int parts", GradientStore.ModeParameter, GradientStore.CoefficientsParameter };

    /// <summary>Gradients larger than this many floats are updated block of rows by block of rows, while each is in the
    /// first-level cache; smaller ones at the end of the kernel in one call, while the whole gradient is in the second-level cache.
    /// A gradient stored in panels is updated panel by panel instead, each right after it is summed.</summary>
    public const int TileUpdateThreshold = 128 * 1024;

    private bool UpdatesPerTile => Panels.IsSingle && (long)M * PaddedN > TileUpdateThreshold;

    /// <summary>How G is stored: as plain rows of <see cref="PaddedN"/>, or in panels of columns (an input-major weight matrix).</summary>
    public PanelLayout Panels { get; init; } = PanelLayout.Single(PaddedN);

    public void Emit(CodeWriter code, Isa isa)
    {
        if (isa.IsScalar)
        {
            EmitPortable(code, isa);
            return;
        }

        int vectors = Panels.WidestWidth / isa.Width;
        Tile tile = TilePlanner.Broadcast(isa.RegisterFile, M, vectors);
        code.Line($"// {Comment}");
        code.Line($"// Tiles of {tile.Rows} rows of G x {tile.Columns} vectors of {isa.Width}, summed over the batch, then written to G");
        code.Line("// (p points at the layer's weights; G and the optimizer state are at the same place in their blocks).");
        if (Panels.IsSingle)
        {
            code.Line("// The column blocks run inside each block of rows of G, so that those rows of G, of the parameters and of the");
            code.Line("// optimizer state are contiguous and, in a fused step of a large layer, updated at once while in cache.");
        }
        else
        {
            code.Line($"// G is stored in panels of {Panels.Width} columns ([{M}][{Panels.Width}] each, contiguous), taken one after the other, so");
            code.Line("// that the columns of V a panel needs stay in cache while its rows of G stream once. In a fused step, the rows of a");
            code.Line("// panel are updated right after they are summed, while they are in the second-level cache.");
        }
        isa.OptimizeFully(code);
        code.Line($"// Part 'part' of 'parts' takes its share of the {Tiles(tile)} tiles of rows of G.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        int fullTiles = M / tile.Rows;
        string tiles = Tiles(tile) == 1 ? string.Empty : $"{Tiles(tile)} * ";
        code.Line($"int firstTile = {tiles}part / parts, endTile = {tiles}(part + 1) / parts;");
        code.Line($"nuint mStart = (nuint){TileRow("firstTile", tile, fullTiles)}, mEnd = (nuint){TileRow("endTile", tile, fullTiles)};");
        if (M % tile.Rows > 0)
        {
            code.Line($"bool lastTile = endTile > {fullTiles};");
        }

        if (Panels.IsSingle)
        {
            EmitRowBlocks(code, isa, tile, fullTiles, new Block("0", PaddedN, "0"));
            if (!UpdatesPerTile)
            {
                code.Line(FirstAndEndRow(tile));
                GradientStore.EmitUpdates(code, new[] { $"firstRow * {PaddedN}" }, $"(endRow - firstRow) * {PaddedN}", weights: true);
            }
        }
        else
        {
            // Panel after panel; in a fused step, a panel's rows are updated as soon as they are summed, while in the second-level cache.
            code.Line(FirstAndEndRow(tile));
            Panels.Emit(code, (start, column, width) => EmitRowBlocks(code, isa, tile, fullTiles, new Block(start, width, column)));
            Panels.Emit(code, (start, column, width) => GradientStore.EmitUpdates(code, new[] { PanelCode.Add(start, $"(nuint)(firstRow * {width})") }, $"(endRow - firstRow) * {width}", weights: true));
        }

        code.Close();
    }

    private string FirstAndEndRow(Tile tile) => M % tile.Rows == 0
        ? $"int firstRow = {Times("firstTile", tile.Rows)}, endRow = {Times("endTile", tile.Rows)};"
        : $"int firstRow = Math.Min({Times("firstTile", tile.Rows)}, {M}), endRow = Math.Min({Times("endTile", tile.Rows)}, {M});";

    /// <summary>The first row of G of tile <paramref name="index"/>, among the full tiles only (the last, partial tile has its own code).</summary>
    private string TileRow(string index, Tile tile, int fullTiles)
    {
        string clamped = M % tile.Rows == 0 ? index : $"Math.Min({index}, {fullTiles})";
        return "(" + Times(clamped, tile.Rows) + ")";
    }

    private static string Times(string expression, int factor) => factor == 1 ? expression : $"{expression} * {factor}";

    private int Tiles(Tile tile) => (M + tile.Rows - 1) / tile.Rows;

    /// <summary>The blocks of rows of G this part takes, within one panel (all of G when it is not split).</summary>
    private void EmitRowBlocks(CodeWriter code, Isa isa, Tile tile, int fullTiles, Block block)
    {
        if (fullTiles > 0)
        {
            code.Open($"for (nuint m = mStart; m < mEnd; m += {tile.Rows})");
            EmitColumns(code, isa, tile.Rows, "m", tile.Columns, block);
            code.Close();
        }

        if (M % tile.Rows > 0)
        {
            code.Open("if (lastTile)");
            EmitColumns(code, isa, M % tile.Rows, Text(fullTiles * tile.Rows), tile.Columns, block);
            code.Close();
        }
    }

    /// <summary>Every column block of <paramref name="rows"/> rows of G from <paramref name="m"/> in the panel <paramref name="block"/>;
    /// then, in a fused step of a large layer, the update of those rows of the panel, while they are in cache.</summary>
    private void EmitColumns(CodeWriter code, Isa isa, int rows, string m, int perTile, Block block)
    {
        int vectors = block.Width / isa.Width;
        int columns = Math.Min(perTile, vectors);
        int full = vectors / columns;
        int remainder = vectors % columns;
        int step = columns * isa.Width;
        if (full == 1)
        {
            EmitTile(code, isa, rows, columns, m, block, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, rows, columns, m, block, "n");
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, rows, remainder, m, block, Text(full * step));
        }

        if (UpdatesPerTile)
        {
            GradientStore.EmitUpdates(code, new[] { PanelCode.Add(block.Start, Scaled(m, 0, block.Width)) }, Text(rows * block.Width), weights: true);
        }
    }

    /// <summary>A tile of G at rows <paramref name="m"/> and column <paramref name="n"/> of the panel <paramref name="block"/>.</summary>
    private void EmitTile(CodeWriter code, Isa isa, int rows, int columns, string m, Block block, string n)
    {
        string vColumn = PanelCode.Add(block.Column, n);
        code.Open($"// {rows} x {columns} tile at m = {m}, n = {vColumn}");
        for (int i = 0; i < rows; i++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.Zero}")));
        }

        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float ar = ref Unsafe.Add(ref a, r * {ScalarStride});");
        code.Line($"ref float vr = ref Unsafe.Add(ref v, r * {PaddedN});");
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"v{j} = {isa.Load("vr", Offset(vColumn, j * isa.Width))}")));
        for (int i = 0; i < rows; i++)
        {
            var statements = new List<string> { $"{isa.VectorType} s{i} = {isa.Broadcast($"Unsafe.Add(ref ar, {Offset(m, i)})")};" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.MultiplyAdd($"s{i}", $"v{j}", Accumulator(i, j))};"));
            code.Line(string.Join(" ", statements));
        }

        code.Close();
        for (int i = 0; i < rows; i++)
        {
            string rowOffset = PanelCode.Add(block.Start, PanelCode.Add(Offset(Scaled(m, i, block.Width), 0), n));
            code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => GradientStore.Store(isa, Offset(rowOffset, j * isa.Width), Accumulator(i, j)))));
        }

        code.Close();
    }

    /// <summary>A panel of G: its offset from the start of G, its width and the column of V it starts at.</summary>
    private readonly record struct Block(string Start, int Width, string Column);

    /// <summary>The portable form: each row of G cleared (unless accumulating), then each batch row's outer product added to it,
    /// the innermost loop along contiguous columns. Part 'part' of 'parts' takes its share of the rows of G.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line($"// {Comment}");
        code.Line("// Plain loops: each row of G gets every batch row's contribution, the innermost loop along contiguous columns.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        code.Line($"int firstRow = {M} * part / parts, endRow = {M} * (part + 1) / parts;");
        Panels.Emit(code, (start, column, width) =>
        {
            code.Open("for (int m = firstRow; m < endRow; m++)");
            code.Line($"ref float gm = ref Unsafe.Add(ref g, {PanelCode.Add(start, $"(nuint)(m * {width})")});");
            code.Open("if (mode != global::NetGen.Kernels.GradientMode.Accumulate)");
            code.Line($"MemoryMarshal.CreateSpan(ref gm, {width}).Clear();");
            code.Close();
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"float am = Unsafe.Add(ref a, (r * {ScalarStride}) + m);");
            code.Line($"ref float vr = ref Unsafe.Add(ref v, {(column == "0" ? $"r * {PaddedN}" : $"(nuint)(r * {PaddedN}) + {column}")});");
            code.Open($"for (int n = 0; n < {width}; n++)");
            code.Line("Unsafe.Add(ref gm, n) += am * Unsafe.Add(ref vr, n);");
            code.Close();
            code.Close();
            code.Close();
        });
        Panels.Emit(code, (start, column, width) => GradientStore.EmitUpdates(code, new[] { PanelCode.Add(start, $"(nuint)(firstRow * {width})") }, $"(endRow - firstRow) * {width}", weights: true));
        code.Close();
    }

}
