using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Unity.Tests;

/// <summary>
/// Every network the test projects declare (and the generator's snapshot declarations), compiled as a Unity script: the Roslyn 4.3 generator emits the portable code
/// (the scalar kernels only, without intrinsics) and reports nothing, and the declaration with the generated code
/// compiles in C# 9 without errors or warnings.
/// </summary>
public class PortableGenerationTests
{
    public static TheoryData<string> Networks => new(TestNetworks.All.Select(network => network.Id));

    /// <summary>Against the runtime's .NET build (which the project references until it switches to the netstandard2.1 build),
    /// C# 9 cannot implement the static abstract <c>Create</c> and <c>Load</c> of <c>INetwork&lt;TSelf&gt;</c> (CS8706); the
    /// netstandard2.1 build declares none.</summary>
    private static bool IsExpected(Diagnostic diagnostic) => !UnityToolchain.RuntimeIsNetStandard && diagnostic.Id == "CS8706";

    [Fact]
    public void Every_network_of_the_test_projects_is_found()
        => Assert.True(TestNetworks.All.Count >= 140, $"Only {TestNetworks.All.Count} network declarations were found.");

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_code_compiles_in_CSharp_9_without_warnings(string network)
    {
        NetworkDeclaration declaration = TestNetworks.Get(network);
        (GeneratorRunResult result, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics) = UnityToolchain.Generate(UnityToolchain.Compile(declaration.Source));
        Assert.Null(result.Exception);
        Assert.Empty(generatorDiagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));

        // The main file, the passes and the scalar kernels: no vector kernels and no fixed-size buffers.
        string[] kinds = result.GeneratedSources.Select(source => source.HintName.Split('.')[^3]).OrderBy(kind => kind, StringComparer.Ordinal).ToArray();
        string name = network.Split(':')[1];
        Assert.Equal(new[] { "Passes", "Scalar", name }.OrderBy(kind => kind, StringComparer.Ordinal), kinds);
        foreach (GeneratedSourceResult file in result.GeneratedSources)
        {
            Assert.DoesNotContain("System.Runtime.Intrinsics", file.SourceText.ToString(), StringComparison.Ordinal);
        }

        Diagnostic[] problems = output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && !IsExpected(diagnostic)).ToArray();
        Assert.True(problems.Length == 0, $"{declaration.Source}\n{UnityToolchain.Describe(problems)}");
    }
}
