using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// A convolution's input gradient, scattered: the gradient rows are cleared, then each output position's gradient goes back
/// through every tap of the kernel transposed, <c>[taps][filters][C]</c>: for each tap, a register tile of several output positions
/// by several vectors of input channels is loaded from the input gradient under the tap, each filter's gradient is broadcast
/// into the tap's row of channels, and the tile is stored back. Input channels are the vector lanes here.
/// </summary>
/// <param name="Layer">The convolution.</param>
/// <param name="Name">The method name.</param>
internal sealed record ConvolutionInputGradientKernel(ConvolutionPlan Layer, string Name) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float d", "ref float wt", "ref float dx", "int rows" };

    private WindowGeometry G => Layer.Geometry;

    private int Fp => Layer.PaddedFilters;

    private int C => Layer.Channels;

    private int Cs => Layer.ChannelStride;

    /// <summary>Floats between two filters' rows of the transposed kernel.</summary>
    private int TransposedRow => MemoryPlan.Pad(C);

    private long OutRow => (long)G.OutPositions * Fp;

    private long ColumnStep => (long)G.StrideX * Cs;

    private long RowStep => (long)G.StrideY * G.PaddedWidth * Cs;

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// Layer {Layer.Index + 1} ({Layer.Declaration}): dx[position + tap][c] += sum over f of dz[position][f] W[tap][c][f]");

        // Whole vectors of channels need positions a whole number of vectors apart.
        if (isa.IsScalar || Cs % isa.Width != 0)
        {
            EmitPortable(code, isa);
            return;
        }

        int vectors = (C + isa.Width - 1) / isa.Width;
        Tile tile = PositionTile(isa, G.OutWidth, vectors);
        code.Line($"// Tiles of {tile.Rows} output positions x {tile.Columns} vectors of {isa.Width} input channels, read, added to and written back for each tap.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line($"MemoryMarshal.CreateSpan(ref dx, rows * {Layer.SourceRowStride}).Clear();");
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight);
        DeclareRef(code, "dxo", "dx", Plus(Times("r", Layer.SourceRowStride), Times(oy, RowStep)));
        DeclareRef(code, "dzo", "d", Plus(Times("r", OutRow), Times(oy, (long)G.OutWidth * Fp)));
        int positions = tile.Rows;
        int full = G.OutWidth / positions;
        if (full == 1)
        {
            EmitTaps(code, isa, positions, tile.Columns, vectors, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (int px = 0; px < {full * positions}; px += {positions})");
            EmitTaps(code, isa, positions, tile.Columns, vectors, "px");
            code.Close();
        }

        if (G.OutWidth % positions > 0)
        {
            EmitTaps(code, isa, G.OutWidth % positions, tile.Columns, vectors, Text(full * positions));
        }

        CloseLoop(code, G.OutHeight);
        code.Close();
        code.Close();
    }

    /// <summary>The positions from <paramref name="px"/> through every tap.</summary>
    private void EmitTaps(CodeWriter code, Isa isa, int positions, int perBlock, int vectors, string px)
    {
        code.Open($"// {positions} output position{(positions == 1 ? string.Empty : "s")} from {px}");
        DeclareRef(code, "dxt", "dxo", Times(px, ColumnStep));
        DeclareRef(code, "dzt", "dzo", Times(px, Fp));
        string ky = OpenLoop(code, "ky", G.KernelHeight);
        string kx = OpenLoop(code, "kx", G.KernelWidth);
        DeclareRef(code, "dxk", "dxt", Plus(Times(ky, (long)G.DilationY * G.PaddedWidth * Cs), Times(kx, (long)G.DilationX * Cs)));
        DeclareRef(code, "wk", "wt", Times(Plus(Times(ky, G.KernelWidth), kx), (long)Layer.Filters * TransposedRow));
        int full = vectors / perBlock;
        int remainder = vectors % perBlock;
        int step = perBlock * isa.Width;
        if (full == 1)
        {
            EmitTile(code, isa, positions, perBlock, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, positions, perBlock, "n");
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, positions, remainder, Text(full * step));
        }

        CloseLoop(code, G.KernelWidth);
        CloseLoop(code, G.KernelHeight);
        code.Close();
    }

    private void EmitTile(CodeWriter code, Isa isa, int positions, int columns, string n)
    {
        code.Open($"// channels from {n}");
        for (int i = 0; i < positions; i++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.Load("dxk", Plus(n, Text((i * ColumnStep) + (j * isa.Width))))}")));
        }

        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"w{j}").Concat(Enumerable.Range(0, positions).Select(i => $"s{i}"))));
        if (Layer.Filters <= UnrollLimit)
        {
            for (int f = 0; f < Layer.Filters; f++)
            {
                EmitStep(code, isa, positions, columns, n, "wk", "dzt", f);
            }
        }
        else
        {
            const int block = 8;
            int blocked = Layer.Filters - (Layer.Filters % block);
            code.Open($"for (int f = 0; f < {blocked}; f += {block})");
            DeclareRef(code, "wf", "wk", Times("f", TransposedRow));
            DeclareRef(code, "dzf", "dzt", "f");
            for (int f = 0; f < block; f++)
            {
                EmitStep(code, isa, positions, columns, n, "wf", "dzf", f);
            }

            code.Close();
            for (int f = blocked; f < Layer.Filters; f++)
            {
                EmitStep(code, isa, positions, columns, n, "wk", "dzt", f);
            }
        }

        for (int i = 0; i < positions; i++)
        {
            code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => isa.Store(Accumulator(i, j), "dxk", Plus(n, Text((i * ColumnStep) + (j * isa.Width)))))));
        }

        code.Close();
    }

    /// <summary>Filter <paramref name="f"/> (from <paramref name="w"/> and <paramref name="dz"/>): the tap's row of channels for it, and its
    /// gradient at each position broadcast into them.</summary>
    private void EmitStep(CodeWriter code, Isa isa, int positions, int columns, string n, string w, string dz, int f)
    {
        code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"w{j} = {isa.Load(w, Plus(n, Text(((long)f * TransposedRow) + (j * isa.Width))))};")));
        for (int i = 0; i < positions; i++)
        {
            var statements = new List<string> { $"s{i} = {isa.Broadcast($"Unsafe.Add(ref {dz}, {Text(((long)i * Fp) + f)})")};" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.MultiplyAdd($"s{i}", $"w{j}", Accumulator(i, j))};"));
            code.Line(string.Join(" ", statements));
        }
    }

    /// <summary>The portable form: the gradient rows cleared, then each output position's gradient times each tap's rows of channels
    /// added under the tap, the innermost loop along the contiguous channels.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line("// Plain loops: each output position's gradient goes back through every tap, the innermost loop along the contiguous channels.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line($"MemoryMarshal.CreateSpan(ref dx, rows * {Layer.SourceRowStride}).Clear();");
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight);
        code.Open($"for (int ox = 0; ox < {G.OutWidth}; ox++)");
        DeclareRef(code, "dzq", "d", Plus(Times("r", OutRow), Times(Plus(Times(oy, G.OutWidth), "ox"), Fp)));
        DeclareRef(code, "dxq", "dx", Plus(Times("r", Layer.SourceRowStride), Times(oy, RowStep), Times("ox", ColumnStep)));
        string ky = OpenLoop(code, "ky", G.KernelHeight);
        string kx = OpenLoop(code, "kx", G.KernelWidth);
        DeclareRef(code, "dxk", "dxq", Plus(Times(ky, (long)G.DilationY * G.PaddedWidth * Cs), Times(kx, (long)G.DilationX * Cs)));
        DeclareRef(code, "wk", "wt", Times(Plus(Times(ky, G.KernelWidth), kx), (long)Layer.Filters * TransposedRow));
        code.Open($"for (int f = 0; f < {Layer.Filters}; f++)");
        code.Line("float dv = Unsafe.Add(ref dzq, f);");
        DeclareRef(code, "wf", "wk", Times("f", TransposedRow));
        code.Open($"for (int c = 0; c < {C}; c++)");
        code.Line("Unsafe.Add(ref dxk, c) += dv * Unsafe.Add(ref wf, c);");
        code.Close();
        code.Close();
        CloseLoop(code, G.KernelWidth);
        CloseLoop(code, G.KernelHeight);
        code.Close();
        CloseLoop(code, G.OutHeight);
        code.Close();
        code.Close();
    }
}
