using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Shapes;

namespace NetGen.Generator;

/// <summary>
/// The NetGen source generator: for each class with <c>[Network]</c>, reads the declaration into a
/// value model and, when the declaration is valid, emits the network's members. Invalid
/// declarations produce nothing here; the analyzers report why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.NetworkAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => ReadValidSpec(context, cancellationToken))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        context.RegisterSourceOutput(specs, static (output, spec) =>
        {
            foreach (GeneratedFile file in NetworkEmitter.Emit(spec))
            {
                output.AddSource(file.HintName, file.Source);
            }
        });
    }

    /// <summary>The spec of a declaration with no problem, or null.</summary>
    private static NetworkSpec? ReadValidSpec(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
        {
            return null;
        }

        ParsedNetwork parsed = NetworkParser.Parse(type, context.Attributes[0], cancellationToken);
        if (parsed.Spec is null || parsed.Locations is null || parsed.Problems.Count > 0)
        {
            return null;
        }

        List<Problem> problems = NetworkValidator.Validate(parsed.Spec, parsed.Locations);
        if (problems.Count > 0)
        {
            return null;
        }

        return parsed.Spec with
        {
            FixedBuffers = FixedBufferSupport.IsAvailable(type, context.SemanticModel, context.TargetNode),
        };
    }
}
