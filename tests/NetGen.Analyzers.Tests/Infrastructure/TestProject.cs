using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Analyzers;
using NetGen.Generator;
using NetGen.Tests.Shared;

namespace NetGen.Analyzers.Tests.Infrastructure;

/// <summary>Compiles test sources against .NET 10 and the NetGen runtime, runs the generator, then the analyzers, as a build does.</summary>
internal static class TestProject
{
    public static ImmutableArray<MetadataReference> References { get; } = ImmutableArray.CreateRange(
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)));

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkDeclarationAnalyzer(), new NetworkCallAnalyzer(), new ConstantThroughInstanceAnalyzer());

    private static readonly CSharpCompilation Empty = CSharpCompilation.Create("Test", references: References, options: CompilationOptions);

    /// <summary>A compilation of <paramref name="sources"/>, named Test0.cs, Test1.cs, ...</summary>
    public static CSharpCompilation Compile(IEnumerable<string> sources, CSharpParseOptions? parseOptions = null) =>
        Empty.AddSyntaxTrees(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, $"Test{i}.cs")));

    /// <summary>Runs the generator and then the analyzers over the whole output, as a build does.</summary>
    public static BuildResult Build(params string[] sources) => Build(Compile(sources));

    /// <summary>Runs the generator and then the analyzers, with <paramref name="properties"/> as the project's MSBuild properties
    /// (each <c>build_property.</c> option of the compiler).</summary>
    public static BuildResult Build(CSharpCompilation compilation, IReadOnlyDictionary<string, string>? properties = null)
    {
        var optionsProvider = new BuildProperties(properties ?? new Dictionary<string, string>());
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            optionsProvider: optionsProvider);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        var exceptions = new List<System.Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, optionsProvider),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = output.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (GeneratorRunResult result in run.Results)
        {
            if (result.Exception is not null)
            {
                exceptions.Add(result.Exception);
            }
        }

        return new BuildResult(output, run, generatorDiagnostics.AddRange(diagnostics), exceptions);
    }
}

/// <summary>What one build produced.</summary>
internal sealed record BuildResult(
    Compilation Output,
    GeneratorDriverRunResult Generator,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyList<System.Exception> Exceptions)
{
    /// <summary>NetGen's diagnostics, in source order.</summary>
    public IEnumerable<Diagnostic> NetGen => Diagnostics.Where(d => d.Id.StartsWith("NG", System.StringComparison.Ordinal)).OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id);

    /// <summary>The compiler's warnings and errors.</summary>
    public IEnumerable<Diagnostic> Compiler => Diagnostics.Where(d => d.Id.StartsWith("CS", System.StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning);

    /// <summary>The hint names of the generated files.</summary>
    public IEnumerable<string> GeneratedFiles => Generator.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName);
}
