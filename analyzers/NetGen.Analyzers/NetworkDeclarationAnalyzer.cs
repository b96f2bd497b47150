using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Layers;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Analyzers;

/// <summary>
/// Reports every problem with a <c>[Network]</c> declaration at the attribute or argument that
/// causes it, from the same parser and planner as the generator: errors for declarations that
/// cannot work (the generator emits nothing for them) and warnings for likely mistakes; and, at each
/// <c>[Network]</c>, an MSBuild property <c>NetGenCodePath</c> of a value NetGen does not know.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.Declarations;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? network = start.Compilation.GetTypeByMetadataName(RuntimeNames.Of<NetworkAttribute>());
            if (network is null)
            {
                return;
            }

            var layers = new List<INamedTypeSymbol>();
            foreach (LayerKind kind in LayerKinds.All)
            {
                if (start.Compilation.GetTypeByMetadataName(kind.AttributeName) is { } layer)
                {
                    layers.Add(layer);
                }
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, network, layers), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol networkAttribute, List<INamedTypeSymbol> layerAttributes)
    {
        if (context.Symbol is not INamedTypeSymbol type)
        {
            return;
        }

        AttributeData? network = null;
        AttributeData? firstLayer = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            INamedTypeSymbol? attributeClass = attribute.AttributeClass;
            if (SymbolEqualityComparer.Default.Equals(attributeClass, networkAttribute))
            {
                network ??= attribute;
            }
            else if (firstLayer is null && attributeClass is not null && layerAttributes.Contains(attributeClass, SymbolEqualityComparer.Default))
            {
                firstLayer = attribute;
            }
        }

        if (network is null)
        {
            if (firstLayer?.ApplicationSyntaxReference is { } reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.LayerWithoutNetwork,
                    reference.GetSyntax(context.CancellationToken).GetLocation(),
                    type.Name));
            }

            return;
        }

        if (context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(CodePath.OptionKey, out string? codePath) && !CodePath.IsKnown(codePath) &&
            network.ApplicationSyntaxReference is { } networkReference)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnknownCodePath,
                networkReference.GetSyntax(context.CancellationToken).GetLocation(),
                codePath));
        }

        ParsedNetwork parsed = NetworkParser.Parse(type, network, context.CancellationToken);
        foreach (LocatedProblem problem in parsed.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForProblem(problem.Id), problem.Location, problem.Arguments));
        }

        if (parsed.Spec is null)
        {
            return;
        }

        PlanResult result = NetworkPlanner.Plan(parsed.Spec);
        IEnumerable<Problem> problems = result.Plan is null ? result.Problems : NetworkAdvisor.Advise(result.Plan);
        foreach (Problem problem in problems)
        {
            ImmutableDictionary<string, string?>? properties = problem.Suggestion is null
                ? null
                : ImmutableDictionary<string, string?>.Empty.Add(ProblemIds.SuggestionProperty, problem.Suggestion);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForProblem(problem.Id), parsed.Locations.Of(problem.Site), properties, problem.Arguments));
        }
    }
}
