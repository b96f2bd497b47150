using System.Collections.Generic;
using NetGen.Generator.Layers.BatchNorm;
using NetGen.Generator.Layers.Convolution;
using NetGen.Generator.Layers.Dense;
using NetGen.Generator.Layers.Dropout;
using NetGen.Generator.Layers.Flatten;
using NetGen.Generator.Layers.GlobalAvgPool;
using NetGen.Generator.Layers.Pooling;
using NetGen.Generator.Layers.GRU;
using NetGen.Generator.Layers.LayerNorm;
using NetGen.Generator.Layers.LSTM;
using NetGen.Generator.Layers.Residual;

namespace NetGen.Generator.Layers;

/// <summary>Every layer kind NetGen knows: adding a kind is adding its folder and one line here.</summary>
internal static class LayerKinds
{
    public static IReadOnlyList<LayerKind> All { get; } = new LayerKind[]
    {
        DenseKind.Instance,
        DropoutKind.Instance,
        FlattenKind.Instance,
        Conv1DKind.Instance, Conv2DKind.Instance,
        MaxPool1DKind.Instance, AvgPool1DKind.Instance, MaxPool2DKind.Instance, AvgPool2DKind.Instance,
        GlobalAvgPoolKind.Instance,
        GRUKind.Instance,
        LSTMKind.Instance,
        BatchNormKind.Instance,
        LayerNormKind.Instance,
        ResidualKind.Instance,
    };

    /// <summary>The kind declared by the attribute of metadata name <paramref name="attributeName"/>, or null.</summary>
    public static LayerKind? ForAttribute(string? attributeName)
    {
        foreach (LayerKind kind in All)
        {
            if (kind.AttributeName == attributeName)
            {
                return kind;
            }
        }

        return null;
    }
}
