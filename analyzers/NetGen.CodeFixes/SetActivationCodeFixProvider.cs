using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Validation;

namespace NetGen.CodeFixes;

/// <summary>
/// Sets a Dense layer's activation: on the output layer of a binary cross-entropy <c>Sigmoid</c> (NG0020) and of a
/// categorical one <c>Softmax</c> (NG0021), or in both cases <c>None</c>, so that the outputs are logits as after PyTorch's
/// final <c>nn.Linear</c>; and <c>ReLU</c> on a linear layer that feeds another Dense layer (NG0050). The diagnostics are
/// reported at the activation argument, or at the attribute when the activation is omitted, where the fix adds it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetActivationCodeFixProvider))]
[Shared]
public sealed class SetActivationCodeFixProvider : DocumentFixProvider
{
    private const string KeyPrefix = "NetGen.SetActivation.";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        ProblemIds.BinaryCrossEntropyNeedsSigmoid,
        ProblemIds.CategoricalCrossEntropyNeedsSoftmax,
        ProblemIds.LinearLayersCollapse);

    /// <inheritdoc/>
    protected override SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: false) is (AttributeArgumentSyntax or AttributeSyntax) and var node ? node : null;

    /// <inheritdoc/>
    protected override IEnumerable<FixChoice> Choices(SyntaxNode target, Diagnostic diagnostic)
    {
        switch (diagnostic.Id)
        {
            case ProblemIds.BinaryCrossEntropyNeedsSigmoid:
                yield return Use("Sigmoid");
                yield return Logits();
                break;
            case ProblemIds.CategoricalCrossEntropyNeedsSoftmax:
                yield return Use("Softmax");
                yield return Logits();
                break;
            case ProblemIds.LinearLayersCollapse:
                yield return Use("ReLU");
                break;
        }
    }

    /// <inheritdoc/>
    protected override SyntaxNode Apply(SyntaxNode root, SyntaxNode target, Diagnostic diagnostic, string key)
    {
        string activation = key.Substring(KeyPrefix.Length);
        SyntaxNode replaced = target switch
        {
            AttributeArgumentSyntax argument => argument.WithExpression(EnumArgument.Replace(argument.Expression, "Activation", activation)),
            AttributeSyntax attribute => AddActivation(attribute, activation),
            _ => target,
        };
        return root.ReplaceNode(target, replaced);
    }

    private static FixChoice Use(string activation) => new($"Use Activation.{activation}", KeyPrefix + activation);

    private static FixChoice Logits() => new("Output logits: use Activation.None (the loss applies the activation)", KeyPrefix + "None");

    private static AttributeSyntax AddActivation(AttributeSyntax attribute, string activation)
    {
        // After the constructor's arguments (named for the parameter when they are) and before any property setters.
        AttributeArgumentListSyntax arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        bool named = false;
        int position = arguments.Arguments.Count;
        for (int i = arguments.Arguments.Count - 1; i >= 0; i--)
        {
            AttributeArgumentSyntax existing = arguments.Arguments[i];
            named |= existing.NameColon is not null;
            position = existing.NameEquals is not null ? i : position;
        }

        AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(EnumArgument.Member("Activation", activation));
        if (named)
        {
            argument = argument.WithNameColon(SyntaxFactory.NameColon("activation"));
        }

        return attribute.WithArgumentList(arguments.WithArguments(arguments.Arguments.Insert(position, argument)));
    }
}
