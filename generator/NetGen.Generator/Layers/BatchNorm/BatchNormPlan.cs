using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.BatchNorm;

/// <summary>A BatchNorm layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it normalises, channel by channel.</param>
/// <param name="Output">The tensor it writes.</param>
/// <param name="Activation">The activation after the normalisation.</param>
/// <param name="Momentum">The weight of a batch in the running statistics.</param>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Affine">The parameters: the weight, then the bias, each padded.</param>
/// <param name="Running">The state: the running mean, then the running variance.</param>
/// <param name="Statistics">The last training call's mean, variance, inverse deviation and scale.</param>
/// <param name="Sums">The weight's and the bias's gradients, summed over the last training call.</param>
/// <param name="Coefficients">The coefficients of the input gradient.</param>
/// <param name="InferenceScale">The scale inference calls use.</param>
/// <param name="PaddedInput">The padded copy of the input rows it reads, or null when it reads them where they are.</param>
/// <param name="PreActivationBuffer">Where the pre-activation rows are kept, or null.</param>
/// <param name="CanonicalOffset">Where its weight starts in the canonical parameter order.</param>
/// <param name="StateOffset">Where its running mean starts in the canonical state order.</param>
/// <param name="FoldPlan">The fold into the layer before it for inference, or null.</param>
internal sealed record BatchNormPlan(
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    Activation Activation,
    float Momentum,
    float Epsilon,
    string Affine,
    string Running,
    string Statistics,
    string Sums,
    string Coefficients,
    string InferenceScale,
    string? PaddedInput,
    string? PreActivationBuffer,
    long CanonicalOffset,
    long StateOffset,
    ChannelFold? FoldPlan)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => BatchNormEmitter.Instance;

    public override string Declaration => Normalization.Declaration("BatchNorm", Activation, Momentum, Epsilon);

    public override Activation? OutputActivation => Activation;

    public override string? PreActivation => PreActivationBuffer;

    public override long ParameterCount => 2L * Channels;

    /// <summary>The running mean and the running variance.</summary>
    public override long StateCount => 2L * Channels;

    public override bool NeedsEveryRow => true;

    public override ChannelFold? Fold => FoldPlan;

    public int Channels => Input.Channels;

    public int PaddedChannels => MemoryPlan.Pad(Channels);

    /// <summary>The positions of a row: the statistics of a training call are over its rows times these.</summary>
    public int Positions => Input.Positions;

    public override string Describe() => $"Layer {Index + 1}, {Declaration}: {Input.Shape}, {Channels} channels{(Positions == 1 ? string.Empty : $" over {Positions} positions")}";
}
