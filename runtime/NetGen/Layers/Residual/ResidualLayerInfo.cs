using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A skip connection (<see cref="ResidualAttribute"/>): <c>activation(x + t)</c>, where <c>x</c> is the output of the layer
/// before and <c>t</c> the tensor that entered the layer <see cref="Layers"/> positions back; the PyTorch twin's
/// <c>x + block(x)</c>. It has no parameters.
/// </summary>
public sealed class ResidualLayerInfo : LayerInfo
{
    /// <summary>Describes a Residual layer.</summary>
    /// <param name="shape">The shape it takes and gives, which the tensor it adds has too.</param>
    /// <param name="layers">How many layers back the added tensor entered; at least 1.</param>
    /// <param name="activation">The activation applied to the sum.</param>
    /// <exception cref="ArgumentException">The count of layers is below 1.</exception>
    public ResidualLayerInfo(TensorShape shape, int layers, Activation activation)
        : base(LayerKind.Residual, shape, shape, 0, [])
    {
        if (layers < 1)
        {
            throw new ArgumentException($"A Residual layer reaches back at least 1 layer; it reaches {layers}.", nameof(layers));
        }

        Layers = layers;
        Activation = activation;
    }

    /// <summary>How many layers back the added tensor entered.</summary>
    public int Layers { get; }

    /// <inheritdoc/>
    public override Activation Activation { get; }

    /// <inheritdoc/>
    public override int Reach => Layers;

    /// <inheritdoc/>
    public override int SequentialModules => Activation == Activation.None ? 1 : 2;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"residual={Layers},{Activation}");

    /// <inheritdoc/>
    public override string ToString() => Invariant($"Residual({Layers}, {Activation})");

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        string prefix = context.Prefix;
        string skip = context.Inputs[context.Index - Layers];
        if (graph.IsChannelsFirst(input) && graph.IsChannelsFirst(skip))
        {
            // Both are a convolution's results, channels first: the sum stays so.
            graph.Node("Add", prefix + ".add", [input, skip], prefix + ".sum");
            graph.MarkChannelsFirst(prefix + ".sum");
            return graph.ChannelsFirstActivation(Activation, prefix, prefix + ".sum", InputShape, output);
        }

        input = graph.ChannelsLast(input, InputShape, prefix + ".block");
        skip = graph.ChannelsLast(skip, InputShape, prefix + ".skip");
        string sum = output is not null && Activation == Activation.None ? output : prefix + ".sum";
        graph.Node("Add", prefix + ".add", [input, skip], sum);
        return graph.Activation(Activation, prefix, sum, output ?? prefix + ".activation");
    }
}
