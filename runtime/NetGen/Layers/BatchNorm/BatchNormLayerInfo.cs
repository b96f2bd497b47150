using System;
using System.Collections.Generic;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A BatchNorm layer (<see cref="BatchNormAttribute"/>): each channel (the last axis) normalised with the batch's statistics in
/// training calls and with the running statistics in inference calls, PyTorch's <c>nn.BatchNorm1d</c>. Its parameters are
/// <c>weight</c> and <c>bias</c> <c>[C]</c>; its state is <c>running_mean</c> and <c>running_var</c> <c>[C]</c> (with PyTorch's
/// <c>num_batches_tracked</c> in safetensors).
/// </summary>
public sealed class BatchNormLayerInfo : LayerInfo
{
    private readonly StateInfo[] _state;

    /// <summary>Describes a BatchNorm layer.</summary>
    /// <param name="shape">The shape it takes and gives; it normalises each channel of the last axis.</param>
    /// <param name="activation">The activation after the normalisation.</param>
    /// <param name="momentum">The weight of a batch in the running statistics, in [0, 1].</param>
    /// <param name="epsilon">Added to the variance; positive and finite.</param>
    /// <param name="parameterOffset">Where its weight starts in the canonical parameter order.</param>
    /// <param name="stateOffset">Where its running mean starts in the canonical state order.</param>
    /// <exception cref="ArgumentException">The momentum or epsilon is out of range.</exception>
    public BatchNormLayerInfo(TensorShape shape, Activation activation, float momentum, float epsilon, int parameterOffset, int stateOffset)
        : base(LayerKind.BatchNorm, shape, shape, parameterOffset, NormalizationText.Affine(shape, parameterOffset))
    {
        if (!(momentum >= 0f && momentum <= 1f))
        {
            throw new ArgumentException($"A BatchNorm momentum must be in [0, 1]; it is {momentum}.", nameof(momentum));
        }

        NormalizationText.CheckEpsilon(epsilon, "BatchNorm");
        Activation = activation;
        Momentum = momentum;
        Epsilon = epsilon;
        int channels = shape.Channels;
        _state =
        [
            new StateInfo("running_mean", [channels], stateOffset),
            new StateInfo("running_var", [channels], stateOffset + channels),
        ];
    }

    /// <inheritdoc/>
    public override Activation Activation { get; }

    /// <summary>The weight of a batch's statistics in the running statistics.</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance before its square root.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<StateInfo> State => _state;

    /// <inheritdoc/>
    public override int MinimumTrainingRows => InputShape.Positions == 1 ? 2 : 1;

    /// <inheritdoc/>
    public override int SequentialModules => Activation == Activation.None ? 1 : 2;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"batchnorm={Activation},{Momentum:R},{Epsilon:R}");

    /// <inheritdoc/>
    public override string ToString() => NormalizationText.Declaration("BatchNorm", Activation, Momentum == BatchNormDefaults.Momentum ? null : Momentum, Epsilon);

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        string prefix = context.Prefix;
        int channels = InputShape.Channels;
        ReadOnlySpan<float> affine = context.Parameters.Slice(ParameterOffset, 2 * channels);
        ReadOnlySpan<float> statistics = context.State.Slice(_state[0].Offset, 2 * channels);
        graph.Initializer(prefix + ".weight", [channels], affine[..channels]);
        graph.Initializer(prefix + ".bias", [channels], affine[channels..]);
        graph.Initializer(prefix + ".running_mean", [channels], statistics[..channels]);
        graph.Initializer(prefix + ".running_var", [channels], statistics[channels..]);
        string[] inputs = [string.Empty, prefix + ".weight", prefix + ".bias", prefix + ".running_mean", prefix + ".running_var"];
        ProtobufWriter epsilon = OnnxGraph.Attribute.Float("epsilon", Epsilon);
        if (InputShape.Rank == 1)
        {
            inputs[0] = input;
            string normalized = output is not null && Activation == Activation.None ? output : prefix + ".normalized";
            graph.Node("BatchNormalization", prefix + ".batchnorm", inputs, normalized, epsilon);
            return graph.Activation(Activation, prefix, normalized, output ?? prefix + ".activation");
        }

        // BatchNormalization takes the channels on axis 1: [batch, C, ...], as a convolution's result already is; the result stays so.
        inputs[0] = graph.ChannelsFirst(input, InputShape, prefix);
        graph.Node("BatchNormalization", prefix + ".batchnorm", inputs, prefix + ".normalized", epsilon);
        graph.MarkChannelsFirst(prefix + ".normalized");
        return graph.ChannelsFirstActivation(Activation, prefix, prefix + ".normalized", InputShape, output);
    }
}

/// <summary>The defaults of <see cref="BatchNormAttribute"/>, PyTorch's.</summary>
internal static class BatchNormDefaults
{
    public const float Momentum = 0.1f;

    public const float Epsilon = 1e-5f;
}
