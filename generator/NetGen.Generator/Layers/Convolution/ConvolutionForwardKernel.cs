using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// The forward pass of a convolution, computed directly: a register tile of several output positions along a row by several
/// vectors of filters starts at the bias; for each tap and input channel, the input value under each position is broadcast
/// and multiplied into the tap's row of filters. Every size is a constant: the taps of a kernel row and the input channels are
/// unrolled (or loops with constant offsets when there are many), and the last tile of a row overlaps the one before instead
/// of having a tail.
/// </summary>
/// <param name="Layer">The convolution.</param>
/// <param name="Name">The method name.</param>
/// <param name="Description">The one-line description above the kernel.</param>
/// <param name="Activation">The activation it applies: the layer's, or that of a normalisation folded into it.</param>
/// <param name="StorePreActivation">Whether it also stores the pre-activation outputs.</param>
internal sealed record ConvolutionForwardKernel(ConvolutionPlan Layer, string Name, string Description, Activation Activation, bool StorePreActivation) : IKernel
{
    /// <summary>The layer's own forward pass: its activation, its pre-activation stored when a later pass needs it.</summary>
    public static ConvolutionForwardKernel Of(ConvolutionPlan layer, string name)
        => new(layer, name, layer.Describe(), layer.Activation, layer.PreActivationBuffer is not null);

    public IReadOnlyList<string> Parameters => ProductParameters.Of(addBias: true, StorePreActivation);

    private WindowGeometry G => Layer.Geometry;

    private int Fp => Layer.PaddedFilters;

    private int Cs => Layer.ChannelStride;

    private int C => Layer.Channels;

    private long OutRow => (long)G.OutPositions * Fp;

    // Floats between the inputs of neighbouring output columns and rows, and between neighbouring taps.
    private long ColumnStep => (long)G.StrideX * Cs;

    private long RowStep => (long)G.StrideY * G.PaddedWidth * Cs;

    private long TapRowStep => (long)G.DilationY * G.PaddedWidth * Cs;

    private long TapStep => (long)G.DilationX * Cs;

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// {Description}: y = {Activation}(b + sum over taps and input channels of x w)");
        if (isa.IsScalar)
        {
            EmitPortable(code, isa);
            return;
        }

        if (ConvolutionPositionLanes.Fits(Layer, isa, StorePreActivation))
        {
            ConvolutionPositionLanes.Emit(code, this);
            return;
        }

        int vectors = Fp / isa.Width;
        Tile tile = PositionTile(isa, G.OutWidth, vectors);
        code.Line($"// Tiles of {tile.Rows} output positions x {tile.Columns} vectors of {isa.Width} filters; for each tap and input channel the input value under");
        code.Line("// each position is broadcast into the tap's row of filters." + (G.OutWidth % tile.Rows == 0 ? string.Empty : " The last tile of a row overlaps the one before."));
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight);
        DeclareRef(code, "xo", "x", Plus(Times("r", Layer.SourceRowStride), Times(oy, RowStep)));
        DeclareRef(code, "yo", "y", Plus(Times("r", OutRow), Times(oy, (long)G.OutWidth * Fp)));
        if (StorePreActivation)
        {
            DeclareRef(code, "zo", "z", Plus(Times("r", OutRow), Times(oy, (long)G.OutWidth * Fp)));
        }

        int positions = tile.Rows;
        if (G.OutWidth == positions)
        {
            EmitFilterBlocks(code, isa, positions, tile.Columns, vectors, "xo", "yo", "zo");
        }
        else
        {
            code.Open($"for (int tile = 0; tile < {G.OutWidth}; tile += {positions})");
            code.Line(G.OutWidth % positions == 0 ? "int px = tile;" : $"int px = Math.Min(tile, {G.OutWidth - positions});");
            DeclareRef(code, "xt", "xo", Times("px", ColumnStep));
            DeclareRef(code, "yt", "yo", Times("px", Fp));
            if (StorePreActivation)
            {
                DeclareRef(code, "zt", "zo", Times("px", Fp));
            }

            EmitFilterBlocks(code, isa, positions, tile.Columns, vectors, "xt", "yt", "zt");
            code.Close();
        }

        CloseLoop(code, G.OutHeight);
        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Epilogue(Activation), (int)OutRow);
        code.Close();
    }

    /// <summary>The filter vectors in blocks of <paramref name="perBlock"/>, a loop when several blocks are full.</summary>
    private void EmitFilterBlocks(CodeWriter code, Isa isa, int positions, int perBlock, int vectors, string x, string y, string z)
    {
        int full = vectors / perBlock;
        int remainder = vectors % perBlock;
        int step = perBlock * isa.Width;
        if (full == 1)
        {
            EmitTile(code, isa, positions, perBlock, "0", x, y, z);
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, positions, perBlock, "n", x, y, z);
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, positions, remainder, Text(full * step), x, y, z);
        }
    }

    private void EmitTile(CodeWriter code, Isa isa, int positions, int columns, string n, string x, string y, string z)
    {
        code.Open($"// {positions} positions x {columns} vectors of filters from {n}");
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"b{j} = {isa.Load("b", Offset(n, j * isa.Width))}")));
        for (int i = 0; i < positions; i++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = b{j}")));
        }

        string oky = OpenLoop(code, "ky", G.KernelHeight);
        string xk = x;
        string wk = "w";
        if (G.KernelHeight > 1)
        {
            DeclareRef(code, "xk", x, Times(oky, TapRowStep));
            DeclareRef(code, "wk", "w", Times(oky, (long)G.KernelWidth * C * Fp));
            xk = "xk";
            wk = "wk";
        }

        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"w{j}").Concat(Enumerable.Range(0, positions).Select(i => $"x{i}"))));
        EmitTaps(code, xk, wk, (xRef, xOffset, wRef, wOffset) =>
        {
            code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"w{j} = {isa.Load(wRef, Offset(Plus(n, Text(wOffset)), j * isa.Width))};")));
            for (int i = 0; i < positions; i++)
            {
                var statements = new List<string> { $"x{i} = {isa.Broadcast($"Unsafe.Add(ref {xRef}, {Text(xOffset + (i * ColumnStep))})")};" };
                statements.AddRange(Enumerable.Range(0, columns).Select(j => $"{Accumulator(i, j)} = {isa.MultiplyAdd($"x{i}", $"w{j}", Accumulator(i, j))};"));
                code.Line(string.Join(" ", statements));
            }
        });
        CloseLoop(code, G.KernelHeight);

        for (int i = 0; i < positions; i++)
        {
            var statements = new List<string>();
            for (int j = 0; j < columns; j++)
            {
                string offset = Offset(n, (i * Fp) + (j * isa.Width));
                if (StorePreActivation)
                {
                    statements.Add(isa.Store(Accumulator(i, j), z, offset));
                }

                statements.Add(isa.Store(Activated(isa, Activation, Accumulator(i, j)), y, offset));
            }

            code.Line(string.Join(" ", statements));
        }

        code.Close();
    }

    /// <summary>One step per tap of a kernel row and input channel: <paramref name="step"/> gets the reference and constant offset of the
    /// input value under the tile's first position, and those of the tap's row of filters. Unrolled when the row has few steps; else a
    /// loop over the taps (and over blocks of 8 channels when there are many).</summary>
    private void EmitTaps(CodeWriter code, string x, string w, System.Action<string, long, string, long> step)
    {
        long rowFloats = (long)C * Fp;
        if (G.KernelWidth * C <= UnrollLimit)
        {
            for (int kx = 0; kx < G.KernelWidth; kx++)
            {
                for (int c = 0; c < C; c++)
                {
                    step(x, (kx * TapStep) + c, w, (kx * rowFloats) + ((long)c * Fp));
                }
            }

            return;
        }

        code.Open($"for (int kx = 0; kx < {G.KernelWidth}; kx++)");
        DeclareRef(code, "xc", x, Times("kx", TapStep));
        DeclareRef(code, "wc", w, Times("kx", rowFloats));
        if (C <= UnrollLimit)
        {
            for (int c = 0; c < C; c++)
            {
                step("xc", c, "wc", (long)c * Fp);
            }
        }
        else
        {
            const int block = 8;
            code.Open($"for (int c = 0; c < {C - (C % block)}; c += {block})");
            DeclareRef(code, "xb", "xc", "c");
            DeclareRef(code, "wb", "wc", Times("c", Fp));
            for (int c = 0; c < block; c++)
            {
                step("xb", c, "wb", (long)c * Fp);
            }

            code.Close();
            for (int c = C - (C % block); c < C; c++)
            {
                step("xc", c, "wc", (long)c * Fp);
            }
        }

        code.Close();
    }

    /// <summary>The portable form: each output position starts at the bias; every tap and input channel adds its input value times its row
    /// of filters, the innermost loop along the contiguous filters.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line("// Plain loops: each output position starts at the bias, then every tap and input channel adds its input value times its");
        code.Line("// row of filters, the innermost loop along the contiguous filters.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open("for (int r = 0; r < rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight);
        code.Open($"for (int ox = 0; ox < {G.OutWidth}; ox++)");
        string position = Plus(Times(oy, G.OutWidth), "ox");
        DeclareRef(code, "yp", "y", Plus(Times("r", OutRow), Times(position, Fp)));
        DeclareRef(code, "xp", "x", Plus(Times("r", Layer.SourceRowStride), Times(oy, RowStep), Times("ox", ColumnStep)));
        code.Open($"for (int f = 0; f < {Fp}; f++)");
        code.Line("Unsafe.Add(ref yp, f) = Unsafe.Add(ref b, f);");
        code.Close();
        string ky = OpenLoop(code, "ky", G.KernelHeight);
        string kx = OpenLoop(code, "kx", G.KernelWidth);
        DeclareRef(code, "xk", "xp", Plus(Times(ky, TapRowStep), Times(kx, TapStep)));
        DeclareRef(code, "wk", "w", Times(Plus(Times(ky, G.KernelWidth), kx), (long)C * Fp));
        string c = OpenLoop(code, "c", C);
        code.Line($"float xc = Unsafe.Add(ref xk, {c});");
        DeclareRef(code, "wc", "wk", Times(c, Fp));
        code.Open($"for (int f = 0; f < {Layer.Filters}; f++)");
        code.Line("Unsafe.Add(ref yp, f) += xc * Unsafe.Add(ref wc, f);");
        code.Close();
        CloseLoop(code, C);
        CloseLoop(code, G.KernelWidth);
        CloseLoop(code, G.KernelHeight);
        if (StorePreActivation)
        {
            code.Line($"MemoryMarshal.CreateReadOnlySpan(ref yp, {Fp}).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref z, {Plus(Times("r", OutRow), Times(position, Fp))}), {Fp}));");
        }

        code.Close();
        CloseLoop(code, G.OutHeight);
        code.Close();
        ActivationCode.EmitEpilogue(code, isa, ActivationCode.IsElementwise(Activation) ? Activation : Vocabulary.Activation.None, (int)OutRow);
        code.Close();
    }
}
