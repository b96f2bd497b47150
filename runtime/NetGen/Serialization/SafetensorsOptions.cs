namespace NetGen.Serialization;

/// <summary>Options of <see cref="Safetensors"/>.</summary>
public sealed record SafetensorsOptions
{
    /// <summary>The options used when none are given: <see cref="SafetensorsNaming.Sequential"/>, no prefix, strict.</summary>
    public static SafetensorsOptions Default { get; } = new();

    /// <summary>How tensors are numbered.</summary>
    public SafetensorsNaming Naming { get; init; } = SafetensorsNaming.Sequential;

    /// <summary>
    /// Text put before every name, for a <c>state_dict</c> whose <c>nn.Sequential</c> is an attribute
    /// of another module: <c>"model."</c> gives <c>model.0.weight</c>.
    /// </summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>
    /// When reading, whether tensors the network does not have are ignored (true) or rejected
    /// with their names (false, the default).
    /// </summary>
    public bool IgnoreUnexpectedTensors { get; init; }

    /// <summary>
    /// Whether a run of recurrent layers of one kind and size, each but the last returning sequences, is named as one
    /// PyTorch module with <c>num_layers</c> equal to the run's length: <c>[GRU(16, ReturnSequences = true)]
    /// [GRU(16)]</c> is <c>nn.GRU(F, 16, num_layers=2, batch_first=True)</c>, with tensors <c>0.weight_ih_l0</c> ...
    /// <c>0.bias_hh_l1</c>, and the next module is numbered 1. False (the default) names each layer as a module of its own.
    /// </summary>
    public bool StackRecurrentLayers { get; init; }
}
