using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetGen.Arm64Runner;

/// <summary>Discovers the tests of one assembly with xunit's engine, keeps those a <see cref="Selection"/> names, and runs them.</summary>
internal static class XunitHost
{
    /// <summary>
    /// Runs the selected tests of <paramref name="assembly"/>, printing a line per test to <paramref name="log"/> and adding
    /// the results to <paramref name="results"/>. Returns false when xunit reported an error outside a test (a fixture or
    /// class cleanup failure, or a test that could not be run).
    /// </summary>
    public static bool Run(Assembly assembly, Selection selection, List<TestResult> results, TextWriter log)
    {
        using var framework = new XunitTestFramework(new DiagnosticSink(log));
        using var discovery = new DiscoverySink();
        using (ITestFrameworkDiscoverer discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly)))
        {
            discoverer.Find(includeSourceInformation: false, discovery, new Options());
            discovery.Finished.WaitOne();
        }

        List<ITestCase> chosen = discovery.TestCases.Where(test => selection.Includes(QualifiedMethod(test), test.DisplayName)).ToList();
        log.WriteLine($"{assembly.GetName().Name}: {chosen.Count} of {discovery.TestCases.Count} tests selected");
        if (chosen.Count == 0)
        {
            return true;
        }

        using var execution = new ExecutionSink(results, log);
        using (ITestFrameworkExecutor executor = framework.GetExecutor(assembly.GetName()))
        {
            executor.RunTests(chosen, execution, new Options());
            execution.Finished.WaitOne();
        }

        return !execution.HadErrors;
    }

    private static string QualifiedMethod(ITestCase test) => $"{test.TestMethod.TestClass.Class.Name}.{test.TestMethod.Method.Name}";

    /// <summary>Options for discovery and execution: every theory row is its own test case; test classes run in parallel, as under <c>dotnet test</c>.</summary>
    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal)
        {
            ["xunit.discovery.PreEnumerateTheories"] = true,
        };

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out object? value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class DiagnosticSink(TextWriter log) : LongLivedMarshalByRefObject, IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is IDiagnosticMessage diagnostic)
            {
                log.WriteLine($"xunit: {diagnostic.Message}");
            }

            return true;
        }
    }

    private sealed class DiscoverySink : LongLivedMarshalByRefObject, IMessageSink, IDisposable
    {
        public List<ITestCase> TestCases { get; } = [];

        public ManualResetEvent Finished { get; } = new(initialState: false);

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage discovered)
            {
                TestCases.Add(discovered.TestCase);
            }
            else if (message is IDiscoveryCompleteMessage)
            {
                Finished.Set();
            }

            return true;
        }

        public void Dispose() => Finished.Dispose();
    }

    private sealed class ExecutionSink(List<TestResult> results, TextWriter log) : LongLivedMarshalByRefObject, IMessageSink, IDisposable
    {
        private readonly object _gate = new();

        public ManualResetEvent Finished { get; } = new(initialState: false);

        public bool HadErrors { get; private set; }

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (_gate)
            {
                switch (message)
                {
                    case ITestPassed passed:
                        Record(passed, TestOutcome.Passed, null);
                        break;
                    case ITestFailed failed:
                        Record(failed, TestOutcome.Failed, $"{ExceptionUtility.CombineMessages(failed)}{Environment.NewLine}{ExceptionUtility.CombineStackTraces(failed)}");
                        break;
                    case ITestSkipped skipped:
                        Record(skipped, TestOutcome.Skipped, skipped.Reason);
                        break;
                    case IFailureInformation failure:
                        // An error outside a test: a fixture, a class or collection cleanup, or the assembly itself.
                        HadErrors = true;
                        log.WriteLine($"FAIL {message.GetType().Name}: {ExceptionUtility.CombineMessages(failure)}{Environment.NewLine}{ExceptionUtility.CombineStackTraces(failure)}");
                        break;
                    case ITestAssemblyFinished:
                        Finished.Set();
                        break;
                }
            }

            return true;
        }

        public void Dispose() => Finished.Dispose();

        private void Record(ITestResultMessage result, TestOutcome outcome, string? detail)
        {
            results.Add(new TestResult(result.Test.DisplayName, outcome, result.ExecutionTime, result.Output, detail));
            string label = outcome switch { TestOutcome.Passed => "pass", TestOutcome.Failed => "FAIL", _ => "SKIPPED (counted as a failure)" };
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {result.ExecutionTime,7:F2}s {result.Test.DisplayName}"));
            if (outcome != TestOutcome.Passed)
            {
                foreach (string line in $"{detail}{Environment.NewLine}{result.Output}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    log.WriteLine($"    {line}");
                }
            }
        }
    }
}
