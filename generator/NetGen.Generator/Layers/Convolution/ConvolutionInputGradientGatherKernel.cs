using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// A convolution's input gradient, gathered, for a layer with stride 1 whose filters fill its vectors better than its input channels
/// would: each input position sums, over the taps that reach it from inside the output, the output gradient there times the tap's
/// row of filters for each input channel, <c>dx[p][c] = sum over taps t and filters f of dz[p - t][f] W[t][c][f]</c>. The filters
/// are the vector lanes (one accumulator per input channel, summed across its lanes at the end), the kernel is read as the layer
/// keeps it (no transposed copy), and each input position is written once, where the scattering kernel
/// (<see cref="ConvolutionInputGradientKernel"/>) reads and writes every position once per tap with the input channels as lanes.
/// </summary>
/// <param name="Layer">The convolution.</param>
/// <param name="Name">The method name.</param>
internal sealed record ConvolutionInputGradientGatherKernel(ConvolutionPlan Layer, string Name) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float d", "ref float w", "ref float dx", "int rows" };

    private WindowGeometry G => Layer.Geometry;

    private int Fp => Layer.PaddedFilters;

    private int C => Layer.Channels;

    private int Cs => Layer.ChannelStride;

    private long OutRow => (long)G.OutPositions * Fp;

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// Layer {Layer.Index + 1} ({Layer.Declaration}): dx[p][c] = sum over taps t reaching p from the output and filters f of dz[p - t][f] W[t][c][f]");
        int vectors = isa.IsScalar ? 1 : Fp / isa.Width;
        bool sumsTogether = SumsTogether(isa, vectors);
        int block = sumsTogether
            ? System.Math.Min(Round8(C), System.Math.Max(8, isa.Accumulators / vectors / 8 * 8))
            : System.Math.Max(1, System.Math.Min(C, isa.IsScalar ? 1 : isa.Accumulators / vectors));
        code.Line(isa.IsScalar
            ? "// Plain loops: for each input position and channel, the taps that reach it, the innermost loop along the contiguous filters."
            : $"// For each input position, blocks of {block} input channel{(block == 1 ? string.Empty : "s")} x {vectors} vector{(vectors == 1 ? string.Empty : "s")} of {isa.Width} filters, over the taps that reach it; each sum across its lanes at the end.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line($"MemoryMarshal.CreateSpan(ref dx, rows * {Layer.SourceRowStride}).Clear();");
        code.Open("for (int r = 0; r < rows; r++)");
        DeclareRef(code, "dzr", "d", Times("r", OutRow));
        DeclareRef(code, "dxr", "dx", Times("r", Layer.SourceRowStride));
        string iy = OpenLoop(code, "iy", G.PaddedHeight);
        TapRange(code, "ky", iy, G.OutHeight, G.KernelHeight, G.DilationY);
        code.Open($"for (int ix = 0; ix < {G.PaddedWidth}; ix++)");
        TapRange(code, "kx", "ix", G.OutWidth, G.KernelWidth, G.DilationX);
        DeclareRef(code, "dxq", "dxr", Times(Plus(Times(iy, G.PaddedWidth), "ix"), Cs));
        if (isa.IsScalar)
        {
            EmitScalarChannels(code, iy);
        }
        else
        {
            for (int first = 0; first < C; first += block)
            {
                EmitBlock(code, isa, iy, first, System.Math.Min(block, C - first), vectors, sumsTogether);
            }
        }

        code.Close();
        CloseLoop(code, G.PaddedHeight);
        code.Close();
        code.Close();
    }

    /// <summary>Declares <c>{k}Lo</c> and <c>{k}Hi</c>: the taps <c>k</c> whose output position <c>position - k * dilation</c> lies in
    /// <c>[0, outputs)</c>.</summary>
    private static void TapRange(CodeWriter code, string k, string position, int outputs, int taps, int dilation)
    {
        if (position == "0")
        {
            code.Line($"const int {k}Lo = 0, {k}Hi = 0;");
            return;
        }

        string low = dilation == 1
            ? $"Math.Max(0, {position} - {outputs - 1})"
            : $"Math.Max(0, {position} - {outputs - 1} + {dilation - 1}) / {dilation}";
        string high = dilation == 1 ? $"Math.Min({taps - 1}, {position})" : $"Math.Min({taps - 1}, {position} / {dilation})";
        code.Line($"int {k}Lo = {low}, {k}Hi = {high};");
    }

    /// <summary>Input channels <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of the position.</summary>
    private void EmitBlock(CodeWriter code, Isa isa, string iy, int first, int count, int vectors, bool sumsTogether)
    {
        code.Open($"// input channels {first} to {first + count - 1}");
        for (int c = 0; c < count; c++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, vectors).Select(j => $"{Accumulator(c, j)} = {isa.Zero}")));
        }

        OpenTaps(code, iy);
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, vectors).Select(j => $"v{j} = {isa.Load("dzq", Text(j * isa.Width))}")));
        for (int c = 0; c < count; c++)
        {
            long row = (long)(first + c) * Fp;
            code.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(j => $"{Accumulator(c, j)} = {isa.MultiplyAdd($"v{j}", isa.Load("wq", Text(row + (j * isa.Width))), Accumulator(c, j))};")));
        }

        code.Close();
        code.Close();
        string Channel(int c) => string.Join(" + ", Enumerable.Range(0, vectors).Select(j => Accumulator(c, j)));
        if (sumsTogether)
        {
            // Eight channels' sums at once, stored as one vector: channels beyond the layer's sum zeros into the padding.
            for (int group = 0; group < count; group += 8)
            {
                string sums = string.Join(", ", Enumerable.Range(group, 8).Select(c => c < count ? Channel(c) : isa.Zero));
                code.Line($"global::NetGen.Kernels.LaneSums.Sum({sums}).StoreUnsafe(ref dxq, {first + group});");
            }
        }
        else
        {
            for (int c = 0; c < count; c++)
            {
                code.Line($"Unsafe.Add(ref dxq, {first + c}) = {isa.Sum(vectors == 1 ? Channel(c) : $"({Channel(c)})")};");
            }
        }

        code.Close();
    }

    /// <summary>Whether the channels' sums across lanes are taken eight at a time (<c>LaneSums.Sum</c>, Vector512, up to
    /// three vectors of filters so that a block of eight channels fits the registers, and room for eight floats from every eighth
    /// channel in a position) rather than one by one.</summary>
    private bool SumsTogether(Isa isa, int vectors) => isa.Name == Isa.Vector512.Name && !isa.IsPortable && vectors <= 3 && Round8(C) <= Cs;

    private static int Round8(int count) => (count + 7) / 8 * 8;

    /// <summary>The scalar form: each channel's sum over the taps that reach the position and the filters.</summary>
    private void EmitScalarChannels(CodeWriter code, string iy)
    {
        code.Open($"for (int c = 0; c < {C}; c++)");
        code.Line("float sum = 0f;");
        OpenTaps(code, iy);
        DeclareRef(code, "wc", "wq", Times("c", Fp));
        code.Open($"for (int f = 0; f < {Layer.Filters}; f++)");
        code.Line("sum += Unsafe.Add(ref dzq, f) * Unsafe.Add(ref wc, f);");
        code.Close();
        code.Close();
        code.Close();
        code.Line("Unsafe.Add(ref dxq, c) = sum;");
        code.Close();
    }

    /// <summary>Opens the loops over the taps that reach the position, declaring <c>dzq</c> (the output gradient under the tap) and
    /// <c>wq</c> (the tap's rows of filters). Close twice.</summary>
    private void OpenTaps(CodeWriter code, string iy)
    {
        code.Open("for (int ky = kyLo; ky <= kyHi; ky++)");
        DeclareRef(code, "dzy", "dzr", Times(Minus(iy, "ky", G.DilationY), (long)G.OutWidth * Fp));
        DeclareRef(code, "wy", "w", Times("ky", (long)G.KernelWidth * C * Fp));
        code.Open("for (int kx = kxLo; kx <= kxHi; kx++)");
        DeclareRef(code, "dzq", "dzy", Times(Minus("ix", "kx", G.DilationX), Fp));
        DeclareRef(code, "wq", "wy", Times("kx", (long)C * Fp));
    }

    /// <summary><c>position - tap * dilation</c>: the output position a tap reaches from an input position.</summary>
    private static string Minus(string position, string tap, int dilation)
    {
        string term = Times(tap, dilation);
        return position == "0" ? $"-{(term.Contains(" ") ? $"({term})" : term)}" : $"{position} - {(term.Contains(" ") ? $"({term})" : term)}";
    }
}
