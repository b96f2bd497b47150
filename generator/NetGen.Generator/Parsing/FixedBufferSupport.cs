using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Decides whether a network can get its fixed-size buffer types (<c>Input</c> and <c>Output</c>
/// as <c>[InlineArray]</c> structs): the project must compile C# 12 or newer against a framework
/// that has <c>InlineArrayAttribute</c> (.NET 8 or newer), and the names must be free, so that
/// the generated part never breaks a declaration that compiles without it.
/// </summary>
internal static class FixedBufferSupport
{
    public const string InputTypeName = "Input";
    public const string OutputTypeName = "Output";
    public const string InlineArrayAttribute = "System.Runtime.CompilerServices.InlineArrayAttribute";

#if ROSLYN_4_3
    // Roslyn 4.3 names the versions up to C# 11 (and its compiler compiles none newer); 1200 is C# 12.
    private const LanguageVersion CSharp12 = (LanguageVersion)1200;
#else
    private const LanguageVersion CSharp12 = LanguageVersion.CSharp12;
#endif

    public static bool IsAvailable(INamedTypeSymbol type, SemanticModel model, SyntaxNode declaration)
    {
        if (declaration.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: >= CSharp12 } ||
            model.Compilation.GetTypeByMetadataName(InlineArrayAttribute) is null)
        {
            return false;
        }

        return IsFree(type, model, declaration, InputTypeName) && IsFree(type, model, declaration, OutputTypeName);
    }

    /// <summary>Whether <paramref name="name"/> is neither the type's own name, nor a member of it or of a base type,
    /// nor a type or namespace the class body can already see by that name: a nested type of that name would clash
    /// with the first, hide the second and change what the third means in the user's code.</summary>
    private static bool IsFree(INamedTypeSymbol type, SemanticModel model, SyntaxNode declaration, string name)
    {
        if (type.Name == name || !model.LookupNamespacesAndTypes(declaration.SpanStart, name: name).IsEmpty)
        {
            return false;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (!current.GetMembers(name).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }
}
