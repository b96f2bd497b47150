using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
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
internal sealed record RowAxpyKernel(string Name, string Comment, int K, int PaddedN, int SourceStride, bool AddBias, ActivationKind Activation, bool StorePreActivation)
{
    /// <summary>The rows the kernel usually sees, for choosing its tiles (the network's batch size).</summary>
    public int ExpectedRows { get; init; } = 1;

    /// <summary>Emits the kernel for one instruction set.</summary>
    public void Emit(CodeWriter code, Isa isa)
    {
        int vectors = PaddedN / isa.Width;
        Tile tile = TilePlanner.Broadcast(isa, ExpectedRows, vectors);
        int perRow = Math.Min(vectors, isa.Accumulators);
        int singleRowSplits = Math.Max(1, Math.Min(isa.Accumulators / perRow, 4));
        if (K < 2 * singleRowSplits)
        {
            singleRowSplits = 1;
        }

        var parameters = new List<string> { "ref float x", "ref float w" };
        if (AddBias)
        {
            parameters.Add("ref float b");
        }

        parameters.Add("ref float y");
        if (StorePreActivation)
        {
            parameters.Add("ref float z");
        }

        parameters.Add("int rows");
        code.Line($"// {Comment}");
        if (tile.Rows > 1)
        {
            code.Line($"// {tile.Rows} rows or more: tiles of {tile.Rows} rows x {tile.Columns} vectors of {isa.Width}, the rows inside each column block so that");
            code.Line($"// its weights stay in cache (the last row tile overlaps the one before). Fewer rows: one at a time, k split {singleRowSplits} ways.");
        }
        else
        {
            code.Line($"// One row at a time, tiles of {perRow} vectors of {isa.Width}, k split {singleRowSplits} ways.");
        }

        code.Line(Isa.FullOptimization);

        code.Open($"private static void {Name}({string.Join(", ", parameters)})");
        if (tile.Rows > 1)
        {
            code.Open($"if (rows >= {tile.Rows})");
            EmitBatchColumns(code, isa, vectors, tile);
            code.Close();
            code.Open("else");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        EmitRowReferences(code);
        EmitColumns(code, isa, vectors, perRow, 1, singleRowSplits);
        code.Close();
        if (tile.Rows > 1)
        {
            code.Close();
        }

        if (EmitContext.ActivationIsElementwise(Activation))
        {
            code.Line();
            code.Line($"// {Activation} over the rows just written");
            code.Open($"for (nuint i = 0; i < (nuint)(rows * {PaddedN}); i += {isa.Width})");
            code.Line(isa.Store($"{EmitContext.ActivationName(Activation)}({isa.Load("y", "i")})", "y", "i"));
            code.Close();
        }

        code.Close();
    }

    private void EmitBatchColumns(CodeWriter code, Isa isa, int vectors, Tile tile)
    {
        int full = vectors / tile.Columns;
        int remainder = vectors % tile.Columns;
        int step = tile.Columns * isa.Width;
        if (full == 1)
        {
            EmitRowTiles(code, isa, tile.Rows, tile.Columns, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitRowTiles(code, isa, tile.Rows, tile.Columns, "n");
            code.Close();
        }

        if (remainder > 0)
        {
            EmitRowTiles(code, isa, tile.Rows, remainder, Text(full * step));
        }
    }

    private void EmitRowTiles(CodeWriter code, Isa isa, int rows, int columns, string n)
    {
        code.Open($"for (int first = 0; first < rows; first += {rows})");
        code.Line($"int r = Math.Min(first, rows - {rows});");
        EmitRowReferences(code);
        EmitTile(code, isa, rows, columns, n, 1);
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

    private void EmitColumns(CodeWriter code, Isa isa, int vectors, int perTile, int rows, int splits)
    {
        int full = vectors / perTile;
        int remainder = vectors % perTile;
        int step = perTile * isa.Width;
        if (full == 1)
        {
            EmitTile(code, isa, rows, perTile, "0", splits);
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, rows, perTile, "n", splits);
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, rows, remainder, Text(full * step), Math.Max(1, Math.Min(isa.Accumulators / remainder, splits)));
        }
    }

    private void EmitTile(CodeWriter code, Isa isa, int rows, int columns, string n, int splits)
    {
        int sets = rows > 1 ? rows : splits;
        code.Open($"// {rows} x {columns} tile at n = {n}");
        for (int set = 0; set < sets; set++)
        {
            bool fromBias = AddBias && (rows > 1 || set == 0);
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j =>
                $"{Accumulator(set, j)} = {(fromBias ? (set == 0 ? isa.Load("b", Offset(n, j * isa.Width)) : Accumulator(0, j)) : isa.Zero)}")));
        }

        bool unroll = K <= 16 && K * sets * columns <= 96;
        if (unroll)
        {
            for (int k = 0; k < K; k++)
            {
                code.Open("// k = " + Text(k));
                EmitStep(code, isa, rows, columns, n, Text(k), rows > 1 ? -1 : k % splits);
                code.Close();
            }
        }
        else if (splits > 1)
        {
            int main = K / splits * splits;
            code.Open($"for (nuint k = 0; k < {main}; k += {splits})");
            for (int s = 0; s < splits; s++)
            {
                EmitStep(code, isa, 1, columns, n, s == 0 ? "k" : $"k + {s}", s, suffix: Text(s));
            }

            code.Close();
            for (int k = main; k < K; k++)
            {
                EmitStep(code, isa, 1, columns, n, Text(k), 0, suffix: "t" + Text(k));
            }
        }
        else
        {
            code.Open($"for (nuint k = 0; k < {K}; k++)");
            EmitStep(code, isa, rows, columns, n, "k", rows > 1 ? -1 : 0);
            code.Close();
        }

        if (rows == 1)
        {
            for (int s = 1; s < sets; s++)
            {
                code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"{Accumulator(0, j)} += {Accumulator(s, j)};")));
            }
        }

        for (int m = 0; m < rows; m++)
        {
            for (int j = 0; j < columns; j++)
            {
                string offset = Offset(n, (m * PaddedN) + (j * isa.Width));
                string value = Accumulator(m, j);
                var statements = new List<string>();
                if (StorePreActivation)
                {
                    statements.Add(isa.Store(value, "zr", offset));
                }

                statements.Add(isa.Store(value, "yr", offset));

                code.Line(string.Join(" ", statements));
            }
        }

        code.Close();
    }

    /// <summary>One k: load the M row's vectors, then per tile row broadcast X[r][k] and multiply-add.</summary>
    /// <param name="set">The accumulator set for a single row split k ways, or -1 when the sets are rows.</param>
    private void EmitStep(CodeWriter code, Isa isa, int rows, int columns, string n, string k, int set, string suffix = "")
    {
        string row = k == "k" ? $"k * {PaddedN}" : k.StartsWith("k", StringComparison.Ordinal) ? $"({k}) * {PaddedN}" : Text(int.Parse(k, CultureInfo.InvariantCulture) * PaddedN);
        string matrixRow = n == "0" ? row : row == "0" ? n : $"{row} + {n}";
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"w{suffix}_{j} = {isa.Load("w", Offset(matrixRow, j * isa.Width))}")));
        for (int m = 0; m < rows; m++)
        {
            int target = set < 0 ? m : set;
            string xOffset = Offset(k, m * SourceStride);
            var statements = new List<string> { $"{isa.VectorType} x{suffix}_{m} = {isa.Broadcast($"Unsafe.Add(ref xr, {xOffset})")};" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j =>
                $"{Accumulator(target, j)} = {isa.MultiplyAdd($"x{suffix}_{m}", $"w{suffix}_{j}", Accumulator(target, j))};"));
            code.Line(string.Join(" ", statements));
        }
    }
}
