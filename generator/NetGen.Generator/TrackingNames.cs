namespace NetGen.Generator;

/// <summary>Names of pipeline steps, so that tests can check what ran again after an edit.</summary>
public static class TrackingNames
{
    /// <summary>The plans of the valid <c>[Network]</c> declarations.</summary>
    public const string Plans = nameof(Plans);
}
