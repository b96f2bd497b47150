using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Analyzers.Tests.Infrastructure;
using NetGen.Generator;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>The pipeline carries only equatable values, so edits that do not change a network reuse its output (the fixed-buffer
/// check reads the compilation and the language version, and must not defeat that).</summary>
public class GeneratorIncrementalityTests
{
    private const string Network = """
        using NetGen;

        [Network(4, Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
        [Dense(8, Activation.ReLU)]
        [Dense(2)]
        public partial class Net { }
        """;

    private const string Unrelated = """
        public static class Settings
        {
            public static int Version() => 1;
        }
        """;

    [Fact]
    public void Unrelated_edit_leaves_the_network_output_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Prime();
        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        SyntaxTree edited = unrelated.WithChangedText(unrelated.GetText().Replace(new TextSpan(Unrelated.IndexOf("1;", System.StringComparison.Ordinal), 1), "2"));

        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(unrelated, edited)).GetRunResult().Results.Single();

        Assert.All(Reasons(result, TrackingNames.Plans), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Edit_inside_the_network_class_body_that_keeps_its_declaration_regenerates_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Prime();
        SyntaxTree network = compilation.SyntaxTrees.First();
        SyntaxTree edited = network.WithChangedText(network.GetText().Replace(new TextSpan(Network.LastIndexOf("{ }", System.StringComparison.Ordinal), 3), "{ public int Extra => 1; }"));

        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(network, edited)).GetRunResult().Results.Single();

        Assert.All(Reasons(result, TrackingNames.Plans), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached }));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Changing_a_layer_regenerates_the_network()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Prime();
        SyntaxTree network = compilation.SyntaxTrees.First();
        SyntaxTree edited = network.WithChangedText(network.GetText().Replace(new TextSpan(Network.IndexOf("8,", System.StringComparison.Ordinal), 1), "9"));

        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(network, edited)).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, TrackingNames.Plans));
        Assert.Contains(result.GeneratedSources, source => source.SourceText.ToString().Contains("Dense(9, ReLU)", System.StringComparison.Ordinal));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) Prime()
    {
        CSharpCompilation compilation = TestProject.Compile([Network, Unrelated]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: TestProject.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        Assert.NotEmpty(driver.GetRunResult().Results.Single().GeneratedSources);
        return (driver, compilation);
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason);
}
