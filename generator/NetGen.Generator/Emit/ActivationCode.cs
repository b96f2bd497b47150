using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Emit;

/// <summary>How emitted code calls the runtime's activations.</summary>
internal static class ActivationCode
{
    /// <summary>The runtime method that applies <paramref name="activation"/> to one vector (or float); its derivative is <c>Name + "Backward"</c>.</summary>
    public static string Name(Activation activation) => "global::NetGen.Kernels.Activations." + activation;

    /// <summary>Whether <paramref name="activation"/> acts on each element alone (every one but None and Softmax).</summary>
    public static bool IsElementwise(Activation activation) => activation is not (Activation.None or Activation.Softmax);

    /// <summary>The end of a kernel that wrote <c>rows</c> rows of <paramref name="stride"/> floats to <c>y</c>: the element-wise
    /// <paramref name="activation"/> over all of them in one pass (one call site of the activation per kernel keeps the JIT's
    /// inlining budget for the multiply-adds of the tiles). Nothing for None and Softmax.</summary>
    public static void EmitEpilogue(CodeWriter code, Isa isa, Activation activation, int stride)
    {
        if (!IsElementwise(activation))
        {
            return;
        }

        code.Line();
        code.Line($"// {activation} over the rows just written");
        code.Open($"for (nuint i = 0; i < (nuint)(rows * {stride}); i += {isa.Width})");
        code.Line(isa.Store($"{Name(activation)}({isa.Load("y", "i")})", "y", "i"));
        code.Close();
    }

    /// <summary>Whether the backward pass of <paramref name="activation"/> reads the pre-activation rather than the output (GELU).</summary>
    public static bool BackwardReadsPreActivation(Activation activation) => activation == Activation.GELU;
}
