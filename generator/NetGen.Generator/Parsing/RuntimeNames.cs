namespace NetGen.Generator.Parsing;

/// <summary>The metadata names of the runtime's types. The generator compiles the runtime's vocabulary files into its own
/// namespace, so a name comes from the type itself (<c>nameof</c>-safe) and the runtime's namespace.</summary>
internal static class RuntimeNames
{
    /// <summary>The runtime's namespace, where every attribute and enum of a declaration lives.</summary>
    public const string Namespace = "NetGen";

    /// <summary>The metadata name of the runtime's <typeparamref name="T"/>: <c>NetGen.DenseAttribute</c>.</summary>
    public static string Of<T>() => Namespace + "." + typeof(T).Name;
}
