using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Validation;

namespace NetGen.CodeFixes;

/// <summary>Reads a network's size constant through its type instead of an instance (NG0056, which explains the
/// compiler's CS0176): <c>net.ParameterCount</c> becomes <c>MnistNet.ParameterCount</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(QualifyConstantCodeFixProvider))]
[Shared]
public sealed class QualifyConstantCodeFixProvider : DocumentFixProvider
{
    private const string EquivalenceKey = "NetGen.QualifyConstant";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.ConstantThroughInstance);

    /// <inheritdoc/>
    protected override SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is MemberAccessExpressionSyntax access ? access : null;

    /// <inheritdoc/>
    protected override IEnumerable<FixChoice> Choices(SyntaxNode target, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.TryGetValue(ProblemIds.SuggestionProperty, out string? type) && type is not null)
        {
            yield return new FixChoice($"Use {type}.{((MemberAccessExpressionSyntax)target).Name.Identifier.ValueText}", EquivalenceKey);
        }
    }

    /// <inheritdoc/>
    protected override SyntaxNode Apply(SyntaxNode root, SyntaxNode target, Diagnostic diagnostic, string key)
    {
        var access = (MemberAccessExpressionSyntax)target;
        string type = diagnostic.Properties[ProblemIds.SuggestionProperty]!;
        return root.ReplaceNode(access, access.WithExpression(SyntaxFactory.ParseExpression(type).WithTriviaFrom(access.Expression)));
    }
}
