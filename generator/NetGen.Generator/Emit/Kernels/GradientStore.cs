using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// The last step of the weight- and bias-gradient kernels, emitted once per instruction-set file: a
/// vector summed over the batch is added to or stored over the gradient block and, in a training step
/// without clipping, the optimizer updates those parameters while the gradient is still in a register.
/// </summary>
internal static class GradientStore
{
    /// <summary>The parameters every gradient kernel takes after its own.</summary>
    public const string Parameters = "global::NetGen.Kernels.GradientMode mode, in global::NetGen.Kernels.OptimizerCoefficients c";

    public static string Name(Isa isa) => "StoreGradient_" + isa.Name;

    /// <summary>One call of the helper for the vector <paramref name="sum"/> at <paramref name="offset"/> from the layer's parameters.</summary>
    public static string Call(Isa isa, string offset, string sum, bool weights)
        => $"{Name(isa)}(mode, ref p, {offset}, {sum}, {(weights ? "true" : "false")}, in c);";

    public static void Emit(CodeWriter code, Isa isa, OptimizerKind optimizer)
    {
        string load = isa.IsScalar ? "Unsafe.Add(ref g, i)" : $"{isa.Load("g", "i")}";
        code.Line("// Writes one vector of a gradient summed over the batch at offset i of a layer's parameters p: the gradient block");
        code.Line("// holds it at p + Gradients; in a fused training step the optimizer then updates p (and its state) at once.");
        code.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        code.Open($"private static void {Name(isa)}(global::NetGen.Kernels.GradientMode mode, ref float p, nuint i, {isa.VectorType} sum, bool weights, in global::NetGen.Kernels.OptimizerCoefficients c)");
        code.Line("ref float g = ref Unsafe.Add(ref p, Gradients);");
        code.Open("if (mode == global::NetGen.Kernels.GradientMode.Accumulate)");
        code.Line($"sum += {load};");
        code.Close();
        code.Line();
        code.Line(isa.Store("sum", "g", "i"));
        code.Open("if (mode == global::NetGen.Kernels.GradientMode.Update)");
        string state0 = StateReference(0, optimizer);
        string state1 = StateReference(1, optimizer);
        code.Line($"global::NetGen.Kernels.OptimizerKernels.Update(global::NetGen.Optimizer.{optimizer}, ref p, {state0}, {state1}, i, sum, weights, in c);");
        code.Close();
        code.Close();
    }

    private static string StateReference(int tensor, OptimizerKind optimizer)
        => tensor < Shapes.NetworkLayout.StateTensorCount(optimizer) ? $"ref Unsafe.Add(ref p, State{tensor})" : "ref p";
}
