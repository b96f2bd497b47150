using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using NetGen.Generator.Validation;

namespace NetGen.CodeFixes;

/// <summary>
/// Sets a Dense layer's activation: <c>Sigmoid</c> on the output layer for binary cross-entropy
/// (NG0020), <c>Softmax</c> for categorical cross-entropy (NG0021), and <c>ReLU</c> on a linear
/// layer that feeds another Dense layer (NG0050). The diagnostics are reported at the activation
/// argument, or at the attribute when the activation is omitted, where the fix adds it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetActivationCodeFixProvider))]
[Shared]
public sealed class SetActivationCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        ProblemIds.BinaryCrossEntropyNeedsSigmoid,
        ProblemIds.CategoricalCrossEntropyNeedsSoftmax,
        ProblemIds.LinearLayersCollapse);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            string? activation = ActivationFor(diagnostic.Id);
            SyntaxNode? node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: false);
            if (activation is null || node is not (AttributeArgumentSyntax or AttributeSyntax))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use Activation.{activation}",
                    cancellationToken => SetActivationAsync(context.Document, node, activation, cancellationToken),
                    "NetGen.SetActivation." + activation),
                diagnostic);
        }
    }

    private static string? ActivationFor(string id) => id switch
    {
        ProblemIds.BinaryCrossEntropyNeedsSigmoid => "Sigmoid",
        ProblemIds.CategoricalCrossEntropyNeedsSoftmax => "Softmax",
        ProblemIds.LinearLayersCollapse => "ReLU",
        _ => null,
    };

    private static async Task<Document> SetActivationAsync(Document document, SyntaxNode node, string activation, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        SyntaxNode replaced = node switch
        {
            AttributeArgumentSyntax argument => argument.WithExpression(Replace(argument.Expression, activation)),
            AttributeSyntax attribute => AddActivation(attribute, activation),
            _ => node,
        };
        return document.WithSyntaxRoot(root.ReplaceNode(node, replaced));
    }

    /// <summary>Keeps the way the enum is written (<c>Activation.X</c>, <c>NetGen.Activation.X</c>, an alias) and changes only the member.</summary>
    private static ExpressionSyntax Replace(ExpressionSyntax expression, string activation)
    {
        if (expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access)
        {
            return access.WithName(name.WithIdentifier(SyntaxFactory.Identifier(activation).WithTriviaFrom(name.Identifier)));
        }

        return ActivationExpression(activation).WithTriviaFrom(expression);
    }

    private static AttributeSyntax AddActivation(AttributeSyntax attribute, string activation)
    {
        AttributeArgumentListSyntax arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        bool named = false;
        foreach (AttributeArgumentSyntax existing in arguments.Arguments)
        {
            named |= existing.NameColon is not null;
        }

        AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(ActivationExpression(activation));
        if (named)
        {
            argument = argument.WithNameColon(SyntaxFactory.NameColon("activation"));
        }

        return attribute.WithArgumentList(arguments.AddArguments(argument));
    }

    /// <summary><c>global::NetGen.Activation.X</c>, which the simplifier shortens to what the file's usings allow.</summary>
    private static ExpressionSyntax ActivationExpression(string activation) =>
        SyntaxFactory.ParseExpression("global::NetGen.Activation." + activation).WithAdditionalAnnotations(Simplifier.Annotation);
}
