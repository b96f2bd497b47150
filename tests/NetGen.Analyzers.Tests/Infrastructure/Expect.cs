using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Analyzers.Tests.Infrastructure;

/// <summary>A diagnostic a test expects: ID, severity, where it starts (1-based line and column, as an editor shows them), the text it underlines, and its message.</summary>
internal sealed record ExpectedDiagnostic(string Id, DiagnosticSeverity Severity, int Line, int Column, string Text, string Message)
{
    public override string ToString() => $"{Id} {Severity} ({Line},{Column}) '{Text}': {Message}";

    public static ExpectedDiagnostic Of(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string text = diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? string.Empty;
        return new ExpectedDiagnostic(
            diagnostic.Id,
            diagnostic.Severity,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            text,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Assertions over a build's diagnostics.</summary>
internal static class Expect
{
    public static ExpectedDiagnostic Error(string id, int line, int column, string text, string message) =>
        new(id, DiagnosticSeverity.Error, line, column, text, message);

    public static ExpectedDiagnostic Warning(string id, int line, int column, string text, string message) =>
        new(id, DiagnosticSeverity.Warning, line, column, text, message);

    /// <summary>Builds <paramref name="source"/> and requires exactly <paramref name="expected"/> from NetGen, no
    /// compiler warning or error other than <paramref name="compilerIds"/>, and no exception anywhere.</summary>
    public static BuildResult Diagnostics(string source, ExpectedDiagnostic[] expected, params string[] compilerIds) =>
        Diagnostics(new[] { source }, expected, compilerIds);

    public static BuildResult Diagnostics(string[] sources, ExpectedDiagnostic[] expected, params string[] compilerIds)
    {
        BuildResult result = TestProject.Build(sources);
        Assert.Empty(result.Exceptions);
        Assert.Equal(
            expected.Select(e => e.ToString()),
            result.NetGen.Select(d => ExpectedDiagnostic.Of(d).ToString()));
        Assert.Equal(
            compilerIds.OrderBy(id => id),
            result.Compiler.Select(d => d.Id).Distinct().OrderBy(id => id));
        return result;
    }

    /// <summary>Builds <paramref name="sources"/> and requires no diagnostic at all (warning or error, compiler or NetGen).</summary>
    public static BuildResult Clean(params string[] sources)
    {
        BuildResult result = TestProject.Build(sources);
        Assert.Empty(result.Exceptions);
        List<string> reported = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => ExpectedDiagnostic.Of(d).ToString())
            .ToList();
        Assert.Empty(reported);
        return result;
    }
}
