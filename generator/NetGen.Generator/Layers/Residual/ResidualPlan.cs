using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Residual;

/// <summary>A Residual layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The block's output: the tensor the layer before it gives.</param>
/// <param name="Output">The sum after the activation.</param>
/// <param name="Reach">How many layers back the added tensor entered.</param>
/// <param name="Skip">The tensor that entered layer <c>Index - Reach</c>: the block's input.</param>
/// <param name="Activation">The activation of the sum.</param>
/// <param name="PaddedInput">A padded copy of the block's output when it is the caller's rows, or null.</param>
/// <param name="PaddedSkip">A padded copy of the skip tensor when it is the caller's rows, or null.</param>
/// <param name="PreActivationBuffer">Where the sums are kept, or null.</param>
internal sealed record ResidualPlan(
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    int Reach,
    TensorPlan Skip,
    Activation Activation,
    string? PaddedInput,
    string? PaddedSkip,
    string? PreActivationBuffer)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => ResidualEmitter.Instance;

    public override string Declaration => $"Residual({Reach}, {Activation})";

    public override Activation? OutputActivation => Activation;

    public override string? PreActivation => PreActivationBuffer;

    /// <summary>The sum at a position reads both tensors at that position only, so it is causal in time when its block is.</summary>
    public override bool Streams => true;

    /// <summary>The layer whose input the skip connection reads.</summary>
    public int SkipLayer => Index - Reach;

    public override string Describe() => $"Layer {Index + 1}, {Declaration}: {Input.Shape}, the input of layer {SkipLayer + 1} added to the output of layer {Index}";
}
