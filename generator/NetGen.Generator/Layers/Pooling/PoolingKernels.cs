using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Pooling;

/// <summary>
/// A pool's forward and backward kernels, channels as the vector lanes: each output position reads its window's positions with
/// constant offsets (the window is unrolled). A max pool's backward pass finds each window's first maximum again by comparing
/// the input with the output, lane by lane. Rows whose positions are not whole vectors apart (the caller's rows) use the
/// portable loops on every instruction set.
/// </summary>
/// <param name="Layer">The pool.</param>
/// <param name="Name">The method name.</param>
/// <param name="Backward">Whether this is the backward kernel.</param>
internal sealed record PoolingKernel(PoolingPlan Layer, string Name, bool Backward) : IKernel
{
    public IReadOnlyList<string> Parameters => !Backward
        ? new[] { "ref float x", "ref float y", "int rows" }
        : Layer.Spec.IsMax ? new[] { "ref float x", "ref float y", "ref float dy", "ref float dx", "int rows" } : new[] { "ref float dy", "ref float dx", "int rows" };

    private WindowGeometry G => Layer.Geometry;

    private int Cs => Layer.Input.ChannelStride;

    private int Cp => Layer.Output.ChannelStride;

    private int C => Layer.Input.Channels;

    private long InRow => Layer.Input.RowStride;

    private long OutRow => Layer.Output.RowStride;

    private string Scale => PassWriter.Float(1f / G.Taps);

    public void Emit(CodeWriter code, Isa isa)
    {
        bool max = Layer.Spec.IsMax;
        code.Line(Backward
            ? $"// {Layer.Describe()}: " + (max ? "each window's gradient to its first maximum" : "each window's gradient spread evenly over it")
            : $"// {Layer.Describe()}: the {(max ? "maximum" : "mean")} of each channel over each window");
        bool vector = !isa.IsScalar && Cs % isa.Width == 0;
        int lanes = vector ? isa.Width : 1;
        if (vector)
        {
            isa.OptimizeFully(code);
        }
        else
        {
            code.Line("// Plain loops over the channels of each window's positions.");
        }

        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (Backward && Layer.Overlaps)
        {
            code.Line($"MemoryMarshal.CreateSpan(ref dx, rows * {InRow}).Clear();");
        }

        code.Open("for (nuint r = 0; r < (nuint)rows; r++)");
        string oy = OpenLoop(code, "oy", G.OutHeight, "nuint");
        code.Open($"for (nuint ox = 0; ox < {G.OutWidth}; ox++)");
        string window = Plus(Times("r", InRow), Times(oy, (long)G.StrideY * G.InWidth * Cs), Times("ox", (long)G.StrideX * Cs));
        string position = Plus(Times("r", OutRow), Times(Plus(Times(oy, G.OutWidth), "ox"), Cp));
        if (!Backward || max)
        {
            DeclareRef(code, "xw", "x", window);
            DeclareRef(code, "yp", "y", position);
        }

        if (Backward)
        {
            DeclareRef(code, "dyp", "dy", position);
            DeclareRef(code, "dxw", "dx", window);
        }

        int vectors = (C + lanes - 1) / lanes;
        string j = vectors == 1 ? "0" : "c";
        if (vectors > 1)
        {
            code.Open($"for (nuint c = 0; c < {vectors * lanes}; c += {lanes})");
        }

        if (!vector)
        {
            EmitBody(code, Isa.Scalar, j);
        }
        else
        {
            EmitBody(code, isa, j);
        }

        if (vectors > 1)
        {
            code.Close();
        }

        code.Close();
        CloseLoop(code, G.OutHeight);
        code.Close();
        code.Close();
    }

    /// <summary>The offsets of the window's positions from its first, row-major.</summary>
    private IEnumerable<long> WindowOffsets()
    {
        for (int wy = 0; wy < G.KernelHeight; wy++)
        {
            for (int wx = 0; wx < G.KernelWidth; wx++)
            {
                yield return (((long)wy * G.InWidth) + wx) * Cs;
            }
        }
    }

    /// <summary>One channel vector (or channel, on the portable path) at <paramref name="c"/> of one output position.</summary>
    private void EmitBody(CodeWriter code, Isa isa, string c)
    {
        string At(long offset) => Plus(c, Text(offset));
        string type = isa.VectorType;
        if (!Backward)
        {
            bool first = true;
            foreach (long offset in WindowOffsets())
            {
                string value = isa.Load("xw", At(offset));
                code.Line(first ? $"{type} v = {value};" : Layer.Spec.IsMax ? $"v = {isa.Max("v", value)};" : $"v += {value};");
                first = false;
            }

            code.Line(isa.Store(Layer.Spec.IsMax ? "v" : $"v * {(isa.IsScalar ? Scale : isa.Broadcast(Scale))}", "yp", c));
            return;
        }

        string add = Layer.Overlaps ? "+" : string.Empty;
        if (!Layer.Spec.IsMax)
        {
            code.Line($"{type} g = {isa.Load("dyp", c)} * {(isa.IsScalar ? Scale : isa.Broadcast(Scale))};");
            foreach (long offset in WindowOffsets())
            {
                code.Line(Accumulate(isa, At(offset), "g"));
            }

            return;
        }

        // The first position equal to the maximum takes the gradient; 'found' marks the lanes that have had theirs.
        code.Line($"{type} m = {isa.Load("yp", c)}, g = {isa.Load("dyp", c)};");
        if (Layer.PassesThroughReLU)
        {
            code.Line("// and only if that maximum is above zero: the gradient of the ReLU before the pool");
            code.Line(isa.IsScalar ? "g = m > 0f ? g : 0f;" : $"g = {isa.Name}.GreaterThan(m, {isa.Zero}) & g;");
        }

        if (isa.IsScalar)
        {
            code.Line("bool found = false;");
            int index = 0;
            foreach (long offset in WindowOffsets())
            {
                code.Line($"bool hit{index} = !found && Unsafe.Add(ref xw, {At(offset)}) == m; found |= hit{index};");
                code.Line(Accumulate(isa, At(offset), $"hit{index} ? g : 0f"));
                index++;
            }

            return;
        }

        string vectorClass = isa.Name;
        code.Line($"{type} found = {isa.Zero};");
        int lane = 0;
        foreach (long offset in WindowOffsets())
        {
            code.Line($"{type} hit{lane} = {vectorClass}.AndNot({vectorClass}.Equals({isa.Load("xw", At(offset))}, m), found); found |= hit{lane};");
            code.Line(Accumulate(isa, At(offset), $"hit{lane} & g"));
            lane++;
        }
    }

    /// <summary>Writes (or, for overlapping windows, adds) <paramref name="value"/> to the input gradient at <paramref name="offset"/>.</summary>
    private string Accumulate(Isa isa, string offset, string value)
        => Layer.Overlaps
            ? isa.Store($"{isa.Load("dxw", offset)} + ({value})", "dxw", offset)
            : isa.Store(value, "dxw", offset);
}
