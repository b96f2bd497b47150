using System;

namespace NetGen.Arm64Runner;

/// <summary>How a test ended.</summary>
internal enum TestOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One test's result: its display name, outcome, time in seconds, what it wrote to its output, and the failure or skip reason.</summary>
internal sealed record TestResult(string Name, TestOutcome Outcome, decimal Seconds, string Output, string? Detail);
