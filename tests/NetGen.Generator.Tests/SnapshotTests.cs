using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Support;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generated source of five declarations equals its committed baseline (a readable diff on
/// failure; NETGEN_ACCEPT_SNAPSHOTS=1 rewrites the baselines), and compiles without errors or
/// warnings next to the declaration.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> Names => ["Mnist", "Xor", "Nested", "Gru", "ConvBatchNorm", "Narrowing", "BlockLstm"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_source_matches_the_baseline(string name)
    {
        (GeneratorRunResult result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Source(name)));
        IReadOnlyList<GeneratedSourceResult> sources = GeneratorHarness.Sources(result);
        Assert.NotEmpty(sources);
        SnapshotAssert.AllMatch(name, sources.Select(source => (source.HintName, source.SourceText.ToString())));

        // No baseline is left over from a file the generator no longer emits.
        Assert.Equal(sources.Select(source => source.HintName).ToArray(), Baselines(name));
    }

    /// <summary>The baselines in a folder of <c>Snapshots</c>, in the order of <see cref="GeneratorHarness.Sources"/>.</summary>
    private static string[] Baselines(string folder)
        => System.IO.Directory.GetFiles(System.IO.Path.Combine(SnapshotAssert.Directory, folder), "*.g.cs")
            .Select(System.IO.Path.GetFileName)
            .Where(file => !file!.EndsWith(".received.cs", System.StringComparison.Ordinal))
            .OrderBy(file => file, System.StringComparer.Ordinal)
            .ToArray()!;

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_source_compiles_without_errors_or_warnings(string name)
    {
        (GeneratorRunResult result, Compilation output, var generatorDiagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(Source(name)));
        Assert.Null(result.Exception);
        Assert.Empty(generatorDiagnostics);
        Diagnostic[] problems = output.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(problem => problem.ToString())));
    }

    /// <summary>Networks whose portable code (NetGenCodePath=Portable; also what C# 9 and netstandard2.1 get) has baselines too, in
    /// <c>Snapshots/Portable</c>.</summary>
    public static TheoryData<string> PortableNames => ["Mnist", "ConvBatchNorm"];

    private static readonly Dictionary<string, string> Portable = new() { ["NetGenCodePath"] = "Portable" };

    [Theory]
    [MemberData(nameof(PortableNames))]
    public void Generated_portable_source_matches_the_baseline(string name)
    {
        (GeneratorRunResult result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Source(name)), Portable);
        IReadOnlyList<GeneratedSourceResult> sources = GeneratorHarness.Sources(result);
        Assert.Equal(3, sources.Count);
        string folder = System.IO.Path.Combine("Portable", name);
        SnapshotAssert.AllMatch(folder, sources.Select(source => (source.HintName, source.SourceText.ToString())));
        Assert.Equal(sources.Select(source => source.HintName).ToArray(), Baselines(folder));
    }

    [Theory]
    [MemberData(nameof(PortableNames))]
    public void Generated_portable_source_compiles_without_errors_or_warnings(string name)
    {
        (GeneratorRunResult result, Compilation output, var generatorDiagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(Source(name)), Portable);
        Assert.Null(result.Exception);
        Assert.Empty(generatorDiagnostics);
        Diagnostic[] problems = output.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(problem => problem.ToString())));
    }

    [Fact]
    public void The_snapshot_diff_shows_changed_lines_with_context()
    {
        string diff = SnapshotAssert.Diff("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n");
        Assert.Contains("- e", diff, System.StringComparison.Ordinal);
        Assert.Contains("+ E", diff, System.StringComparison.Ordinal);
        Assert.Contains("  d", diff, System.StringComparison.Ordinal);
        Assert.DoesNotContain("  a", diff, System.StringComparison.Ordinal);
    }

    internal static string Source(string name) => name switch
    {
        "Mnist" => Declarations.Mnist,
        "Xor" => Declarations.Xor,
        "Gru" => Declarations.Gru,
        "ConvBatchNorm" => Declarations.ConvBatchNorm,
        "Narrowing" => Declarations.Narrowing,
        "BlockLstm" => Declarations.BlockLstm,
        _ => Declarations.Nested,
    };
}
