using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A shape turned into one flat row (<see cref="FlattenAttribute"/>), PyTorch's <c>nn.Flatten</c>. NetGen keeps
/// its rows channels last; its PyTorch twin is channels first, so a Dense layer after a Flatten of
/// <c>(H, W, C)</c> exchanges its weight with columns in <c>(C, H, W)</c> order, and the ONNX graph
/// transposes to channels first before flattening.
/// </summary>
public sealed class FlattenLayerInfo : LayerInfo
{
    /// <summary>Describes a Flatten layer.</summary>
    /// <param name="inputShape">The shape it flattens.</param>
    public FlattenLayerInfo(TensorShape inputShape)
        : base(LayerKind.Flatten, inputShape, new TensorShape(inputShape?.Size ?? throw new ArgumentNullException(nameof(inputShape))), 0, [])
    {
    }

    /// <inheritdoc/>
    internal override string DescriptionToken => "flatten";

    /// <inheritdoc/>
    public override string ToString() => "Flatten";

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        string prefix = context.Prefix;
        string result = output ?? prefix + ".flatten";
        if (InputShape.Rank == 1)
        {
            graph.Node("Identity", prefix + ".identity", [input], result);
            return result;
        }

        // A layer with parameters after it reads the row in PyTorch's channels-first order; otherwise it keeps NetGen's
        // channels-last order, as Predict gives it. A convolution's result is channels first already.
        string ordered = context.ParametersFollow ? graph.ChannelsFirst(input, InputShape, prefix) : graph.ChannelsLast(input, InputShape, prefix);
        graph.Node("Flatten", prefix + ".flatten", [ordered], result, OnnxGraph.Attribute.Int("axis", 1));
        return result;
    }
}
