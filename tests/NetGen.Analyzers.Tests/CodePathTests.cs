using System.Collections.Generic;
using System.Linq;
using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>The MSBuild property NetGenCodePath: an unknown value is reported at each [Network] attribute; Portable gives the
/// portable form of the generated code, which compiles without warnings.</summary>
public class CodePathTests
{
    private const string TwoNetworks = """
        using NetGen;

        [Network(4)]
        [Dense(2)]
        public partial class First { }

        [Network(3)]
        [Dense(1)]
        public partial class Second { }
        """;

    [Fact]
    public void NG0090_unknown_code_path_is_reported_at_each_network_attribute()
    {
        BuildResult result = Build("Scalar");
        Assert.Empty(result.Exceptions);
        const string Message = "The MSBuild property NetGenCodePath is 'Scalar'; it must be Auto (the default: portable code only for C# 9 or a framework without hardware intrinsics) or Portable (always)";
        Assert.Equal(
            [Error("NG0090", 3, 2, "Network(4)", Message).ToString(), Error("NG0090", 7, 2, "Network(3)", Message).ToString()],
            result.NetGen.Select(d => ExpectedDiagnostic.Of(d).ToString()).ToArray());

        // The generator takes the unknown value for Auto.
        Assert.Contains("First.Vector512.g.cs", result.GeneratedFiles);
        Assert.Empty(result.Compiler);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Auto")]
    [InlineData("portable")]
    public void Known_code_paths_are_not_reported(string value)
    {
        BuildResult result = Build(value);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.NetGen);
        Assert.Empty(result.Compiler);
    }

    [Fact]
    public void Portable_gives_the_scalar_kernels_only_without_intrinsics_and_fixed_buffers()
    {
        BuildResult result = Build("Portable");
        Assert.Empty(result.Exceptions);
        Assert.Equal(
            ["First.Passes.g.cs", "First.Scalar.g.cs", "First.g.cs", "Second.Passes.g.cs", "Second.Scalar.g.cs", "Second.g.cs"],
            result.GeneratedFiles.OrderBy(name => name, System.StringComparer.Ordinal).ToArray());
        string source = string.Concat(result.Generator.Results.SelectMany(run => run.GeneratedSources).Select(file => file.SourceText.ToString()));
        Assert.DoesNotContain("System.Runtime.Intrinsics", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain("IsHardwareAccelerated", source, System.StringComparison.Ordinal);
        Assert.Empty(result.Compiler);
    }

    private static BuildResult Build(string codePath)
        => TestProject.Build(TestProject.Compile([TwoNetworks]), new Dictionary<string, string> { ["NetGenCodePath"] = codePath });
}
