using System.Collections.Generic;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// The last step of the weight- and bias-gradient kernels: a vector summed over the batch is added to
/// or stored over the gradient block and, in a training step without clipping, the optimizer then
/// updates the parameters of each row of the tile while its gradient is still in the first-level cache.
/// The kernels get <c>p</c>, the layer's parameters; the gradient and the optimizer state are at the
/// same place in their own blocks, one block length (<c>Gradients</c>) apart.
/// </summary>
internal static class GradientStore
{
    /// <summary>How a gradient kernel writes its sums.</summary>
    public const string ModeParameter = "global::NetGen.Kernels.GradientMode mode";

    /// <summary>The coefficients of a fused update.</summary>
    public const string CoefficientsParameter = "in global::NetGen.Kernels.OptimizerCoefficients c";

    /// <summary>The row offsets of an update of the whole tensor from its start.</summary>
    public static IReadOnlyList<string> Start { get; } = new[] { "0" };

    private const string Update = "global::NetGen.Kernels.GradientMode.Update";

    public static string StoreName(Isa isa) => "StoreGradient_" + isa.Name;

    /// <summary>The declaration of <c>g</c> at the top of a gradient kernel.</summary>
    public static string GradientReference => "ref float g = ref Unsafe.Add(ref p, Gradients);";

    /// <summary>One store of the vector <paramref name="sum"/> at <paramref name="offset"/>.</summary>
    public static string Store(Isa isa, string offset, string sum) => $"{StoreName(isa)}(mode, ref g, {offset}, {sum});";

    /// <summary>After a tile's stores: the fused update of each of its rows (given by their first offsets), <paramref name="length"/> floats each.</summary>
    public static void EmitUpdates(CodeWriter code, IEnumerable<string> rowOffsets, string length, bool weights)
    {
        code.Open($"if (mode == {Update})");
        foreach (string offset in rowOffsets)
        {
            string reference = offset == "0" ? "ref p" : $"ref Unsafe.Add(ref p, {offset})";
            code.Line($"global::NetGen.Kernels.OptimizerKernels.Step({reference}, {length}, {(weights ? "true" : "false")}, in c);");
        }

        code.Close();
    }

    /// <summary>The per-instruction-set store helper.</summary>
    public static void EmitStore(CodeWriter code, Isa isa)
    {
        string load = isa.IsScalar ? "Unsafe.Add(ref g, i)" : isa.Load("g", "i");
        code.Line("// Writes one vector of a gradient summed over the batch: added to the stored gradient, or stored over it.");
        code.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        code.Open($"private static void {StoreName(isa)}(global::NetGen.Kernels.GradientMode mode, ref float g, nuint i, {isa.VectorType} sum)");
        code.Open("if (mode == global::NetGen.Kernels.GradientMode.Accumulate)");
        code.Line($"sum += {load};");
        code.Close();
        code.Line();
        code.Line(isa.Store("sum", "g", "i"));
        code.Close();
    }
}
