using System.Collections.Generic;

namespace NetGen.Tests.Support;

/// <summary>One weight matrix or bias vector in the canonical parameter order.</summary>
/// <param name="Name">For messages, such as <c>layer 2 weight [33 x 7]</c>.</param>
/// <param name="Offset">Where it starts.</param>
/// <param name="Length">How many values it has.</param>
/// <param name="Rows">Units (1 for a bias).</param>
/// <param name="Columns">Inputs per unit (the length for a bias).</param>
internal sealed record ParameterTensor(string Name, int Offset, int Length, int Rows, int Columns)
{
    /// <summary>Names element <paramref name="index"/> (canonical) as a position within the tensor.</summary>
    public string Describe(int index)
    {
        int local = index - Offset;
        return Rows == 1 ? $"{Name}[{local}]" : $"{Name}[{local / Columns}, {local % Columns}]";
    }

    /// <summary>The tensors of an architecture in canonical order: each Dense layer's weight, then its bias.</summary>
    public static IReadOnlyList<ParameterTensor> Of(NetworkArchitecture architecture)
    {
        var tensors = new List<ParameterTensor>();
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            if (layer.Kind != LayerKind.Dense)
            {
                continue;
            }

            tensors.Add(new ParameterTensor($"layer {i + 1} weight [{layer.OutputSize} x {layer.InputSize}]", layer.ParameterOffset, layer.WeightCount, layer.OutputSize, layer.InputSize));
            tensors.Add(new ParameterTensor($"layer {i + 1} bias [{layer.OutputSize}]", layer.BiasOffset, layer.BiasCount, 1, layer.OutputSize));
        }

        return tensors;
    }
}
