namespace NetGen.Generator.Validation;

/// <summary>Where in a declaration a problem is: the <c>[Network]</c> attribute or one of its arguments, or a layer
/// attribute or one of its arguments. The analyzers turn a site into the location of the source text.</summary>
/// <param name="Layer">The layer's position from 0, or -1 for the <c>[Network]</c> attribute.</param>
/// <param name="Argument">The argument: a constructor parameter name or a named property; null for the whole attribute.</param>
internal readonly record struct Site(int Layer, string? Argument)
{
    /// <summary>The <c>[Network]</c> attribute, or one of its arguments.</summary>
    public static Site Network(string? argument = null) => new(-1, argument);

    /// <summary>Layer <paramref name="index"/>'s attribute, or one of its arguments.</summary>
    public static Site OfLayer(int index, string? argument = null) => new(index, argument);
}

/// <summary>Something wrong with a declaration, found from its spec and plan.</summary>
/// <param name="Id">One of <see cref="ProblemIds"/>.</param>
/// <param name="Site">Where to report it: the attribute or argument that causes it.</param>
/// <param name="Arguments">The values its message names, already formatted.</param>
internal sealed record Problem(string Id, Site Site, params string[] Arguments)
{
    /// <summary>What a code fix may change to, for the problems that have one: for example the names of the optimizers that
    /// use a hyperparameter, comma-separated. The analyzers pass it on as the diagnostic property <see cref="SuggestionKey"/>.</summary>
    public string? Suggestion { get; init; }

    /// <summary>The diagnostic property that carries <see cref="Suggestion"/>.</summary>
    public const string SuggestionKey = "Suggestion";
}
