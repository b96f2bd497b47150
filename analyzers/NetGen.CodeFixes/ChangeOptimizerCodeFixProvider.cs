using System;
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
/// Changes the optimizer of a <c>[Network]</c> to one that uses a hyperparameter the declaration sets and the current one
/// ignores (NG0055, reported at that hyperparameter's argument): <c>Optimizer.Sgd</c> with <c>Momentum = 0.9f</c> becomes
/// <c>Optimizer.Momentum</c>. The <c>Optimizer</c> argument is rewritten, or added when the declaration relies on the
/// default.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChangeOptimizerCodeFixProvider))]
[Shared]
public sealed class ChangeOptimizerCodeFixProvider : DocumentFixProvider
{
    private const string KeyPrefix = "NetGen.UseOptimizer.";
    private const string OptimizerProperty = "Optimizer";
    private static readonly char[] Separator = { ',' };

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.HyperparameterIgnoredByOptimizer);

    /// <inheritdoc/>
    protected override SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: false) is AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax } argument
            ? argument
            : null;

    /// <inheritdoc/>
    protected override IEnumerable<FixChoice> Choices(SyntaxNode target, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(ProblemIds.SuggestionProperty, out string? suggestion) || suggestion is null)
        {
            yield break;
        }

        foreach (string optimizer in suggestion.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return new FixChoice($"Use Optimizer.{optimizer}", KeyPrefix + optimizer);
        }
    }

    /// <inheritdoc/>
    protected override SyntaxNode Apply(SyntaxNode root, SyntaxNode target, Diagnostic diagnostic, string key)
    {
        string optimizer = key.Substring(KeyPrefix.Length);
        var list = (AttributeArgumentListSyntax)target.Parent!;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == OptimizerProperty)
            {
                return root.ReplaceNode(argument, argument.WithExpression(EnumArgument.Replace(argument.Expression, OptimizerProperty, optimizer)));
            }
        }

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(OptimizerProperty)),
            nameColon: null,
            EnumArgument.Member(OptimizerProperty, optimizer));
        return root.ReplaceNode(list, list.AddArguments(added));
    }
}
