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
}
