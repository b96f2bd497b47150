using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Vocabulary;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// A kernel of the form <c>Y[r][n] = epilogue(init[n] + sum_k X[r][k] * M[k][n])</c> for every row:
/// the forward pass of an input-major Dense layer (init = bias, epilogue = activation) and the input
/// gradient of an output-major one (init = 0). Each X element is broadcast and multiplied into a
/// register tile of several rows by several vectors of M's row k.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes, for the comment above it.</param>
/// <param name="K">The reduction length: X columns and M rows.</param>
/// <param name="PaddedN">The width of M and Y rows (a multiple of every vector width).</param>
/// <param name="SourceStride">Floats between X rows.</param>
/// <param name="AddBias">Whether accumulators start at the bias <c>b</c> (else at 0).</param>
/// <param name="Activation">The activation applied to the rows at the end, in one pass (element-wise ones only): one call
/// site of the activation per kernel keeps the JIT's inlining budget for the multiply-adds of the tiles.</param>
/// <param name="StorePreActivation">Whether the values before the activation are also stored to <c>z</c>.</param>
internal sealed record RowAxpyKernel(string Name, string Comment, int K, int PaddedN, int SourceStride, bool AddBias, Activation Activation, bool StorePreActivation) : IKernel
{
    public IReadOnlyList<string> Parameters => ProductParameters.Of(AddBias, StorePreActivation);

    /// <summary>The rows the kernel usually sees, for choosing its tiles (the network's batch size).</summary>
    public int ExpectedRows { get; init; } = 1;

    /// <summary>How M is stored: in panels of columns (an input-major weight matrix) or as plain rows of <see cref="PaddedN"/>.</summary>
    public PanelLayout Panels { get; init; } = PanelLayout.Single(PaddedN);

    /// <summary>Emits the kernel for one instruction set.</summary>
    public void Emit(CodeWriter code, Isa isa)
    {
        if (isa.IsScalar)
        {
            EmitPortable(code, isa);
            return;
        }

        int vectors = Panels.WidestWidth / isa.Width;
        Tile tile = TilePlanner.Broadcast(isa.RegisterFile, ExpectedRows, vectors);
        int perRow = Math.Min(vectors, isa.Accumulators);
        int singleRowSplits = SingleRowSplits(isa, perRow);

        code.Line($"// {Comment}");
        if (!Panels.IsSingle)
        {
            code.Line($"// M is stored in panels of {Panels.Width} columns ([{K}][{Panels.Width}] each, contiguous), so that a column block reads one stream.");
        }

        if (tile.Rows > 1)
        {
            code.Line($"// {tile.Rows} rows or more: tiles of {tile.Rows} rows x {tile.Columns} vectors of {isa.Width}, the rows inside each column block so that");
            code.Line($"// its weights stay in cache (the last row tile overlaps the one before). Fewer rows: one at a time, {Chains(singleRowSplits)}.");
        }
        else
        {
            code.Line($"// One row at a time, tiles of {perRow} vectors of {isa.Width}, {Chains(singleRowSplits)}.");
        }

        isa.OptimizeFully(code);

        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (tile.Rows > 1)
        {
            code.Open($"if (rows >= {tile.Rows})");
            Panels.Emit(code, (start, column, width) => EmitBatchColumns(code, isa, tile, new Block(PanelCode.Reference(code, "w", start), width, column)));
            code.Close();
            code.Open("else");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        EmitRowReferences(code);
        Panels.Emit(code, (start, column, width) =>
        {
            int panelVectors = width / isa.Width;
            int panelPerRow = Math.Min(panelVectors, isa.Accumulators);
            EmitColumns(code, isa, new Block(PanelCode.Reference(code, "w", start), width, column), panelVectors, panelPerRow, SingleRowSplits(isa, panelPerRow));
        });
        code.Close();
        if (tile.Rows > 1)
        {
            code.Close();
        }

        ActivationCode.EmitEpilogue(code, isa, Activation, PaddedN);
        code.Close();
    }

    /// <summary>How a single row's sum over k runs, in words.</summary>
    private static string Chains(int splits) => splits == 1 ? "k in one chain" : $"k split {splits} ways into independent chains";

    /// <summary>The ways a single row splits k into independent accumulator chains.</summary>
    private int SingleRowSplits(Isa isa, int perRow)
    {
        int splits = Math.Max(1, Math.Min(isa.Accumulators / perRow, 4));
        return K < 2 * splits ? 1 : splits;
    }

    private void EmitBatchColumns(CodeWriter code, Isa isa, Tile tile, Block block)
    {
        int vectors = block.Width / isa.Width;
        int columns = Math.Min(tile.Columns, vectors);
        int full = vectors / columns;
        int remainder = vectors % columns;
        int step = columns * isa.Width;
        if (full == 1)
        {
            EmitRowTiles(code, isa, tile.Rows, columns, block, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitRowTiles(code, isa, tile.Rows, columns, block, "n");
            code.Close();
        }

        if (remainder > 0)
        {
            EmitRowTiles(code, isa, tile.Rows, remainder, block, Text(full * step));
        }
    }

    private void EmitRowTiles(CodeWriter code, Isa isa, int rows, int columns, Block block, string n)
    {
        code.Open($"for (int first = 0; first < rows; first += {rows})");
        code.Line($"int r = Math.Min(first, rows - {rows});");
        EmitRowReferences(code);
        EmitTile(code, isa, rows, columns, block, n, 1);
        code.Close();
    }

    private void EmitRowReferences(CodeWriter code)
    {
        code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {SourceStride});");
        code.Line($"ref float yr = ref Unsafe.Add(ref y, r * {PaddedN});");
        if (StorePreActivation)
        {
            code.Line($"ref float zr = ref Unsafe.Add(ref z, r * {PaddedN});");
        }
    }

    private void EmitColumns(CodeWriter code, Isa isa, Block block, int vectors, int perTile, int splits)
    {
        int full = vectors / perTile;
        int remainder = vectors % perTile;
        int step = perTile * isa.Width;
        if (full == 1)
        {
            EmitTile(code, isa, 1, perTile, block, "0", splits);
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, 1, perTile, block, "n", splits);
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, 1, remainder, block, Text(full * step), Math.Max(1, Math.Min(isa.Accumulators / remainder, splits)));
        }
    }

    /// <summary>A tile at column <paramref name="n"/> of <paramref name="block"/>: M rows read from the block's panel, bias and
    /// outputs at the block's first column plus <paramref name="n"/>.</summary>
    private void EmitTile(CodeWriter code, Isa isa, int rows, int columns, Block block, string n, int splits)
    {
        int sets = rows > 1 ? rows : splits;
        string output = PanelCode.Add(block.Column, n);
        code.Open($"// {rows} x {columns} tile at n = {output}");
        for (int set = 0; set < sets; set++)
        {
            bool fromBias = AddBias && (rows > 1 || set == 0);
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j =>
                $"{Accumulator(set, j)} = {(fromBias ? (set == 0 ? isa.Load("b", Offset(output, j * isa.Width)) : Accumulator(0, j)) : isa.Zero)}")));
        }

        bool unroll = K <= 16 && K * sets * columns <= 96;
        if (unroll)
        {
            // The registers of a step, declared once; then each k, unrolled, loads M's row k and multiplies it in.
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"w_{j}").Concat(Enumerable.Range(0, rows).Select(m => $"x_{m}"))) + $" // k = 0 to {K - 1}, unrolled");
            for (int k = 0; k < K; k++)
            {
                EmitStep(code, isa, rows, columns, block, n, Text(k), rows > 1 ? -1 : k % splits, declared: true);
            }
        }
        else if (splits > 1)
        {
            int main = K / splits * splits;
            code.Open($"for (nuint k = 0; k < {main}; k += {splits})");
            for (int s = 0; s < splits; s++)
            {
                EmitStep(code, isa, 1, columns, block, n, s == 0 ? "k" : $"k + {s}", s, suffix: Text(s));
            }

            code.Close();
            for (int k = main; k < K; k++)
            {
                EmitStep(code, isa, 1, columns, block, n, Text(k), 0, suffix: "t" + Text(k));
            }
        }
        else
        {
            code.Open($"for (nuint k = 0; k < {K}; k++)");
            EmitStep(code, isa, rows, columns, block, n, "k", rows > 1 ? -1 : 0);
            code.Close();
        }

        if (rows == 1)
        {
            for (int s = 1; s < sets; s++)
            {
                code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"{Accumulator(0, j)} += {Accumulator(s, j)};")));
            }
        }

        // One line per tile row: its stores (and those of the pre-activation).
        for (int m = 0; m < rows; m++)
        {
            var statements = new List<string>();
            for (int j = 0; j < columns; j++)
            {
                string offset = Offset(output, (m * PaddedN) + (j * isa.Width));
                if (StorePreActivation)
                {
                    statements.Add(isa.Store(Accumulator(m, j), "zr", offset));
                }

                statements.Add(isa.Store(Accumulator(m, j), "yr", offset));
            }

            code.Line(string.Join(" ", statements));
        }

        code.Close();
    }

    /// <summary>One k: load the M row's vectors, then per tile row broadcast X[r][k] and multiply-add.</summary>
    /// <param name="set">The accumulator set for a single row split k ways, or -1 when the sets are rows.</param>
    /// <param name="declared">Whether the step's registers are declared already (an unrolled k), so that it assigns them.</param>
    private void EmitStep(CodeWriter code, Isa isa, int rows, int columns, Block block, string n, string k, int set, string suffix = "", bool declared = false)
    {
        string row = k == "k" ? $"k * {block.Width}" : k.StartsWith("k", StringComparison.Ordinal) ? $"({k}) * {block.Width}" : Text(int.Parse(k, CultureInfo.InvariantCulture) * block.Width);
        string matrixRow = n == "0" ? row : row == "0" ? n : $"{row} + {n}";
        IEnumerable<string> loads = Enumerable.Range(0, columns).Select(j => $"w{suffix}_{j} = {isa.Load(block.Matrix, Offset(matrixRow, j * isa.Width))}");
        code.Line(declared ? string.Join(" ", loads.Select(load => load + ";")) : Declare(isa.VectorType, loads));
        for (int m = 0; m < rows; m++)
        {
            int target = set < 0 ? m : set;
            string xOffset = Offset(k, m * SourceStride);
            string broadcast = $"x{suffix}_{m} = {isa.Broadcast($"Unsafe.Add(ref xr, {xOffset})")};";
            var statements = new List<string> { declared ? broadcast : $"{isa.VectorType} {broadcast}" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j =>
                $"{Accumulator(target, j)} = {isa.MultiplyAdd($"x{suffix}_{m}", $"w{suffix}_{j}", Accumulator(target, j))};"));
            code.Line(string.Join(" ", statements));
        }
    }

    /// <summary>A run of columns of M: the reference to its first row (a panel, or M itself), its row length, and the
    /// column of the outputs it starts at.</summary>
    private readonly record struct Block(string Matrix, int Width, string Column);

    /// <summary>The portable form: plain loops, the innermost along contiguous columns, which a C++ compiler (IL2CPP) vectorises.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line($"// {Comment}");
        code.Line("// Plain loops, the innermost along contiguous columns.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {SourceStride});");
        code.Line($"ref float yr = ref Unsafe.Add(ref y, r * {PaddedN});");
        code.Open($"for (int n = 0; n < {PaddedN}; n++)");
        code.Line($"Unsafe.Add(ref yr, n) = {(AddBias ? "Unsafe.Add(ref b, n)" : "0f")};");
        code.Close();
        Panels.Emit(code, (start, column, width) =>
        {
            string matrix = PanelCode.Reference(code, "w", start);
            code.Open($"for (int k = 0; k < {K}; k++)");
            code.Line("float xk = Unsafe.Add(ref xr, k);");
            code.Line($"ref float mk = ref Unsafe.Add(ref {matrix}, k * {width});");
            code.Line(column == "0" ? "ref float yc = ref yr;" : $"ref float yc = ref Unsafe.Add(ref yr, {column});");
            code.Open($"for (int n = 0; n < {width}; n++)");
            code.Line("Unsafe.Add(ref yc, n) += xk * Unsafe.Add(ref mk, n);");
            code.Close();
            code.Close();
        });
        if (StorePreActivation)
        {
            code.Line($"MemoryMarshal.CreateReadOnlySpan(ref yr, {PaddedN}).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref z, r * {PaddedN}), {PaddedN}));");
        }

        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Activation, PaddedN);
        code.Close();
    }

}
