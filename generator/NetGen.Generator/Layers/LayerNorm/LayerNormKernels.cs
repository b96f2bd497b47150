using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.LayerNorm;

/// <summary>
/// The part of a position's channels a LayerNorm kernel reads a vector at a time: the vectors that hold a channel, the last
/// one masked when the channels do not fill it (the padding after it is never read or written).
/// </summary>
/// <param name="Channels">The channels.</param>
/// <param name="Width">The floats of a vector.</param>
internal readonly record struct PositionVectors(int Channels, int Width)
{
    /// <summary>The vectors holding a channel.</summary>
    public int Count => (Channels + Width - 1) / Width;

    /// <summary>The channels of the last vector, or 0 when it is full.</summary>
    public int LastLanes => Channels % Width;

    /// <summary>Vector <paramref name="j"/>, masked when it is the partial last one.</summary>
    public string Masked(int j, string value) => j == Count - 1 && LastLanes > 0 ? $"({value} & mask)" : value;

    /// <summary>The vectors a kernel for <paramref name="isa"/> keeps a position in: half the registers.</summary>
    public static bool FitInRegisters(Isa isa, int channels) => new PositionVectors(channels, isa.Width).Count <= isa.Registers / 2;

    /// <summary>A loop over the full vectors of a position, then the partial last one: <paramref name="body"/> gets the offset and
    /// a function that masks a value when the vector is the partial one.</summary>
    public void Loop(CodeWriter code, System.Action<string, System.Func<string, string>> body)
    {
        int full = Channels / Width;
        if (full > 0)
        {
            code.Open($"for (nuint c = 0; c < {full * Width}; c += {Width})");
            body("c", value => value);
            code.Close();
        }

        if (LastLanes > 0)
        {
            code.Open($"// the last {LastLanes} channels");
            body(TileNames.Text(full * Width), value => $"({value} & mask)");
            code.Close();
        }
    }

    /// <summary>A sum of one vector per index, as a balanced tree of additions.</summary>
    public static string Tree(IReadOnlyList<string> terms)
    {
        if (terms.Count == 1)
        {
            return terms[0];
        }

        int half = terms.Count / 2;
        string left = Tree(terms.Take(half).ToArray());
        string right = Tree(terms.Skip(half).ToArray());
        return $"({left} + {right})";
    }
}

/// <summary>
/// A LayerNorm layer's forward pass over <c>rows</c> positions: each position's mean and biased variance over its channels,
/// the normalised values <c>n = (x - mean) / sqrt(var + epsilon)</c> (kept for the backward pass, with the inverse deviation
/// of each position), and <c>y = n * weight + bias</c>; the element-wise activation is applied to the rows at the end. A position
/// that fits in registers is loaded once.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="Channels">The channels.</param>
/// <param name="PaddedChannels">The stride of the rows.</param>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Activation">The element-wise activation, or None.</param>
/// <param name="StorePreActivation">Whether the values before the activation are also stored to <c>z</c>.</param>
internal sealed record PositionNormalizeKernel(string Name, string Comment, int Channels, int PaddedChannels, float Epsilon, Activation Activation, bool StorePreActivation) : IKernel
{
    public IReadOnlyList<string> Parameters => StorePreActivation
        ? new[] { "ref float x", "ref float p", "ref float y", "ref float n", "ref float inverse", "ref float z", "int rows" }
        : new[] { "ref float x", "ref float p", "ref float y", "ref float n", "ref float inverse", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        int stride = PaddedChannels;
        string epsilon = PassWriter.Float(Epsilon);
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops over each position's channels: the mean, the variance, then the normalised values.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {stride});");
            code.Line("float sum = 0f;");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line("sum += Unsafe.Add(ref xr, c);");
            code.Close();
            code.Line($"float mean = sum / {Channels}, squares = 0f;");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line("float d = Unsafe.Add(ref xr, c) - mean;");
            code.Line("squares += d * d;");
            code.Close();
            code.Line($"float inverseDeviation = 1f / MathF.Sqrt((squares / {Channels}) + {epsilon});");
            code.Line("Unsafe.Add(ref inverse, r) = inverseDeviation;");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line("float normalized = (Unsafe.Add(ref xr, c) - mean) * inverseDeviation;");
            code.Line($"Unsafe.Add(ref n, (r * {stride}) + c) = normalized;");
            string value = $"(normalized * Unsafe.Add(ref p, c)) + Unsafe.Add(ref p, {stride} + c)";
            code.Line(StorePreActivation ? $"Unsafe.Add(ref z, (r * {stride}) + c) = Unsafe.Add(ref y, (r * {stride}) + c) = {value};" : $"Unsafe.Add(ref y, (r * {stride}) + c) = {value};");
            code.Close();
            code.Close();
            ActivationCode.EmitEpilogue(code, isa, Activation, stride);
            code.Close();
            return;
        }

        var vectors = new PositionVectors(Channels, isa.Width);
        int count = vectors.Count;
        bool inRegisters = PositionVectors.FitInRegisters(isa, Channels);
        code.Line(inRegisters
            ? $"// Each position's {count} vector{(count == 1 ? string.Empty : "s")} of {isa.Width} held in registers{(vectors.LastLanes > 0 ? $", the last masked to its {vectors.LastLanes} channels" : string.Empty)}."
            : $"// Each position's {count} vectors of {isa.Width} read three times from the first-level cache{(vectors.LastLanes > 0 ? $", the last masked to its {vectors.LastLanes} channels" : string.Empty)}.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (vectors.LastLanes > 0)
        {
            code.Line($"{isa.VectorType} mask = {isa.LaneMask(vectors.LastLanes)};");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float xr = ref Unsafe.Add(ref x, r * {stride});");
        code.Line($"ref float yr = ref Unsafe.Add(ref y, r * {stride});");
        code.Line($"ref float nr = ref Unsafe.Add(ref n, r * {stride});");
        if (StorePreActivation)
        {
            code.Line($"ref float zr = ref Unsafe.Add(ref z, r * {stride});");
        }

        if (!inRegisters)
        {
            EmitInLoops(code, isa, vectors, epsilon);
            code.Close();
            ActivationCode.EmitEpilogue(code, isa, Activation, stride);
            code.Close();
            return;
        }

        string[] offsets = Enumerable.Range(0, count).Select(j => TileNames.Text(j * isa.Width)).ToArray();
        code.Line(TileNames.Declare(isa.VectorType, offsets.Select((o, j) => $"x{j} = {isa.Load("xr", o)}")));
        code.Line($"{isa.VectorType} mean = {isa.Broadcast($"{isa.Sum(PositionVectors.Tree(offsets.Select((_, j) => $"x{j}").ToArray()))} / {Channels}")};");
        code.Line(string.Join(" ", offsets.Select((_, j) => $"x{j} = {vectors.Masked(j, $"x{j} - mean")};")));
        string squares = $"x0 * x0";
        for (int j = 1; j < count; j++)
        {
            squares = isa.MultiplyAdd($"x{j}", $"x{j}", squares);
        }

        code.Line($"float inverseDeviation = 1f / MathF.Sqrt(({isa.Sum(squares)} / {Channels}) + {epsilon});");
        code.Line("Unsafe.Add(ref inverse, r) = inverseDeviation;");
        code.Line($"{isa.VectorType} scale = {isa.Broadcast("inverseDeviation")};");
        for (int j = 0; j < count; j++)
        {
            string o = offsets[j];
            string value = isa.MultiplyAdd($"x{j}", isa.Load("p", o), isa.Load("p", TileNames.Offset(o, stride)));
            string store = StorePreActivation ? $"{isa.VectorType} v{j} = {value}; {isa.Store($"v{j}", "yr", o)} {isa.Store($"v{j}", "zr", o)}" : isa.Store(value, "yr", o);
            code.Line($"x{j} *= scale; {isa.Store($"x{j}", "nr", o)} {store}");
        }

        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Activation, stride);
        code.Close();
    }

    /// <summary>The body of the loop over positions when a position does not fit in registers: the sum, the squared deviations
    /// and the normalisation, each a loop over the position's vectors.</summary>
    private void EmitInLoops(CodeWriter code, Isa isa, PositionVectors vectors, string epsilon)
    {
        int stride = PaddedChannels;
        code.Line($"{isa.VectorType} sum = {isa.Zero};");
        code.Open($"for (nuint c = 0; c < {vectors.Count * isa.Width}; c += {isa.Width})");
        code.Line($"sum += {isa.Load("xr", "c")};");
        code.Close();
        code.Line($"{isa.VectorType} mean = {isa.Broadcast($"{isa.Sum("sum")} / {Channels}")};");
        code.Line($"sum = {isa.Zero};");
        vectors.Loop(code, (c, mask) => code.Line($"{isa.VectorType} d = {mask($"{isa.Load("xr", c)} - mean")}; sum = {isa.MultiplyAdd("d", "d", "sum")};"));
        code.Line($"float inverseDeviation = 1f / MathF.Sqrt(({isa.Sum("sum")} / {Channels}) + {epsilon});");
        code.Line("Unsafe.Add(ref inverse, r) = inverseDeviation;");
        code.Line($"{isa.VectorType} scale = {isa.Broadcast("inverseDeviation")};");
        vectors.Loop(code, (c, mask) =>
        {
            string value = isa.MultiplyAdd("v", isa.Load("p", c), isa.Load("p", TileNames.Offset(c, stride)));
            code.Line($"{isa.VectorType} v = ({mask($"{isa.Load("xr", c)} - mean")}) * scale; {isa.Store("v", "nr", c)}");
            code.Line(StorePreActivation ? $"{isa.VectorType} u = {value}; {isa.Store("u", "yr", c)} {isa.Store("u", "zr", c)}" : isa.Store(value, "yr", c));
        });
    }
}

/// <summary>
/// A LayerNorm layer's input gradient over <c>rows</c> positions, from the gradient <c>g</c> with respect to its pre-activation:
/// with <c>h = g * weight</c>, <c>dx = inverse * (h - mean(h) - n * mean(h * n))</c>, the means over the position's channels.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="Channels">The channels.</param>
/// <param name="PaddedChannels">The stride of the rows.</param>
internal sealed record PositionNormalizeBackwardKernel(string Name, string Comment, int Channels, int PaddedChannels) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float g", "ref float p", "ref float n", "ref float inverse", "ref float dx", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        int stride = PaddedChannels;
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops over each position's channels: the two means, then the gradient.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float gr = ref Unsafe.Add(ref g, r * {stride});");
            code.Line($"ref float nr = ref Unsafe.Add(ref n, r * {stride});");
            code.Line("float sum = 0f, products = 0f;");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line("float h = Unsafe.Add(ref gr, c) * Unsafe.Add(ref p, c);");
            code.Line("sum += h;");
            code.Line("products += h * Unsafe.Add(ref nr, c);");
            code.Close();
            code.Line($"float meanGradient = sum / {Channels}, meanProduct = products / {Channels}, inverseDeviation = Unsafe.Add(ref inverse, r);");
            code.Open($"for (int c = 0; c < {Channels}; c++)");
            code.Line($"Unsafe.Add(ref dx, (r * {stride}) + c) = inverseDeviation * ((Unsafe.Add(ref gr, c) * Unsafe.Add(ref p, c)) - meanGradient - (Unsafe.Add(ref nr, c) * meanProduct));");
            code.Close();
            code.Close();
            code.Close();
            return;
        }

        var vectors = new PositionVectors(Channels, isa.Width);
        int count = vectors.Count;
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (vectors.LastLanes > 0)
        {
            code.Line($"{isa.VectorType} mask = {isa.LaneMask(vectors.LastLanes)};");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float gr = ref Unsafe.Add(ref g, r * {stride});");
        code.Line($"ref float nr = ref Unsafe.Add(ref n, r * {stride});");
        code.Line($"ref float dr = ref Unsafe.Add(ref dx, r * {stride});");
        if (!PositionVectors.FitInRegisters(isa, Channels))
        {
            // Two loops over the position's vectors: the two means, then the gradient (the padding of g and n is zero).
            code.Line($"{isa.VectorType} sum = {isa.Zero}, products = {isa.Zero};");
            code.Open($"for (nuint c = 0; c < {count * isa.Width}; c += {isa.Width})");
            code.Line($"{isa.VectorType} h = {isa.Load("gr", "c")} * {isa.Load("p", "c")};");
            code.Line($"sum += h; products = {isa.MultiplyAdd("h", isa.Load("nr", "c"), "products")};");
            code.Close();
            code.Line($"{isa.VectorType} meanGradient = {isa.Broadcast($"{isa.Sum("sum")} / {Channels}")}, meanProduct = {isa.Broadcast($"{isa.Sum("products")} / {Channels}")};");
            code.Line($"{isa.VectorType} scale = {isa.Broadcast("Unsafe.Add(ref inverse, r)")};");
            vectors.Loop(code, (c, mask) => code.Line(isa.Store(mask($"scale * (({isa.Load("gr", c)} * {isa.Load("p", c)}) - meanGradient - ({isa.Load("nr", c)} * meanProduct))"), "dr", c)));
            code.Close();
            code.Close();
            return;
        }

        string[] offsets = Enumerable.Range(0, count).Select(j => TileNames.Text(j * isa.Width)).ToArray();
        code.Line(TileNames.Declare(isa.VectorType, offsets.Select((o, j) => $"h{j} = {isa.Load("gr", o)} * {isa.Load("p", o)}")));
        code.Line(TileNames.Declare(isa.VectorType, offsets.Select((o, j) => $"n{j} = {isa.Load("nr", o)}")));
        string products = "h0 * n0";
        for (int j = 1; j < count; j++)
        {
            products = isa.MultiplyAdd($"h{j}", $"n{j}", products);
        }

        code.Line($"{isa.VectorType} meanGradient = {isa.Broadcast($"{isa.Sum(PositionVectors.Tree(offsets.Select((_, j) => $"h{j}").ToArray()))} / {Channels}")};");
        code.Line($"{isa.VectorType} meanProduct = {isa.Broadcast($"{isa.Sum(products)} / {Channels}")};");
        code.Line($"{isa.VectorType} scale = {isa.Broadcast("Unsafe.Add(ref inverse, r)")};");
        for (int j = 0; j < count; j++)
        {
            code.Line(isa.Store(vectors.Masked(j, $"scale * (h{j} - meanGradient - (n{j} * meanProduct))"), "dr", offsets[j]));
        }

        code.Close();
        code.Close();
    }
}

/// <summary>
/// The weight and bias gradients of a normalisation: <c>G[c] += sum over rows of g[r][c] * n[r][c]</c> (the weight) and
/// <c>G[C + c] += sum over rows of g[r][c]</c> (the bias), in register tiles summed over the batch, then written as the mode says.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="PaddedChannels">The stride of the rows, and where the bias's gradient starts.</param>
internal sealed record AffineGradientKernel(string Name, string Comment, int PaddedChannels) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float d", "ref float n", "ref float p", "int rows", GradientStore.ModeParameter, GradientStore.CoefficientsParameter };

    public void Emit(CodeWriter code, Isa isa)
    {
        int stride = PaddedChannels;
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// Plain loops: the gradients cleared (unless accumulating), then every row added.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Line(GradientStore.GradientReference);
            code.Open("if (mode != global::NetGen.Kernels.GradientMode.Accumulate)");
            code.Line($"MemoryMarshal.CreateSpan(ref g, {2 * stride}).Clear();");
            code.Close();
            code.Open("for (int r = 0; r < rows; r++)");
            code.Open($"for (int k = 0; k < {stride}; k++)");
            code.Line($"float value = Unsafe.Add(ref d, (r * {stride}) + k);");
            code.Line($"Unsafe.Add(ref g, k) += value * Unsafe.Add(ref n, (r * {stride}) + k);");
            code.Line($"Unsafe.Add(ref g, {stride} + k) += value;");
            code.Close();
            code.Close();
            GradientStore.EmitUpdates(code, GradientStore.Start, TileNames.Text(2 * stride), weights: false);
            code.Close();
            return;
        }

        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        ChannelBlocks.Emit(code, isa, stride, isa.Accumulators / 2, offsets =>
        {
            int count = offsets.Count;
            code.Line(ChannelBlocks.Declare(isa, "w", count, _ => isa.Zero));
            code.Line(ChannelBlocks.Declare(isa, "b", count, _ => isa.Zero));
            code.Open("for (int r = 0; r < rows; r++)");
            code.Line($"ref float dr = ref Unsafe.Add(ref d, r * {stride});");
            code.Line($"ref float nr = ref Unsafe.Add(ref n, r * {stride});");
            for (int j = 0; j < count; j++)
            {
                code.Line($"{isa.VectorType} d{j} = {isa.Load("dr", offsets[j])}; w{j} = {isa.MultiplyAdd($"d{j}", isa.Load("nr", offsets[j]), $"w{j}")}; b{j} += d{j};");
            }

            code.Close();
            code.Line(ChannelBlocks.Each(count, j => GradientStore.Store(isa, offsets[j], $"w{j}")));
            code.Line(ChannelBlocks.Each(count, j => GradientStore.Store(isa, TileNames.Offset(offsets[j], stride), $"b{j}")));
        });
        GradientStore.EmitUpdates(code, GradientStore.Start, TileNames.Text(2 * stride), weights: false);
        code.Close();
    }
}
