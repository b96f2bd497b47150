using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>Inverted dropout (<see cref="DropoutAttribute"/>): the identity at inference, PyTorch's <c>nn.Dropout</c>.</summary>
public sealed class DropoutLayerInfo : LayerInfo
{
    /// <summary>Describes a Dropout layer.</summary>
    /// <param name="shape">The shape it takes and gives.</param>
    /// <param name="rate">The probability of dropping an element, in [0, 1).</param>
    /// <exception cref="ArgumentException">The rate is out of range.</exception>
    public DropoutLayerInfo(TensorShape shape, float rate)
        : base(LayerKind.Dropout, shape, shape, 0, [])
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentException($"A dropout rate must be in [0, 1); it is {rate}.", nameof(rate));
        }

        DropoutRate = rate;
    }

    /// <inheritdoc/>
    public override float DropoutRate { get; }

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"dropout={DropoutRate:R}");

    /// <inheritdoc/>
    public override string ToString() => Invariant($"Dropout({DropoutRate})");

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        if (output is null)
        {
            return input; // the identity at inference
        }

        return graph.ChannelsLast(input, InputShape, context.Prefix, output);
    }
}
