using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Analyzers;
using NetGen.Generator;
using NetGen.Tests.Shared;
using Xunit;

namespace NetGen.Unity.Tests;

/// <summary>The Roslyn 4.3 builds: built against Roslyn 4.3, and the analyzers load and report on Roslyn 4.3.1.</summary>
public class RoslynBuildTests
{
    private const string NotPartial = """
        using NetGen;

        [Network(4)]
        [Dense(2)]
        public sealed class Net { }
        """;

    private const string Valid = """
        using NetGen;

        [Network(4)]
        [Dense(2)]
        public partial class Net { }
        """;

    [Fact]
    public void The_generator_and_the_analyzers_are_built_against_Roslyn_4_3()
    {
        foreach (System.Type type in new[] { typeof(NetworkGenerator), typeof(NetworkDeclarationAnalyzer) })
        {
            System.Reflection.AssemblyName roslyn = type.Assembly.GetReferencedAssemblies().Single(name => name.Name == "Microsoft.CodeAnalysis");
            Assert.Equal(new System.Version(4, 3, 0, 0), roslyn.Version);
        }
    }

    [Fact]
    public void The_analyzers_report_a_declaration_error()
    {
        ImmutableArray<Diagnostic> diagnostics = Analyze(NotPartial, new Dictionary<string, string>());
        Assert.Equal(["NG0001"], diagnostics.Where(d => d.Id.StartsWith("NG", System.StringComparison.Ordinal)).Select(d => d.Id).ToArray());
    }

    [Fact]
    public void The_analyzers_read_the_code_path_property()
    {
        ImmutableArray<Diagnostic> diagnostics = Analyze(Valid, new Dictionary<string, string> { ["NetGenCodePath"] = "Vector" });
        Assert.Equal(["NG0090"], diagnostics.Where(d => d.Id.StartsWith("NG", System.StringComparison.Ordinal)).Select(d => d.Id).ToArray());
    }

    /// <summary>The generator, then every analyzer over the compilation with the generated code, as a build does.</summary>
    private static ImmutableArray<Diagnostic> Analyze(string source, IReadOnlyDictionary<string, string> properties)
    {
        var options = new BuildProperties(properties);
        (GeneratorRunResult result, Compilation output, _) = UnityToolchain.Generate(UnityToolchain.Compile(source), options);
        Assert.Null(result.Exception);
        var exceptions = new List<System.Exception>();
        ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new NetworkDeclarationAnalyzer(), new NetworkCallAnalyzer(), new ConstantThroughInstanceAnalyzer());
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = output.WithAnalyzers(analyzers, analyzerOptions).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.Empty(exceptions);
        return diagnostics;
    }
}
