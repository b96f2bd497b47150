using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A LayerNorm layer (<see cref="LayerNormAttribute"/>): every position normalised over its channels (the last axis), the
/// same in training and inference calls, PyTorch's <c>nn.LayerNorm(C)</c>. Its parameters are <c>weight</c> and <c>bias</c> <c>[C]</c>.
/// </summary>
public sealed class LayerNormLayerInfo : LayerInfo
{
    /// <summary>Describes a LayerNorm layer.</summary>
    /// <param name="shape">The shape it takes and gives; it normalises over the last axis.</param>
    /// <param name="activation">The activation after the normalisation.</param>
    /// <param name="epsilon">Added to the variance; positive and finite.</param>
    /// <param name="parameterOffset">Where its weight starts in the canonical parameter order.</param>
    /// <exception cref="ArgumentException">The epsilon is out of range.</exception>
    public LayerNormLayerInfo(TensorShape shape, Activation activation, float epsilon, int parameterOffset)
        : base(LayerKind.LayerNorm, shape, shape, parameterOffset, NormalizationText.Affine(shape, parameterOffset))
    {
        NormalizationText.CheckEpsilon(epsilon, "LayerNorm");
        Activation = activation;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override Activation Activation { get; }

    /// <summary>Added to the variance before its square root.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override int SequentialModules => Activation == Activation.None ? 1 : 2;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"layernorm={Activation},{Epsilon:R}");

    /// <inheritdoc/>
    public override string ToString() => NormalizationText.Declaration("LayerNorm", Activation, null, Epsilon);

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        // Opset 13 has no LayerNormalization: mean and biased variance over the last axis, spelt out.
        string p = context.Prefix + ".";
        int channels = InputShape.Channels;
        ReadOnlySpan<float> affine = context.Parameters.Slice(ParameterOffset, 2 * channels);
        graph.Initializer(p + "weight", [channels], affine[..channels]);
        graph.Initializer(p + "bias", [channels], affine[channels..]);
        ProtobufWriter lastAxis = OnnxGraph.Attribute.Ints("axes", [-1]);
        input = graph.ChannelsLast(input, InputShape, context.Prefix); // a convolution's result is channels first
        graph.Node("ReduceMean", p + "mean", [input], p + "mean", lastAxis);
        graph.Node("Sub", p + "centre", [input, p + "mean"], p + "centred");
        graph.Node("Mul", p + "square", [p + "centred", p + "centred"], p + "squares");
        graph.Node("ReduceMean", p + "variance", [p + "squares"], p + "variance", OnnxGraph.Attribute.Ints("axes", [-1]));
        graph.Node("Add", p + "epsilon", [p + "variance", graph.Constant(Epsilon)], p + "variance_epsilon");
        graph.Node("Sqrt", p + "deviation", [p + "variance_epsilon"], p + "deviation");
        graph.Node("Div", p + "normalize", [p + "centred", p + "deviation"], p + "normalized");
        graph.Node("Mul", p + "scale", [p + "normalized", p + "weight"], p + "scaled");
        string affineOutput = output is not null && Activation == Activation.None ? output : p + "affine";
        graph.Node("Add", p + "shift", [p + "scaled", p + "bias"], affineOutput);
        return graph.Activation(Activation, context.Prefix, affineOutput, output ?? p + "activation");
    }
}
