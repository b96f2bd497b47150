using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// One streamed step of a causal Conv1D: the output step from the new input step and the <c>(k - 1) d</c> steps before it. The
/// steps before live in a ring written twice (<c>h[p]</c> and <c>h[p + span]</c>), so that the last <c>span</c> steps always lie
/// in a row from <c>h[p + 1]</c> whatever the position <c>p</c>: tap j reads step <c>p + 1 + j d</c> of the ring, and the newest
/// tap the new step itself, straight from the input. The position is an int after the ring; a zeroed ring at position 0 is the
/// causal padding's zeros. Each filter vector's sum over taps and channels is split into independent chains that start with
/// the oldest taps (whose values the calls before stored), so that only the newest tap's multiply-adds wait for the new input.
/// </summary>
/// <param name="Layer">The convolution, which streams.</param>
/// <param name="Name">The method name.</param>
internal sealed record ConvolutionStepKernel(ConvolutionPlan Layer, string Name) : IKernel
{
    /// <summary>The sum over taps and channels is split into at most this many chains of multiply-adds.</summary>
    private const int MaxChains = 4;

    public IReadOnlyList<string> Parameters => HasHistory
        ? ["ref float x", "ref float h", "ref float w", "ref float b", "ref float y"]
        : ["ref float x", "ref float w", "ref float b", "ref float y"];

    private bool HasHistory => Layer.History is not null;

    private int C => Layer.Channels;

    private int Fp => Layer.PaddedFilters;

    private int Span => Layer.HistorySteps;

    private int Dilation => Layer.Spec.Dilation;

    private int Taps => Layer.Geometry.Taps;

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// {Layer.Describe()}: one streamed step, y = {Layer.Activation}(b + sum over taps j and channels c of x[t - ({Taps - 1} - j) {Dilation}][c] w[j][c])");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        string window = EmitRing(code, isa);
        if (isa.IsScalar)
        {
            EmitPortable(code, window);
        }
        else
        {
            int vectors = Fp / isa.Width;
            int perBlock = Math.Max(1, Math.Min(vectors, isa.Accumulators / 2));
            for (int first = 0; first < vectors; first += perBlock)
            {
                EmitBlock(code, isa, window, first, Math.Min(perBlock, vectors - first));
            }
        }

        code.Close();
    }

    /// <summary>Writes the new step into the ring twice and moves the position on; returns the reference to the oldest step the
    /// kernel reads (null without history).</summary>
    private string EmitRing(CodeWriter code, Isa isa)
    {
        if (!HasHistory)
        {
            return "x";
        }

        long ring = (long)Span * C;
        code.Line($"ref int position = ref Unsafe.As<float, int>(ref Unsafe.Add(ref h, {2 * ring}));");
        code.Line("int p = position;");
        code.Line($"position = p == {Span - 1} ? 0 : p + 1;");
        code.Line($"ref float hp = ref Unsafe.Add(ref h, {Times("p", C)});");
        int full = isa.IsScalar || C <= UnrollLimit ? 0 : C - (C % isa.Width);
        if (full > 0)
        {
            code.Open($"for (nuint c = 0; c < {full}; c += {isa.Width})");
            code.Line($"{isa.VectorType} value = {isa.Load("x", "c")}; {isa.Store("value", "hp", "c")} {isa.Store("value", "hp", $"{ring} + c")}");
            code.Close();
        }

        if (C - full > UnrollLimit)
        {
            code.Open($"for (int c = {full}; c < {C}; c++)");
            code.Line($"float value = Unsafe.Add(ref x, c); Unsafe.Add(ref hp, c) = value; Unsafe.Add(ref hp, {ring} + c) = value;");
            code.Close();
        }
        else
        {
            for (int c = full; c < C; c++)
            {
                code.Line($"Unsafe.Add(ref hp, {c}) = Unsafe.Add(ref x, {c}); Unsafe.Add(ref hp, {ring + c}) = Unsafe.Add(ref x, {c});");
            }
        }

        code.Line("// the oldest step the kernel reads; the newest tap reads x itself");
        code.Line($"ref float window = ref Unsafe.Add(ref hp, {C});");
        return "window";
    }

    /// <summary>The reference and offset of input channel <paramref name="c"/> under tap <paramref name="tap"/>.</summary>
    private (string Reference, string Offset) Input(string window, int tap, string c)
        => tap == Taps - 1 ? ("x", c) : (window, Plus(Text((long)tap * Dilation * C), c));

    /// <summary>The offset of the row of filters of tap <paramref name="tap"/> and channel <paramref name="c"/>.</summary>
    private string WeightRow(int tap, string c) => Plus(Text((long)tap * C * Fp), Times(c, Fp));

    /// <summary>Filter vectors <paramref name="first"/> to <paramref name="first"/> + <paramref name="columns"/>: their sums in
    /// independent chains over the taps and channels, added, activated and stored.</summary>
    private void EmitBlock(CodeWriter code, Isa isa, string window, int first, int columns)
    {
        int steps = Taps * C;
        int chains = Math.Max(1, Math.Min(Math.Min(MaxChains, steps), isa.Accumulators / (2 * columns)));
        bool unrolled = steps <= UnrollLimit;
        if (!unrolled)
        {
            // Long sums: one chain per tap-channel step in a loop, the chains over the channels.
            chains = 1;
        }

        string Offset(int j) => Text((first + j) * isa.Width);
        string Sum(int chain, int j) => $"s{chain}_{j}";
        code.Open($"// filter vectors {first} to {first + columns - 1}, {chains} chain(s)");
        for (int chain = 0; chain < chains; chain++)
        {
            code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Sum(chain, j)} = {(chain == 0 ? isa.Load("b", Offset(j)) : isa.Zero)}")));
        }

        code.Line(Declare(isa.VectorType, Enumerable.Range(0, chains).Select(chain => $"v{chain}")));
        void Product(int chain, string reference, string offset, string weightRow)
        {
            var statements = new List<string> { $"v{chain} = {isa.Broadcast($"Unsafe.Add(ref {reference}, {offset})")};" };
            statements.AddRange(Enumerable.Range(0, columns).Select(j => $"{Sum(chain, j)} = {isa.MultiplyAdd($"v{chain}", isa.Load("w", Plus(weightRow, Offset(j))), Sum(chain, j))};"));
            code.Line(string.Join(" ", statements));
        }

        if (unrolled)
        {
            int index = 0;
            for (int tap = 0; tap < Taps; tap++)
            {
                for (int c = 0; c < C; c++)
                {
                    (string reference, string offset) = Input(window, tap, Text(c));
                    Product(index++ % chains, reference, offset, WeightRow(tap, Text(c)));
                }
            }
        }
        else
        {
            for (int tap = 0; tap < Taps; tap++)
            {
                code.Open($"for (nuint c = 0; c < {C}; c++)");
                (string reference, string offset) = Input(window, tap, "c");
                Product(0, reference, offset, WeightRow(tap, "c"));
                code.Close();
            }
        }

        for (int j = 0; j < columns; j++)
        {
            string sum = Sum(0, j);
            for (int chain = 1; chain < chains; chain++)
            {
                sum = $"{sum} + {Sum(chain, j)}";
            }

            string value = chains == 1 ? sum : $"({sum})";
            code.Line(isa.Store(Output(isa, value), "y", Offset(j)));
        }

        code.Close();
    }

    /// <summary>The value stored for a sum: the element-wise activation applied in registers (Softmax runs after the kernel).</summary>
    private string Output(Isa isa, string sum)
        => ActivationCode.IsElementwise(Layer.Activation) ? (IsInline(Layer.Activation) ? isa.Max(sum, isa.Zero) : $"{ActivationCode.Name(Layer.Activation)}({sum})") : sum;

    /// <summary>The portable form: the output starts at the bias, each tap and channel adds its input value times its row of filters.</summary>
    private void EmitPortable(CodeWriter code, string window)
    {
        code.Open($"for (int f = 0; f < {Fp}; f++)");
        code.Line("Unsafe.Add(ref y, f) = Unsafe.Add(ref b, f);");
        code.Close();
        code.Line("float v;");
        for (int tap = 0; tap < Taps; tap++)
        {
            string c = OpenLoop(code, "c", C);
            (string reference, string offset) = Input(window, tap, c);
            code.Line($"v = Unsafe.Add(ref {reference}, {offset});");
            code.Open($"for (int f = 0; f < {Layer.Filters}; f++)");
            code.Line($"Unsafe.Add(ref y, f) += v * Unsafe.Add(ref w, {Plus(WeightRow(tap, c), "f")});");
            code.Close();
            CloseLoop(code, C);
        }

        if (ActivationCode.IsElementwise(Layer.Activation))
        {
            code.Open($"for (int f = 0; f < {Fp}; f++)");
            code.Line($"Unsafe.Add(ref y, f) = {ActivationCode.Name(Layer.Activation)}(Unsafe.Add(ref y, f));");
            code.Close();
        }
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
