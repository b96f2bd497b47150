using System;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Decides between the two forms of generated code. The usual form has kernels for Vector512, Vector256,
/// Vector128 and scalar code with a dispatch between them, and uses C# 10 and newer syntax. The portable form,
/// for compilers and frameworks without those (Unity: C# 9 on .NET Standard 2.1), has the scalar kernels only,
/// called directly, in C# 9 syntax. It is chosen when the project compiles C# 9 or older, when its framework
/// has no <c>System.Runtime.Intrinsics.Vector128&lt;T&gt;</c>, or when the MSBuild property
/// <c>NetGenCodePath</c> is <c>Portable</c>.
/// </summary>
internal static class CodePath
{
    /// <summary>The MSBuild property, made visible to the compiler by the package's <c>NetGen.props</c>.</summary>
    public const string PropertyName = "NetGenCodePath";

    /// <summary>How the property reaches generators and analyzers.</summary>
    public const string OptionKey = "build_property." + PropertyName;

    /// <summary>The value that asks for portable code.</summary>
    public const string Portable = "Portable";

    /// <summary>The value (also meant by an empty or missing property) that lets the project decide.</summary>
    public const string Auto = "Auto";

    /// <summary>The type whose absence means the framework has no hardware intrinsics.</summary>
    public const string IntrinsicsType = "System.Runtime.Intrinsics.Vector128`1";

    /// <summary>Whether <paramref name="value"/> of the property is one NetGen knows: missing, empty, <c>Auto</c> or <c>Portable</c>
    /// (in any case).</summary>
    public static bool IsKnown(string? value)
        => string.IsNullOrWhiteSpace(value) || Is(value, Auto) || Is(value, Portable);

    /// <summary>Whether the generated code must be portable.</summary>
    /// <param name="languageVersion">The project's effective C# version.</param>
    /// <param name="hasIntrinsics">Whether the project's framework has <see cref="IntrinsicsType"/>.</param>
    /// <param name="property">The value of <see cref="PropertyName"/>, if set; an unknown value counts as <c>Auto</c>
    /// (the analyzers report it).</param>
    public static bool IsPortable(LanguageVersion languageVersion, bool hasIntrinsics, string? property)
        => languageVersion <= LanguageVersion.CSharp9 || !hasIntrinsics || Is(property, Portable);

    private static bool Is(string? value, string name) => string.Equals(value?.Trim(), name, StringComparison.OrdinalIgnoreCase);
}
