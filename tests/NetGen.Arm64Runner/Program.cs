using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace NetGen.Arm64Runner;

/// <summary>
/// Runs the tests named in a selection file with xunit's own discovery and execution engine, in this process, and
/// prints one line per test and a closing <c>arm64: N passed, N failed</c>. Before any test it checks that the process
/// runs on Arm64 with AdvSimd (NEON), an accelerated <see cref="Vector128"/> and the dot-product extension, so a run
/// that silently fell back to another path fails.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: NetGen.Arm64Runner [--any-architecture] [--trx <file>] <selection file> | exec <test assembly> <arguments>";

    public static int Main(string[] args)
    {
        // `exec <assembly> <arguments>`, as `dotnet exec`: runs a test assembly's own entry point. The allocation tests start
        // their worker this way through DOTNET_HOST_PATH, which the CI step points at a script that starts this runner
        // under emulation, so the worker measures the Arm64 code too.
        if (args.Length >= 2 && args[0] == "exec")
        {
            List<string> problems = ArmProblems();
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"exec refused: {string.Join("; ", problems)}");
                return 3;
            }

            MethodInfo entryPoint = Assembly.LoadFrom(args[1]).EntryPoint
                ?? throw new InvalidOperationException($"{args[1]} has no entry point.");
            return (int)entryPoint.Invoke(null, [args[2..]])!;
        }

        bool anyArchitecture = false;
        string? trx = null;
        string? selectionFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--any-architecture": anyArchitecture = true; break;
                case "--trx" when i + 1 < args.Length: trx = args[++i]; break;
                default:
                    if (selectionFile is not null || args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine(Usage);
                        return 2;
                    }

                    selectionFile = args[i];
                    break;
            }
        }

        if (selectionFile is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!CheckInstructionSets(anyArchitecture))
        {
            return 1;
        }

        Selection selection = Selection.Parse(File.ReadAllLines(selectionFile));
        var results = new List<TestResult>();
        bool complete = true;
        foreach (Assembly assembly in TestAssemblies())
        {
            complete &= XunitHost.Run(assembly, selection, results, Console.Out);
        }

        foreach (string unmatched in selection.Unmatched)
        {
            Console.WriteLine($"FAIL selection line '{unmatched}' names no test");
        }

        int passed = results.Count(r => r.Outcome == TestOutcome.Passed);
        int failed = results.Count - passed;
        if (trx is not null)
        {
            TrxWriter.Write(trx, results);
        }

        Console.WriteLine($"arm64: {passed} passed, {failed} failed");
        return complete && failed == 0 && passed > 0 && !selection.Unmatched.Any() ? 0 : 1;
    }

    /// <summary>The test assemblies this runner references, loaded by name from its output folder.</summary>
    private static IEnumerable<Assembly> TestAssemblies() =>
        [Assembly.Load("NetGen.Tests"), Assembly.Load("NetGen.Deployment.Tests")];

    /// <summary>Prints what the process runs on, and fails unless it is Arm64 with NEON and the dot-product extension.</summary>
    private static bool CheckInstructionSets(bool anyArchitecture)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"architecture {RuntimeInformation.ProcessArchitecture}; AdvSimd.IsSupported {AdvSimd.IsSupported}, AdvSimd.Arm64.IsSupported {AdvSimd.Arm64.IsSupported}, Dp.IsSupported {Dp.IsSupported}; Vector128.IsHardwareAccelerated {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector512 {Vector512.IsHardwareAccelerated}; {RuntimeInformation.FrameworkDescription}"));
        if (anyArchitecture)
        {
            Console.WriteLine("--any-architecture: the Arm64 checks are off; this run does not test the Arm64 paths");
            return true;
        }

        List<string> problems = ArmProblems();
        foreach (string problem in problems)
        {
            Console.WriteLine($"FAIL {problem}");
        }

        return problems.Count == 0;
    }

    /// <summary>Why this process would not exercise the Arm64 paths: empty on Arm64 with NEON and the dot-product extension.</summary>
    private static List<string> ArmProblems()
    {
        var problems = new List<string>();
        if (RuntimeInformation.ProcessArchitecture != Architecture.Arm64)
        {
            problems.Add($"the process runs on {RuntimeInformation.ProcessArchitecture}, not Arm64");
        }

        if (!AdvSimd.IsSupported || !AdvSimd.Arm64.IsSupported)
        {
            problems.Add("AdvSimd (NEON) is not supported");
        }

        if (!Vector128.IsHardwareAccelerated)
        {
            problems.Add("Vector128 is not hardware accelerated, so the generated code would take its scalar path");
        }

        if (Vector256.IsHardwareAccelerated || Vector512.IsHardwareAccelerated)
        {
            problems.Add("Vector256 or Vector512 is accelerated, so the generated code would not take its Vector128 path");
        }

        if (!Dp.IsSupported)
        {
            problems.Add("the dot-product extension (sdot) is not supported, so the Arm int8 kernel would not run");
        }

        return problems;
    }
}
