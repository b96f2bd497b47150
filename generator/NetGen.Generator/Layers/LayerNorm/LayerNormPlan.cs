using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.LayerNorm;

/// <summary>A LayerNorm layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it normalises, position by position.</param>
/// <param name="Output">The tensor it writes.</param>
/// <param name="Activation">The activation after the normalisation.</param>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Affine">The parameters: the weight, then the bias, each padded.</param>
/// <param name="PaddedInput">The padded copy of the caller's rows it reads, or null when it reads its input where it is.</param>
/// <param name="Normalized">The rows of normalised values, kept for the backward pass.</param>
/// <param name="InverseDeviation">Each position's <c>1 / sqrt(variance + epsilon)</c>.</param>
/// <param name="PreActivationBuffer">Where the pre-activation rows are kept, or null.</param>
/// <param name="CanonicalOffset">Where its weight starts in the canonical parameter order.</param>
internal sealed record LayerNormPlan(
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    Activation Activation,
    float Epsilon,
    string Affine,
    string? PaddedInput,
    string Normalized,
    string InverseDeviation,
    string? PreActivationBuffer,
    long CanonicalOffset)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => LayerNormEmitter.Instance;

    public override string Declaration => Normalization.Declaration("LayerNorm", Activation, null, Epsilon);

    public override Activation? OutputActivation => Activation;

    public override string? PreActivation => PreActivationBuffer;

    /// <summary>It normalises each position on its own, so it is causal in time.</summary>
    public override bool Streams => true;

    public override long ParameterCount => 2L * Channels;

    public int Channels => Input.Channels;

    public int PaddedChannels => MemoryPlan.Pad(Channels);

    /// <summary>The positions of a row, each normalised on its own.</summary>
    public int Positions => Input.Positions;

    public override string Describe() => $"Layer {Index + 1}, {Declaration}: {Input.Shape}, over {Channels} channels{(Positions == 1 ? string.Empty : $" at each of {Positions} positions")}";
}
