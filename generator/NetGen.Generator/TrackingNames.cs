namespace NetGen.Generator;

/// <summary>Names of pipeline steps, so that tests can check what ran again after an edit.</summary>
public static class TrackingNames
{
    /// <summary>The plans of the valid <c>[Network]</c> declarations.</summary>
    public const string Plans = nameof(Plans);

    /// <summary>Whether the compilation gets portable code.</summary>
    public const string CodePath = nameof(CodePath);

    /// <summary>The plans as they are emitted: with the code path of the compilation.</summary>
    public const string Emitted = nameof(Emitted);
}
