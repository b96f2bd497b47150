namespace NetGen.Generator;

/// <summary>Names of pipeline steps, so that tests can check what ran again after an edit.</summary>
public static class TrackingNames
{
    /// <summary>The valid network specs read from <c>[Network]</c> declarations.</summary>
    public const string Specs = nameof(Specs);
}
