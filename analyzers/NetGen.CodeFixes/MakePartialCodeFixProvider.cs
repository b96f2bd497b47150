using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Validation;

namespace NetGen.CodeFixes;

/// <summary>Adds <c>partial</c> to the network class (NG0001) or to a type containing it (NG0004);
/// both diagnostics are reported at that declaration's name.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
[Shared]
public sealed class MakePartialCodeFixProvider : DocumentFixProvider
{
    private const string EquivalenceKey = "NetGen.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(ProblemIds.NotPartial, ProblemIds.ContainingTypeNotPartial);

    /// <inheritdoc/>
    protected override SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is TypeDeclarationSyntax declaration &&
        declaration.Identifier.Span == diagnostic.Location.SourceSpan
            ? declaration
            : null;

    /// <inheritdoc/>
    protected override IEnumerable<FixChoice> Choices(SyntaxNode target, Diagnostic diagnostic)
    {
        var declaration = (TypeDeclarationSyntax)target;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            yield return new FixChoice($"Make '{declaration.Identifier.ValueText}' partial", EquivalenceKey);
        }
    }

    /// <inheritdoc/>
    protected override SyntaxNode Apply(SyntaxNode root, SyntaxNode target, Diagnostic diagnostic, string key)
        => root.ReplaceNode(target, WithPartial((TypeDeclarationSyntax)target));

    /// <summary><c>partial</c> goes last among the modifiers, right before the keyword, as C# requires.</summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        SyntaxTokenList modifiers = declaration.Modifiers;
        if (modifiers.Count == 0)
        {
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .ReplaceToken(keyword, keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        SyntaxToken token = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration.WithModifiers(modifiers.Add(token));
    }
}
