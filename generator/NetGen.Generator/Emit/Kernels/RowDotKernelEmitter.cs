using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.Kernels.TileNames;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// A kernel of the form <c>Y[r][o] = init[o] + sum_k X[r][k] * M[o][k]</c>, a dot product along
/// contiguous rows of both: the forward pass of an output-major Dense layer (init = bias; the
/// activation runs afterwards) and the input gradient of an input-major one (init = 0). A register
/// tile of several rows by several outputs accumulates vector products and is summed across lanes at the end.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="N">The number of outputs per row.</param>
/// <param name="PaddedK">The length of X and M rows (zero-padded, a multiple of every vector width).</param>
/// <param name="DestinationStride">Floats between Y rows.</param>
/// <param name="AddBias">Whether outputs start at the bias <c>b</c>.</param>
/// <param name="StorePreActivation">Whether the outputs are also stored to <c>z</c>.</param>
internal sealed record RowDotKernel(string Name, string Comment, int N, int PaddedK, int DestinationStride, bool AddBias, bool StorePreActivation) : IKernel
{
    /// <summary>The element-wise activation applied to the rows at the end, in one pass (None for none).</summary>
    public Activation Activation { get; init; } = Activation.None;

    /// <summary>For the variant that one-row inference calls run once the matrix has been copied into the order a one-row tile reads it
    /// (<see cref="RowDotInterleaving"/>): the name of the kernel over the matrix itself, which the scalar path calls. Null for that kernel.</summary>
    public string? ReadsCopyOf { get; init; }

    public IReadOnlyList<string> Parameters => ReadsCopyOf is null
        ? ProductParameters.Of(AddBias, StorePreActivation)
        : ProductParameters.Of(AddBias, StorePreActivation).SelectMany(p => p == "ref float w" ? new[] { p, "ref float copy" } : new[] { p }).ToArray();

    /// <summary>The rows the kernel usually sees, for choosing its tiles (the network's batch size).</summary>
    public int ExpectedRows { get; init; } = 1;

    /// <summary>How M is stored: as plain rows of <see cref="PaddedK"/>, or in panels of columns (an input-major weight matrix, whose
    /// rows are then the outputs here), so that each dot product runs panel after panel.</summary>
    public PanelLayout Panels { get; init; } = PanelLayout.Single(PaddedK);

    public void Emit(CodeWriter code, Isa isa)
    {
        if (isa.IsScalar)
        {
            if (ReadsCopyOf is not null)
            {
                EmitCallOfPlainKernel(code, isa);
                return;
            }

            EmitPortable(code, isa);
            return;
        }

        int kVectors = PaddedK / isa.Width;
        int laneRows = ReadsCopyOf is null ? LaneSumRows(isa) : 0;
        Tile batch = ReadsCopyOf is not null ? new Tile(1, 1) : laneRows > 0 ? new Tile(laneRows, 4) : TilePlanner.Dot(isa.RegisterFile, ExpectedRows, N, kVectors);
        int laneOutputs = RowDotInterleaving.TileOutputs(N, isa);
        Tile single = laneOutputs > 0 ? new Tile(1, laneOutputs) : TilePlanner.Dot(isa.RegisterFile, 1, N, kVectors);
        string singleSums = laneOutputs > 0 ? $", summed across lanes {isa.Width} at a time into a vector of outputs" : string.Empty;
        code.Line($"// {Comment}");
        if (ReadsCopyOf is not null && laneOutputs > 0)
        {
            code.Line($"// Each whole tile of {laneOutputs} outputs reads the copy of M in the order it needs (one stream); the outputs after the last whole tile read M.");
        }

        if (!Panels.IsSingle)
        {
            code.Line($"// M is stored in panels of {Panels.Width} columns: each dot product runs through the panels in turn.");
        }

        if (batch.Rows > 1)
        {
            string batchSums = laneRows > 0 ? $", their {laneRows * 4} sums across lanes taken {isa.Width} at a time" : string.Empty;
            code.Line($"// {batch.Rows} rows or more: tiles of {batch.Rows} rows x {batch.Columns} outputs{batchSums}, the rows inside each block of outputs (the last row");
            code.Line($"// tile overlaps the one before); fewer rows: one at a time, {single.Columns} outputs at once{singleSums}. Each output is a dot product of {kVectors} vectors of {isa.Width}.");
        }
        else
        {
            code.Line($"// One row at a time, {single.Columns} outputs at once{singleSums}, each a dot product of {kVectors} vectors of {isa.Width}.");
        }

        isa.OptimizeFully(code);

        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (batch.Rows > 1)
        {
            code.Open($"if (rows >= {batch.Rows})");
            EmitOutputs(code, isa, batch.Rows, batch.Columns, overlapRows: true, laneSums: laneRows > 0);
            code.Close();
            code.Open("else");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        EmitRowReferences(code);
        EmitOutputs(code, isa, 1, single.Columns, overlapRows: false, laneSums: laneOutputs > 0);
        code.Close();
        if (batch.Rows > 1)
        {
            code.Close();
        }

        ActivationCode.EmitEpilogue(code, isa, Activation, DestinationStride);
        code.Close();
    }

    private void EmitRowReferences(CodeWriter code)
    {
        code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {PaddedK});");
        code.Line($"ref float yr = ref Unsafe.Add(ref y, r * {DestinationStride});");
        if (StorePreActivation)
        {
            code.Line($"ref float zr = ref Unsafe.Add(ref z, r * {DestinationStride});");
        }
    }

    private void EmitOutputs(CodeWriter code, Isa isa, int rows, int perTile, bool overlapRows, bool laneSums = false)
    {
        int full = N / perTile;
        int remainder = N % perTile;
        bool fromCopy = ReadsCopyOf is not null && laneSums;
        if (full == 1)
        {
            EmitRows(code, isa, rows, perTile, "0", overlapRows, laneSums, fromCopy);
        }
        else if (full > 1)
        {
            code.Open($"for (nuint o = 0; o < {full * perTile}; o += {perTile})");
            EmitRows(code, isa, rows, perTile, "o", overlapRows, laneSums, fromCopy);
            code.Close();
        }

        // A row's whole vectors of outputs left over are summed a vector at a time too; outputs that do not fill a vector each on their own.
        int vectors = laneSums && rows == 1 ? remainder / isa.Width * isa.Width : 0;
        if (vectors > 0)
        {
            EmitRows(code, isa, rows, vectors, Text(full * perTile), overlapRows, laneSums);
        }

        if (remainder > vectors)
        {
            EmitRows(code, isa, rows, remainder - vectors, Text((full * perTile) + vectors), overlapRows);
        }
    }

    /// <summary>
    /// The rows of a batch tile of 4 outputs whose sums across lanes are taken a vector at a time: as many rows as fill a vector with
    /// their 4 sums each (2 on the Vector128 path, whose vector is one row's 4), or 0 when the layer has fewer than 4 outputs or
    /// usually sees fewer rows; then each row's 4 outputs are one 128-bit block of the sums.
    /// </summary>
    private int LaneSumRows(Isa isa)
    {
        int rows = Math.Max(2, isa.Width / 4);
        return N < 4 || ExpectedRows < rows || rows * 4 > isa.Accumulators ? 0 : rows;
    }

    private void EmitRows(CodeWriter code, Isa isa, int rows, int outputs, string o, bool overlapRows, bool laneSums = false, bool fromCopy = false)
    {
        if (!overlapRows)
        {
            EmitTile(code, isa, rows, outputs, o, laneSums, fromCopy);
            return;
        }

        code.Open($"for (int first = 0; first < rows; first += {rows})");
        code.Line($"int r = Math.Min(first, rows - {rows});");
        EmitRowReferences(code);
        EmitTile(code, isa, rows, outputs, o, laneSums);
        code.Close();
    }

    private void EmitTile(CodeWriter code, Isa isa, int rows, int outputs, string o, bool laneSums = false, bool fromCopy = false)
    {
        code.Open($"// {rows} x {outputs} tile at o = {o}" + (fromCopy ? ", from the copy" : string.Empty));
        for (int m = 0; m < rows; m++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, outputs).Select(j => $"{Accumulator(m, j)} = {isa.Zero}")));
        }

        if (fromCopy)
        {
            code.Line(o == "0" ? "ref float tile = ref copy;" : $"ref float tile = ref Unsafe.Add(ref copy, {o} * {PaddedK});");
        }

        Panels.Emit(code, (start, column, width) =>
        {
            string matrix = PanelCode.Reference(code, "w", start);
            code.Open($"for (nuint k = 0; k < {width}; k += {isa.Width})");
            string k = PanelCode.Add(column, "k");
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, rows).Select(m => $"x{m} = {isa.Load("xr", Offset(k, m * PaddedK))}")));
            string[] weights = Enumerable.Range(0, outputs)
                .Select(j => fromCopy
                    ? isa.Load("tile", j == 0 ? $"k * {outputs}" : Offset($"(k * {outputs})", j * isa.Width))
                    : isa.Load(matrix, PanelCode.Add(Scaled(o, j, width), "k")))
                .ToArray();
            if (rows == 1)
            {
                // Each weight vector is read once: as the multiply-add's memory operand, not held in a register of its own.
                code.Line(string.Join(" ", Enumerable.Range(0, outputs).Select(j => $"{Accumulator(0, j)} = {isa.MultiplyAdd("x0", weights[j], Accumulator(0, j))};")));
            }
            else
            {
                code.Line(Declare(isa.VectorType, Enumerable.Range(0, outputs).Select(j => $"w{j} = {weights[j]}")));
                for (int m = 0; m < rows; m++)
                {
                    code.Line(string.Join(" ", Enumerable.Range(0, outputs).Select(j => $"{Accumulator(m, j)} = {isa.MultiplyAdd($"x{m}", $"w{j}", Accumulator(m, j))};")));
                }
            }

            code.Close();
        });
        if (laneSums)
        {
            if (outputs % isa.Width == 0)
            {
                EmitVectorsOfSums(code, isa, rows, outputs, o);
            }
            else
            {
                EmitBlocksOfSums(code, isa, rows, o);
            }

            code.Close();
            return;
        }

        // One line per tile row: each output's lanes summed (plus the bias) and stored.
        for (int m = 0; m < rows; m++)
        {
            var statements = new List<string>();
            for (int j = 0; j < outputs; j++)
            {
                string output = Offset(o, j);
                string value = isa.Sum(Accumulator(m, j)) + (AddBias ? $" + Unsafe.Add(ref b, {output})" : string.Empty);
                string destination = Offset(output, m * DestinationStride);
                statements.Add(StorePreActivation
                    ? $"Unsafe.Add(ref zr, {destination}) = Unsafe.Add(ref yr, {destination}) = {value};"
                    : $"Unsafe.Add(ref yr, {destination}) = {value};");
            }

            code.Line(string.Join(" ", statements));
        }

        code.Close();
    }

    /// <summary>Each row's outputs a vector at a time: the sums across the lanes of as many accumulators as a vector has lanes (plus
    /// the bias), stored as one vector.</summary>
    private void EmitVectorsOfSums(CodeWriter code, Isa isa, int rows, int outputs, string o)
    {
        for (int m = 0; m < rows; m++)
        {
            for (int first = 0; first < outputs; first += isa.Width)
            {
                int mm = m;
                string accumulators = string.Join(", ", Enumerable.Range(first, isa.Width).Select(j => Accumulator(mm, j)));
                string value = $"global::NetGen.Kernels.LaneSums.Sum({accumulators})" + (AddBias ? $" + {isa.Load("b", Offset(o, first))}" : string.Empty);
                string sum = rows == 1 ? $"s{first / isa.Width}" : $"s{m}_{first / isa.Width}";
                string destination = Offset(Offset(o, first), m * DestinationStride);
                code.Line($"{isa.VectorType} {sum} = {value};");
                code.Line(isa.Store(sum, "yr", destination) + (StorePreActivation ? " " + isa.Store(sum, "zr", destination) : string.Empty));
            }
        }
    }

    /// <summary>A tile of 4 outputs per row, wider vectors: the sums of as many rows' accumulators as a vector has lanes at once,
    /// each row's 4 sums one 128-bit block of the result, stored (plus the bias) to that row.</summary>
    private void EmitBlocksOfSums(CodeWriter code, Isa isa, int rows, string o)
    {
        int rowsPerSum = isa.Width / 4;
        if (AddBias)
        {
            code.Line($"Vector128<float> bias = Vector128.LoadUnsafe(ref b, {o});");
        }

        for (int first = 0; first < rows; first += rowsPerSum)
        {
            int top = first;
            string accumulators = string.Join(", ", Enumerable.Range(top, rowsPerSum).SelectMany(m => Enumerable.Range(0, 4).Select(j => Accumulator(m, j))));
            string sum = $"s{first / rowsPerSum}";
            code.Line($"{isa.VectorType} {sum} = global::NetGen.Kernels.LaneSums.Sum({accumulators});");
            for (int block = 0; block < rowsPerSum; block++)
            {
                string part = Block(sum, block, rowsPerSum);
                string value = AddBias ? $"{part} + bias" : part;
                string destination = Offset(o, (first + block) * DestinationStride);
                string name = $"q{first + block}";
                code.Line($"Vector128<float> {name} = {value}; {name}.StoreUnsafe(ref yr, {destination});" + (StorePreActivation ? $" {name}.StoreUnsafe(ref zr, {destination});" : string.Empty));
            }
        }
    }

    /// <summary>128-bit block <paramref name="block"/> of a vector of <paramref name="blocks"/> blocks (2 or 4).</summary>
    private static string Block(string vector, int block, int blocks) => blocks == 2
        ? $"{vector}.{(block == 0 ? "GetLower" : "GetUpper")}()"
        : $"{vector}.{(block < 2 ? "GetLower" : "GetUpper")}().{(block % 2 == 0 ? "GetLower" : "GetUpper")}()";

    /// <summary>The scalar path of the variant over the copy: the scalar kernel reads M itself.</summary>
    private void EmitCallOfPlainKernel(CodeWriter code, Isa isa)
    {
        code.Line($"// {Comment}");
        code.Line("// This path's one-row product reads M itself.");
        code.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        string arguments = string.Join(", ", ProductParameters.Of(AddBias, StorePreActivation).Select(p => p.StartsWith("ref ", StringComparison.Ordinal) ? "ref " + p.Split(' ')[2] : p.Split(' ')[1]));
        code.Line($"{ReadsCopyOf}{isa.MethodSuffix}({arguments});");
        code.Close();
    }

    /// <summary>The portable form: one dot product per output, plain loops along the contiguous rows of X and M.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line($"// {Comment}");
        code.Line("// Plain loops: one dot product per output along the contiguous rows of X and M.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {PaddedK});");
        code.Open($"for (int o = 0; o < {N}; o++)");
        code.Line($"float sum = {(AddBias ? "Unsafe.Add(ref b, o)" : "0f")};");
        Panels.Emit(code, (start, column, width) =>
        {
            string matrix = PanelCode.Reference(code, "w", start);
            code.Line($"ref float mo = ref Unsafe.Add(ref {matrix}, o * {width});");
            code.Line(column == "0" ? "ref float xc = ref xr;" : $"ref float xc = ref Unsafe.Add(ref xr, {column});");
            code.Open($"for (int k = 0; k < {width}; k++)");
            code.Line("sum += Unsafe.Add(ref xc, k) * Unsafe.Add(ref mo, k);");
            code.Close();
        });
        code.Line(StorePreActivation
            ? $"Unsafe.Add(ref z, (r * {DestinationStride}) + o) = Unsafe.Add(ref y, (r * {DestinationStride}) + o) = sum;"
            : $"Unsafe.Add(ref y, (r * {DestinationStride}) + o) = sum;");
        code.Close();
        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Activation, DestinationStride);
        code.Close();
    }

}
