using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Support;
using NetGen.Tests.Shared;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// An edit that does not touch a network's declaration re-runs no emission: the Specs step and
/// the source outputs report Cached or Unchanged on the second run. An edit to the declaration
/// re-runs it (Modified).
/// </summary>
public class IncrementalCachingTests
{
    private const string Network = """
        using NetGen;

        namespace Samples;

        [Network(4, Loss = Loss.MeanSquaredError, BatchSize = 8)]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        public partial class Regressor
        {
            public int Helper() => 1;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_class_in_a_new_file_regenerates_nothing()
    {
        GeneratorRunResult second = RunTwice(compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Samples; public class Unrelated { public int Value; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs")));
        AssertNothingReran(second);
    }

    [Fact]
    public void Changing_a_method_body_in_the_network_file_regenerates_nothing()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "public int Helper() => 1;", "public int Helper() => 2 + 3;"));
        AssertNothingReran(second);
    }

    [Fact]
    public void Adding_an_unrelated_class_to_the_network_file_regenerates_nothing()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "public int Helper() => 1;\n}", "public int Helper() => 1;\n}\n\ninternal sealed class Unrelated\n{\n}"));
        AssertNothingReran(second);
    }

    [Fact]
    public void Changing_a_layer_regenerates_the_network()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "[Dense(16, Activation.ReLU)]", "[Dense(32, Activation.ReLU)]"));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second.TrackedSteps[TrackingNames.Plans]));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(SourceOutputs(second)));
        Assert.Contains(second.GeneratedSources, source => source.SourceText.ToString().Contains("Dense(32, ReLU)", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_hyperparameter_regenerates_the_network()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "BatchSize = 8", "BatchSize = 8, LearningRate = 0.5f"));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second.TrackedSteps[TrackingNames.Plans]));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(SourceOutputs(second)));
    }

    [Fact]
    public void Setting_NetGenCodePath_to_Portable_regenerates_the_network_as_portable_code()
    {
        Compilation compilation = GeneratorHarness.Compile(Network);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(7, driver.GetRunResult().Results.Single().GeneratedSources.Length);

        driver = driver.WithUpdatedAnalyzerConfigOptions(new BuildProperties(new Dictionary<string, string> { ["NetGenCodePath"] = "Portable" }))
            .RunGenerators(compilation.Clone());
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        Assert.Null(second.Exception);

        // The declaration was not parsed again; the emission ran again, for the passes, main and scalar files only.
        Assert.All(Reasons(second.TrackedSteps[TrackingNames.Plans]), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second.TrackedSteps[TrackingNames.Emitted]));
        Assert.Equal(
            ["Samples.Regressor.Passes.g.cs", "Samples.Regressor.Scalar.g.cs", "Samples.Regressor.g.cs"],
            GeneratorHarness.Sources(second).Select(source => source.HintName).ToArray());
    }

    private static GeneratorRunResult RunTwice(System.Func<Compilation, Compilation> edit)
    {
        Compilation compilation = GeneratorHarness.Compile(Network);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.NotEmpty(first.GeneratedSources);
        Assert.All(Reasons(first.TrackedSteps[TrackingNames.Plans]), reason => Assert.Equal(IncrementalStepRunReason.New, reason));

        driver = driver.RunGenerators(edit(compilation.Clone()));
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        Assert.Null(second.Exception);
        Assert.Equal(first.GeneratedSources.Length, second.GeneratedSources.Length);
        return second;
    }

    private static void AssertNothingReran(GeneratorRunResult result)
    {
        IncrementalStepRunReason[] specs = Reasons(result.TrackedSteps[TrackingNames.Plans]);
        IncrementalStepRunReason[] outputs = Reasons(SourceOutputs(result));
        Assert.NotEmpty(specs);
        Assert.NotEmpty(outputs);
        Assert.All(specs, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"The Specs step ran again: {reason}."));
        Assert.All(outputs, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"A source output ran again: {reason}."));
    }

    private static IEnumerable<IncrementalGeneratorRunStep> SourceOutputs(GeneratorRunResult result)
        => result.TrackedOutputSteps.SelectMany(pair => pair.Value);

    private static IncrementalStepRunReason[] Reasons(IEnumerable<IncrementalGeneratorRunStep> steps)
        => steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();

    private static Compilation Replace(Compilation compilation, string from, string to)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string text = tree.GetText().ToString();
        Assert.Contains(from, text, System.StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(from, to, System.StringComparison.Ordinal))));
    }
}
