using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Validation;

namespace NetGen.CodeFixes;

/// <summary>Inserts <c>[Flatten]</c> before a Dense layer that applies at each position of a shape where a flat row was
/// meant (NG0053, reported at the Dense attribute): in an attribute list of its own, or before it in a shared list.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFixProvider))]
[Shared]
public sealed class InsertFlattenCodeFixProvider : DocumentFixProvider
{
    private const string EquivalenceKey = "NetGen.InsertFlatten";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.DenseAppliesPerPosition);

    /// <inheritdoc/>
    protected override SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan) is AttributeSyntax { Parent: AttributeListSyntax } dense ? dense : null;

    /// <inheritdoc/>
    protected override IEnumerable<FixChoice> Choices(SyntaxNode target, Diagnostic diagnostic)
    {
        yield return new FixChoice("Insert [Flatten] before this layer", EquivalenceKey);
    }

    /// <inheritdoc/>
    protected override SyntaxNode Apply(SyntaxNode root, SyntaxNode target, Diagnostic diagnostic, string key)
    {
        var dense = (AttributeSyntax)target;
        var list = (AttributeListSyntax)dense.Parent!;
        AttributeSyntax flatten = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Flatten"));
        if (list.Attributes.Count > 1)
        {
            return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(dense), flatten)));
        }

        // A list of its own, on the line before, indented as the Dense layer's list is.
        AttributeListSyntax flattenList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten))
            .WithLeadingTrivia(list.GetLeadingTrivia())
            .WithTrailingTrivia(list.GetTrailingTrivia());
        return root.InsertNodesBefore(list, new[] { flattenList });
    }
}
