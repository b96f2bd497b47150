using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers;

/// <summary>
/// What the kinds that end with an activation (Dense, the normalisations, Residual) decide alike when they plan it: element-wise
/// activations run inside the layer's kernel; softmax and a sigmoid's padding run after it (<see cref="ActivationPasses"/>).
/// </summary>
internal static class ActivatedOutput
{
    /// <summary>Whether the layer keeps its pre-activation rows: GELU's derivative reads them, and so does a fused loss.</summary>
    public static bool KeepsPreActivation(LayerContext context, Activation activation)
        => activation == Activation.GELU || context.LossFusedWith(activation);

    /// <summary>The activation a kernel applies at its end: the element-wise ones, None for softmax (applied after it).</summary>
    public static Activation InKernel(Activation activation) => ActivationCode.IsElementwise(activation) ? activation : Activation.None;

    /// <summary><paramref name="rows"/> times <paramref name="positions"/>, without a multiplication by 1.</summary>
    public static string Scaled(string rows, int positions) => positions == 1 ? rows.Trim('(', ')') : $"{rows} * {positions}";
}
