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

    /// <summary>The tensors of an architecture in canonical order: each layer's tensors as PyTorch holds them (a Dense layer's weight, then its bias).</summary>
    public static IReadOnlyList<ParameterTensor> Of(NetworkArchitecture architecture)
    {
        var tensors = new List<ParameterTensor>();
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            foreach (ParameterInfo parameter in architecture.Layers[i].Parameters)
            {
                int rows = parameter.Shape.Count == 1 ? 1 : parameter.Shape[0];
                string shape = string.Join(" x ", parameter.Shape);
                tensors.Add(new ParameterTensor($"layer {i + 1} {parameter.Name} [{shape}]", parameter.Offset, parameter.Count, rows, parameter.Count / rows));
            }
        }

        return tensors;
    }
}
