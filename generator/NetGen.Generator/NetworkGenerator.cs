using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator;

/// <summary>
/// The NetGen source generator: for each class with <c>[Network]</c>, parses the declaration into a value spec,
/// plans it once (shapes, buffers, layouts) and, when it has no problem, emits the network's members from that plan, in the
/// usual form or, for C# 9 and frameworks without hardware intrinsics, the portable one (see <see cref="CodePath"/>).
/// Invalid declarations produce nothing here; the analyzers report why, from the same parser and planner.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkPlan> plans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                RuntimeNames.Of<NetworkAttribute>(),
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => PlanValidDeclaration(context, cancellationToken))
            .Where(static plan => plan is not null)
            .Select(static (plan, _) => plan!)
            .WithTrackingName(TrackingNames.Plans);

        // Whether the code must be portable: one value per compilation, which changes only with the project's settings.
        IncrementalValueProvider<bool> portable = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp ? csharp.LanguageVersion : LanguageVersion.Latest)
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.GetTypeByMetadataName(CodePath.IntrinsicsType) is not null))
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
                options.GlobalOptions.TryGetValue(CodePath.OptionKey, out string? value) ? value : null))
            .Select(static (settings, _) => CodePath.IsPortable(settings.Left.Left, settings.Left.Right, settings.Right))
            .WithTrackingName(TrackingNames.CodePath);

        // Portable code is C# 9, which has no inline arrays: no fixed-size buffer types either.
        IncrementalValuesProvider<NetworkPlan> emitted = plans
            .Combine(portable)
            .Select(static (pair, _) => pair.Right ? pair.Left with { Spec = pair.Left.Spec with { Portable = true, FixedBuffers = false } } : pair.Left)
            .WithTrackingName(TrackingNames.Emitted);

        context.RegisterSourceOutput(emitted, static (output, plan) =>
        {
            foreach (GeneratedFile file in NetworkEmitter.Emit(plan))
            {
                output.AddSource(file.HintName, file.Source);
            }
        });
    }

    /// <summary>The plan of a declaration with no problem, or null.</summary>
    private static NetworkPlan? PlanValidDeclaration(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
        {
            return null;
        }

        ParsedNetwork parsed = NetworkParser.Parse(type, context.Attributes[0], cancellationToken);
        if (parsed.Spec is null || parsed.Problems.Count > 0)
        {
            return null;
        }

        NetworkSpec spec = parsed.Spec with { FixedBuffers = FixedBufferSupport.IsAvailable(type, context.SemanticModel, context.TargetNode) };
        return NetworkPlanner.Plan(spec).Plan;
    }
}
