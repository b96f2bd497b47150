using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Parsing;
using NetGen.Generator.Shapes;

namespace NetGen.Analyzers;

/// <summary>
/// Reports every problem with a <c>[Network]</c> declaration at the attribute or argument that
/// causes it, using the same parsing and shape code as the generator: errors for declarations
/// that cannot work (the generator emits nothing for them) and warnings for likely mistakes.
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
            INamedTypeSymbol? network = start.Compilation.GetTypeByMetadataName(WellKnownNames.NetworkAttribute);
            INamedTypeSymbol? dense = start.Compilation.GetTypeByMetadataName(WellKnownNames.DenseAttribute);
            INamedTypeSymbol? dropout = start.Compilation.GetTypeByMetadataName(WellKnownNames.DropoutAttribute);
            if (network is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, network, dense, dropout), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol networkAttribute, INamedTypeSymbol? denseAttribute, INamedTypeSymbol? dropoutAttribute)
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
            else if (firstLayer is null && attributeClass is not null &&
                (SymbolEqualityComparer.Default.Equals(attributeClass, denseAttribute) || SymbolEqualityComparer.Default.Equals(attributeClass, dropoutAttribute)))
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

        ParsedNetwork parsed = NetworkParser.Parse(type, network, context.CancellationToken);
        var problems = new List<Problem>(parsed.Problems);
        if (parsed.Spec is not null && parsed.Locations is not null)
        {
            problems.AddRange(NetworkValidator.Validate(parsed.Spec, parsed.Locations));
            problems.AddRange(NetworkAdvisor.Advise(parsed.Spec, parsed.Locations));
        }

        foreach (Problem problem in problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForProblem(problem.Id), problem.Location, problem.Arguments));
        }
    }
}
