using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NetGen.Arm64Runner;

/// <summary>Writes results as a Visual Studio test results (TRX) file, so that <c>.ci/run</c> counts them with the other test runs.</summary>
internal static class TrxWriter
{
    private static readonly XNamespace s_ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static void Write(string path, IReadOnlyList<TestResult> results)
    {
        int passed = results.Count(r => r.Outcome == TestOutcome.Passed);
        var unitTestResults = results.Select(r => new XElement(
            s_ns + "UnitTestResult",
            new XAttribute("testId", Guid.NewGuid()),
            new XAttribute("executionId", Guid.NewGuid()),
            new XAttribute("testName", r.Name),
            new XAttribute("computerName", "arm64-emulated"),
            new XAttribute("duration", TimeSpan.FromSeconds((double)r.Seconds).ToString("c", CultureInfo.InvariantCulture)),
            new XAttribute("outcome", r.Outcome == TestOutcome.Passed ? "Passed" : r.Outcome == TestOutcome.Skipped ? "NotExecuted" : "Failed"),
            new XElement(s_ns + "Output", new XElement(s_ns + "StdOut", r.Output), new XElement(s_ns + "ErrorInfo", new XElement(s_ns + "Message", r.Detail ?? string.Empty)))));
        var document = new XDocument(new XElement(
            s_ns + "TestRun",
            new XAttribute("id", Guid.NewGuid()),
            new XAttribute("name", "NetGen.Arm64Runner"),
            new XElement(s_ns + "Results", unitTestResults),
            new XElement(
                s_ns + "ResultSummary",
                new XAttribute("outcome", passed == results.Count ? "Completed" : "Failed"),
                new XElement(
                    s_ns + "Counters",
                    new XAttribute("total", results.Count),
                    new XAttribute("executed", results.Count(r => r.Outcome != TestOutcome.Skipped)),
                    new XAttribute("passed", passed),
                    new XAttribute("failed", results.Count - passed),
                    new XAttribute("error", 0),
                    new XAttribute("timeout", 0),
                    new XAttribute("aborted", 0),
                    new XAttribute("notExecuted", results.Count(r => r.Outcome == TestOutcome.Skipped))))));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        document.Save(path);
    }
}
