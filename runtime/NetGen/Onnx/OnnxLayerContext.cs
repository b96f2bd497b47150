using System;

namespace NetGen.Onnx;

/// <summary>What a layer sees of the network while it adds its ONNX nodes.</summary>
internal readonly ref struct OnnxLayerContext
{
    public OnnxLayerContext(NetworkArchitecture architecture, int index, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, System.Collections.Generic.IReadOnlyList<string> inputs)
    {
        Architecture = architecture;
        Index = index;
        Parameters = parameters;
        State = state;
        Inputs = inputs;
    }

    public NetworkArchitecture Architecture { get; }

    /// <summary>The layer's position in the declaration, from 0.</summary>
    public int Index { get; }

    /// <summary>Every parameter of the network in canonical order.</summary>
    public ReadOnlySpan<float> Parameters { get; }

    /// <summary>The network's state in canonical order (BatchNorm's running statistics).</summary>
    public ReadOnlySpan<float> State { get; }

    /// <summary>The names of the tensors that entered this layer and every layer before it, by layer index.</summary>
    public System.Collections.Generic.IReadOnlyList<string> Inputs { get; }

    /// <summary>The prefix of the names the layer adds: its index, as safetensors' <c>LayerIndex</c> naming writes it.</summary>
    public string Prefix => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether a layer with parameters comes after this one (and so reads values in PyTorch's order).</summary>
    public bool ParametersFollow
    {
        get
        {
            for (int i = Index + 1; i < Architecture.Layers.Count; i++)
            {
                if (Architecture.Layers[i].ParameterCount > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
