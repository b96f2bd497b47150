using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Shared;

namespace NetGen.Generator.Tests.Support;

/// <summary>Compiles declarations against .NET 10 and the NetGen runtime, and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetGen.NetworkAttribute).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "Declarations",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Declaration{i}.cs")),
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver for the generator that records the reason each tracked step ran, in a project with <paramref name="properties"/>
    /// as its MSBuild properties, if given.</summary>
    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? properties = null)
        => CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: properties is null ? null : new BuildProperties(properties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns its result and the compilation with the generated sources added.</summary>
    public static (GeneratorRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation, IReadOnlyDictionary<string, string>? properties = null)
    {
        GeneratorDriver driver = CreateDriver(properties).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (driver.GetRunResult().Results.Single(), output, diagnostics);
    }

    /// <summary>The generated files of one run, by hint name.</summary>
    public static IReadOnlyList<GeneratedSourceResult> Sources(GeneratorRunResult result)
        => result.GeneratedSources.OrderBy(source => source.HintName, System.StringComparer.Ordinal).ToList();
}
