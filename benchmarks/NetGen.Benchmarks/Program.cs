using System;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Throughput;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c> runs the BenchmarkDotNet cases (any BenchmarkDotNet
/// arguments); <c>dotnet run -c Release -- rows-per-second [seconds] [case ...]</c> prints the rows/s of the
/// training cases with a plain timer, for the side-by-side comparison with PyTorch.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "rows-per-second")
        {
            double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
            RowsPerSecond.Run(seconds, Console.Out, args.Length > 2 ? args[2..] : []);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
