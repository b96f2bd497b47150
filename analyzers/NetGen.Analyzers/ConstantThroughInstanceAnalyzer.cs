using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Parsing;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Analyzers;

/// <summary>
/// Explains the compiler's CS0176 when it is about a generated network's sizes: <c>net.ParameterCount</c> does not compile
/// because <c>ParameterCount</c> is a constant of the network's type, as are <c>InputSize</c>, <c>OutputSize</c>,
/// <c>TargetSize</c> and <c>BatchSize</c> (and the static <c>InputShape</c>, <c>OutputShape</c> and <c>Architecture</c>).
/// The diagnostic says what to write instead: the type's name, or the <c>INetwork</c> interface, whose properties carry the
/// same values for code that does not know the type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantThroughInstanceAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> GeneratedStatics = ImmutableHashSet.Create(
        "InputSize", "OutputSize", "TargetSize", "ParameterCount", "BatchSize", "StepInputSize", "StepOutputSize", "InputShape", "OutputShape", "Architecture");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConstantThroughInstance);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? network = start.Compilation.GetTypeByMetadataName(RuntimeNames.Of<NetworkAttribute>());
            if (network is not null)
            {
                start.RegisterSyntaxNodeAction(node => Analyze(node, network), SyntaxKind.SimpleMemberAccessExpression);
            }
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol networkAttribute)
    {
        var access = (MemberAccessExpressionSyntax)context.Node;
        string name = access.Name.Identifier.ValueText;
        if (!GeneratedStatics.Contains(name))
        {
            return;
        }

        SymbolInfo info = context.SemanticModel.GetSymbolInfo(access, context.CancellationToken);
        ISymbol? member = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (member is not { IsStatic: true } || member.ContainingType is not { } type || !IsNetwork(type, networkAttribute) ||
            !HasInstanceError(context, access))
        {
            return;
        }

        string typeName = type.ToMinimalDisplayString(context.SemanticModel, access.SpanStart);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ConstantThroughInstance,
            access.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(ProblemIds.SuggestionProperty, typeName),
            name,
            typeName,
            access.Expression.ToString()));
    }

    /// <summary>Whether the compiler reports CS0176 (a static member through an instance) at this access.</summary>
    private static bool HasInstanceError(SyntaxNodeAnalysisContext context, MemberAccessExpressionSyntax access)
    {
        foreach (Diagnostic diagnostic in context.SemanticModel.GetDiagnostics(access.Span, context.CancellationToken))
        {
            if (diagnostic.Id == "CS0176")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNetwork(INamedTypeSymbol type, INamedTypeSymbol networkAttribute)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, networkAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
