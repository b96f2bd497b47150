using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Validation;

namespace NetGen.CodeFixes;

/// <summary>Inserts <c>[Flatten]</c> before a Dense layer that applies at each position of a shape where a flat row was
/// meant (NG0053, reported at the Dense attribute): in an attribute list of its own, or before it in a shared list.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFixProvider))]
[Shared]
public sealed class InsertFlattenCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "NetGen.InsertFlatten";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.DenseAppliesPerPosition);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan) is AttributeSyntax { Parent: AttributeListSyntax } dense)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Insert [Flatten] before this layer", cancellationToken => InsertAsync(context.Document, dense, cancellationToken), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> InsertAsync(Document document, AttributeSyntax dense, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || dense.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        AttributeSyntax flatten = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Flatten"));
        if (list.Attributes.Count > 1)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(dense), flatten))));
        }

        // A list of its own, on the line before, indented as the Dense layer's list is.
        AttributeListSyntax flattenList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten))
            .WithLeadingTrivia(list.GetLeadingTrivia())
            .WithTrailingTrivia(list.GetTrailingTrivia());
        return document.WithSyntaxRoot(root.InsertNodesBefore(list, new[] { flattenList }));
    }
}
