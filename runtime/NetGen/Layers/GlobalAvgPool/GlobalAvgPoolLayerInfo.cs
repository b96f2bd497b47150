using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>The mean of each channel over every position (<see cref="GlobalAvgPoolAttribute"/>): <c>(..., C)</c> becomes the flat row
/// <c>(C)</c>. Its PyTorch twin is one module computing the mean over the spatial axes of the channels-first tensor. No parameters.</summary>
public sealed class GlobalAvgPoolLayerInfo : LayerInfo
{
    /// <summary>Describes a global average pool.</summary>
    /// <param name="inputShape">The shape it averages over (every axis but the last).</param>
    public GlobalAvgPoolLayerInfo(TensorShape inputShape)
        : base(LayerKind.GlobalAvgPool, inputShape, new TensorShape(inputShape?.Channels ?? throw new ArgumentNullException(nameof(inputShape))), 0, [])
    {
    }

    /// <inheritdoc/>
    internal override string DescriptionToken => "globalavgpool";

    /// <inheritdoc/>
    public override string ToString() => "GlobalAvgPool";

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        string result = output ?? context.Prefix + ".mean";
        if (InputShape.Rank == 1)
        {
            graph.Node("Identity", context.Prefix + ".identity", [input], result);
            return result;
        }

        // The spatial axes in whichever layout the tensor has: [N, C, ...] or [N, ..., C].
        bool channelsFirst = graph.IsChannelsFirst(input);
        long[] axes = new long[InputShape.Rank - 1];
        for (int i = 0; i < axes.Length; i++)
        {
            axes[i] = channelsFirst ? i + 2 : i + 1;
        }

        graph.Node("ReduceMean", context.Prefix + ".mean", [input], result, OnnxGraph.Attribute.Ints("axes", axes), OnnxGraph.Attribute.Int("keepdims", 0));
        return result;
    }
}
