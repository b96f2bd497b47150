using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// docs/diagnostics.md matches the analyzers and the tests one for one: the same IDs, severities
/// and titles as the descriptors and the release-tracking file, a test named after every ID, and
/// examples that do what the page says.
/// </summary>
public partial class DocumentationTests
{
    private static readonly string Page = ReadResource("diagnostics.md");

    public static TheoryData<string> DocumentedIds => new(Table().Select(row => row.Id));

    [Fact]
    public void Table_lists_every_descriptor_with_its_severity_and_title()
    {
        IEnumerable<string> descriptors = TestProject.Analyzers
            .SelectMany(analyzer => analyzer.SupportedDiagnostics)
            .OrderBy(d => d.Id)
            .Select(d => $"{d.Id} | {d.DefaultSeverity} | {d.Title}");
        Assert.Equal(descriptors, Table().Select(row => $"{row.Id} | {row.Severity} | {row.Title}"));
    }

    [Fact]
    public void Release_tracking_lists_every_documented_id_with_its_severity()
    {
        IEnumerable<string> tracked = ReleaseRows().Select(match => $"{match.Groups[1].Value} | {match.Groups[2].Value}");
        Assert.Equal(Table().Select(row => $"{row.Id} | {row.Severity}"), tracked);
    }

    [Fact]
    public void Every_documented_id_has_a_diagnostics_test_named_after_it_and_every_such_test_is_documented()
    {
        IEnumerable<string> tested = typeof(DocumentationTests).Assembly.GetTypes()
            .Where(type => type != typeof(DocumentationTests) && type != typeof(CodeFixTests))
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any())
            .Select(method => TestedId().Match(method.Name))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Distinct()
            .OrderBy(id => id);
        Assert.Equal(Table().Select(row => row.Id), tested);
    }

    [Theory]
    [MemberData(nameof(DocumentedIds))]
    public void Wrong_example_reports_its_id_and_right_example_reports_nothing(string id)
    {
        (Example wrong, Example right) = Examples(id);

        BuildResult wrongBuild = wrong.Build();
        Assert.Empty(wrongBuild.Exceptions);
        Assert.Contains(wrongBuild.NetGen, d => d.Id == id);

        BuildResult rightBuild = right.Build();
        Assert.Empty(rightBuild.Exceptions);
        Assert.Empty(rightBuild.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    private static IEnumerable<(string Id, string Severity, string Title)> Table() =>
        TableRow().Matches(Page).Select(match => (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value.Trim()));

    private static MatchCollection ReleaseRows() => ReleaseRow().Matches(ReadResource("AnalyzerReleases.Unshipped.md"));

    /// <summary>An example: C# source, and the MSBuild properties of its project when an <c>xml</c> block before the source sets some.</summary>
    private sealed record Example(string Source, IReadOnlyDictionary<string, string> Properties)
    {
        public BuildResult Build() => TestProject.Build(TestProject.Compile([Source]), Properties);
    }

    private static Example ExampleAt(string section, string label)
    {
        int at = section.IndexOf(label, System.StringComparison.Ordinal);
        Match source = CSharpBlock().Match(section, at);
        Assert.True(at >= 0 && source.Success, $"no {label} example");
        var properties = new Dictionary<string, string>();
        Match project = ProjectBlock().Match(section, at);
        if (project.Success && project.Index < source.Index)
        {
            foreach (Match property in Property().Matches(project.Groups[1].Value))
            {
                properties[property.Groups[1].Value] = property.Groups[2].Value;
            }
        }

        return new Example(source.Groups[1].Value, properties);
    }

    private static (Example Wrong, Example Right) Examples(string id)
    {
        int start = Page.IndexOf($"\n### {id}\n", System.StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {id}");
        int end = Page.IndexOf("\n##", start + 1, System.StringComparison.Ordinal);
        string section = end < 0 ? Page[start..] : Page[start..end];
        Assert.True(section.Contains("Wrong:", System.StringComparison.Ordinal) && section.Contains("Right:", System.StringComparison.Ordinal), $"{id} needs a wrong and a right example");
        return (ExampleAt(section, "Wrong:"), ExampleAt(section, "Right:"));
    }

    private static string ReadResource(string name)
    {
        using Stream stream = typeof(DocumentationTests).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", System.StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| \[(NG\d{4})\]\(#ng\d{4}\) \| (\w+) \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^(NG\d{4}) \| [\w.]+ \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex ReleaseRow();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"```xml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ProjectBlock();

    [GeneratedRegex(@"<(\w+)>([^<]*)</\1>")]
    private static partial Regex Property();

    [GeneratedRegex(@"^(NG\d{4})_")]
    private static partial Regex TestedId();
}
