using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Layers.ChannelBlocks;

namespace NetGen.Generator.Layers.BatchNorm;

/// <summary>
/// A BatchNorm layer's statistics over every row of a training call, <c>rows</c> counting each position of each row: per channel
/// the mean, the biased variance (from the deviations, in a second pass), <c>1 / sqrt(var + epsilon)</c> and the scale
/// <c>weight / sqrt(var + epsilon)</c>, stored one after the other in <c>stats</c>.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="Channels">The channels.</param>
/// <param name="PaddedChannels">The channels padded to a whole number of vectors, the stride of the rows.</param>
/// <param name="Epsilon">Added to the variance.</param>
internal sealed record ChannelStatisticsKernel(string Name, string Comment, int Channels, int PaddedChannels, float Epsilon) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float x", "ref float w", "ref float stats", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        string epsilon = PassWriter.Float(Epsilon);
        int p = PaddedChannels;
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops: for each channel the sum over the rows, then the sum of squared deviations.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line("float sum = 0f;");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"sum += Unsafe.Add(ref x, (r * {p}) + c);");
            code.Close();
            code.Line("float mean = sum / rows;");
            code.Line("float squares = 0f;");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"float d = Unsafe.Add(ref x, (r * {p}) + c) - mean;");
            code.Line("squares += d * d;");
            code.Close();
            code.Line("float variance = squares / rows;");
            code.Line($"float inverse = 1f / MathF.Sqrt(variance + {epsilon});");
            code.Line($"Unsafe.Add(ref stats, c) = mean; Unsafe.Add(ref stats, {p} + c) = variance; Unsafe.Add(ref stats, {2 * p} + c) = inverse; Unsafe.Add(ref stats, {3 * p} + c) = Unsafe.Add(ref w, c) * inverse;");
            code.Close();
            code.Close();
            return;
        }

        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line($"{isa.VectorType} count = {isa.Broadcast("(float)rows")}, epsilon = {isa.Broadcast(epsilon)};");
        ChannelBlocks.Emit(code, isa, p, isa.Accumulators / 2, offsets =>
        {
            int n = offsets.Count;
            code.Line(Declare(isa, "a", n, _ => isa.Zero));
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {p});");
            code.Line(Each(n, j => $"a{j} += {isa.Load("xr", offsets[j])};"));
            code.Close();
            code.Line(Declare(isa, "m", n, j => $"a{j} / count"));
            code.Line(Each(n, j => $"a{j} = {isa.Zero};"));
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {p});");
            for (int j = 0; j < n; j++)
            {
                code.Line($"{isa.VectorType} d{j} = {isa.Load("xr", offsets[j])} - m{j}; a{j} = {isa.MultiplyAdd($"d{j}", $"d{j}", $"a{j}")};");
            }

            code.Close();
            for (int j = 0; j < n; j++)
            {
                string o = offsets[j];
                code.Line($"{isa.VectorType} v{j} = a{j} / count, i{j} = {isa.VectorType}.One / {isa.Sqrt($"v{j} + epsilon")};");
                code.Line($"{isa.Store($"m{j}", "stats", o)} {isa.Store($"v{j}", "stats", TileNames.Offset(o, p))} {isa.Store($"i{j}", "stats", TileNames.Offset(o, 2 * p))} {isa.Store($"{isa.Load("w", o)} * i{j}", "stats", TileNames.Offset(o, 3 * p))}");
            }
        });
        code.Close();
    }
}

/// <summary>
/// A BatchNorm layer's normalisation of <c>rows</c> positions: <c>y = (x - m) * a + b</c> per channel, where <c>m</c> and <c>a</c>
/// are the batch's mean and scale in training calls and the running mean and its scale in inference calls; the element-wise
/// activation is applied to the rows at the end.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="Channels">The channels.</param>
/// <param name="PaddedChannels">The stride of the rows.</param>
/// <param name="Activation">The element-wise activation, or None.</param>
/// <param name="StorePreActivation">Whether the values before the activation are also stored to <c>z</c>.</param>
internal sealed record ChannelAffineKernel(string Name, string Comment, int Channels, int PaddedChannels, Activation Activation, bool StorePreActivation) : IKernel
{
    public IReadOnlyList<string> Parameters => StorePreActivation
        ? new[] { "ref float x", "ref float m", "ref float a", "ref float b", "ref float y", "ref float z", "int rows" }
        : new[] { "ref float x", "ref float m", "ref float a", "ref float b", "ref float y", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        int p = PaddedChannels;
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops over the rows and their channels.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line($"float value = ((Unsafe.Add(ref x, (r * {p}) + c) - Unsafe.Add(ref m, c)) * Unsafe.Add(ref a, c)) + Unsafe.Add(ref b, c);");
            code.Line(StorePreActivation ? $"Unsafe.Add(ref z, (r * {p}) + c) = Unsafe.Add(ref y, (r * {p}) + c) = value;" : $"Unsafe.Add(ref y, (r * {p}) + c) = value;");
            code.Close();
            code.Close();
            ActivationCode.EmitEpilogue(code, isa, Activation, p);
            code.Close();
            return;
        }

        code.Line("// The per-channel vectors of a block of channels stay in registers while every row passes.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        ChannelBlocks.Emit(code, isa, p, (isa.Registers - 4) / 3, offsets =>
        {
            int n = offsets.Count;
            code.Line(Load(isa, "m", "m", offsets));
            code.Line(Load(isa, "a", "a", offsets));
            code.Line(Load(isa, "b", "b", offsets));
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {p});");
            code.Line($"ref float yr = ref Unsafe.Add(ref y, r * {p});");
            if (StorePreActivation)
            {
                code.Line($"ref float zr = ref Unsafe.Add(ref z, r * {p});");
            }

            for (int j = 0; j < n; j++)
            {
                string value = isa.MultiplyAdd($"{isa.Load("xr", offsets[j])} - m{j}", $"a{j}", $"b{j}");
                code.Line(StorePreActivation
                    ? $"{isa.VectorType} v{j} = {value}; {isa.Store($"v{j}", "yr", offsets[j])} {isa.Store($"v{j}", "zr", offsets[j])}"
                    : isa.Store(value, "yr", offsets[j]));
            }

            code.Close();
        });
        ActivationCode.EmitEpilogue(code, isa, Activation, p);
        code.Close();
    }
}

/// <summary>
/// A BatchNorm layer's reductions of the gradient over every row of a training call: per channel the sums of <c>g</c> and of
/// <c>g * xhat</c> (the bias's and the weight's gradients, stored to <c>grads</c>, weight then bias), and the coefficients of the
/// input gradient <c>dx = a * g + k2 * (x - mean) + k3</c> with <c>a</c> the scale, <c>k2 = -a * invstd * sum(g xhat) / n</c> and
/// <c>k3 = -a * sum(g) / n</c>, stored to <c>k</c>.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="Channels">The channels.</param>
/// <param name="PaddedChannels">The stride of the rows.</param>
internal sealed record ChannelGradientStatisticsKernel(string Name, string Comment, int Channels, int PaddedChannels) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float g", "ref float x", "ref float stats", "ref float grads", "ref float k", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        int p = PaddedChannels;
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops: for each channel the two sums over the rows, then the coefficients.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line("float mean = Unsafe.Add(ref stats, c), sum = 0f, products = 0f;");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"float gradient = Unsafe.Add(ref g, (r * {p}) + c);");
            code.Line("sum += gradient;");
            code.Line($"products += gradient * (Unsafe.Add(ref x, (r * {p}) + c) - mean);");
            code.Close();
            code.Line($"float inverse = Unsafe.Add(ref stats, {2 * p} + c), scale = Unsafe.Add(ref stats, {3 * p} + c), weightGradient = products * inverse;");
            code.Line($"Unsafe.Add(ref grads, c) = weightGradient; Unsafe.Add(ref grads, {p} + c) = sum;");
            code.Line($"Unsafe.Add(ref k, c) = -scale * inverse * weightGradient / rows; Unsafe.Add(ref k, {p} + c) = -scale * sum / rows;");
            code.Close();
            code.Close();
            return;
        }

        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line($"{isa.VectorType} count = {isa.Broadcast("(float)rows")};");
        ChannelBlocks.Emit(code, isa, p, (isa.Registers - 4) / 3, offsets =>
        {
            int n = offsets.Count;
            code.Line(Load(isa, "m", "stats", offsets));
            code.Line(Declare(isa, "s", n, _ => isa.Zero));
            code.Line(Declare(isa, "q", n, _ => isa.Zero));
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float gr = ref Unsafe.Add(ref g, r * {p});");
            code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {p});");
            for (int j = 0; j < n; j++)
            {
                code.Line($"{isa.VectorType} g{j} = {isa.Load("gr", offsets[j])}; s{j} += g{j}; q{j} = {isa.MultiplyAdd($"g{j}", $"{isa.Load("xr", offsets[j])} - m{j}", $"q{j}")};");
            }

            code.Close();
            for (int j = 0; j < n; j++)
            {
                string o = offsets[j];
                code.Line($"{isa.VectorType} i{j} = {isa.Load("stats", TileNames.Offset(o, 2 * p))}, a{j} = {isa.Load("stats", TileNames.Offset(o, 3 * p))}, w{j} = q{j} * i{j};");
                code.Line($"{isa.Store($"w{j}", "grads", o)} {isa.Store($"s{j}", "grads", TileNames.Offset(o, p))} {isa.Store($"-(a{j} * i{j} * w{j} / count)", "k", o)} {isa.Store($"-(a{j} * s{j} / count)", "k", TileNames.Offset(o, p))}");
            }
        });
        code.Close();
    }
}

/// <summary>A BatchNorm layer's input gradient over <c>rows</c> positions: <c>dx = a * g + k2 * (x - mean) + k3</c> per channel.</summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="Channels">The channels.</param>
/// <param name="PaddedChannels">The stride of the rows.</param>
internal sealed record ChannelInputGradientKernel(string Name, string Comment, int Channels, int PaddedChannels) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float g", "ref float x", "ref float stats", "ref float k", "ref float dx", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        int p = PaddedChannels;
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops over the rows and their channels.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line($"Unsafe.Add(ref dx, (r * {p}) + c) = (Unsafe.Add(ref stats, {3 * p} + c) * Unsafe.Add(ref g, (r * {p}) + c)) + (Unsafe.Add(ref k, c) * (Unsafe.Add(ref x, (r * {p}) + c) - Unsafe.Add(ref stats, c))) + Unsafe.Add(ref k, {p} + c);");
            code.Close();
            code.Close();
            code.Close();
            return;
        }

        code.Line("// The per-channel vectors of a block of channels stay in registers while every row passes.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        ChannelBlocks.Emit(code, isa, p, (isa.Registers - 4) / 4, offsets =>
        {
            int n = offsets.Count;
            code.Line(Load(isa, "m", "stats", offsets));
            code.Line(TileNames.Declare(isa.VectorType, Enumerable.Range(0, n).Select(j => $"a{j} = {isa.Load("stats", TileNames.Offset(offsets[j], 3 * p))}")));
            code.Line(Load(isa, "u", "k", offsets));
            code.Line(TileNames.Declare(isa.VectorType, Enumerable.Range(0, n).Select(j => $"v{j} = {isa.Load("k", TileNames.Offset(offsets[j], p))}")));
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float gr = ref Unsafe.Add(ref g, r * {p});");
            code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {p});");
            code.Line($"ref float dr = ref Unsafe.Add(ref dx, r * {p});");
            for (int j = 0; j < n; j++)
            {
                code.Line(isa.Store(isa.MultiplyAdd($"a{j}", isa.Load("gr", offsets[j]), isa.MultiplyAdd($"u{j}", $"{isa.Load("xr", offsets[j])} - m{j}", $"v{j}")), "dr", offsets[j]));
            }

            code.Close();
        });
        code.Close();
    }
}
