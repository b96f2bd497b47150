using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Cases;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Throughput;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c> runs the BenchmarkDotNet cases (any BenchmarkDotNet
/// arguments) and fails when a case fails; <c>dotnet run -c Release -- rows-per-second [seconds] [case ...]</c>
/// prints the rows/s of the cases of benchmarks/pytorch/bench.py with a plain timer, for the side-by-side
/// comparison with PyTorch, and fails if a NetGen call allocates on the managed heap;
/// <c>check-peers</c> runs every case class's setup, which checks each peer's outputs and training steps
/// against NetGen's, without timing anything; <c>peer-steps &lt;folder&gt;</c> writes NetGen's steps for
/// PyTorch's check (<see cref="PeerSteps"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "rows-per-second")
        {
            double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
            return RowsPerSecond.Run(seconds, Console.Out, args.Length > 2 ? args[2..] : []) ? 0 : 1;
        }

        if (args is ["check-peers"])
        {
            try
            {
                using (var mnist = new MnistBenchmarks())
                {
                    mnist.Setup();
                }

                using (var small = new SmallBenchmarks())
                {
                    small.Setup();
                }

                using (var wide = new WideBenchmarks())
                {
                    wide.Setup();
                }

                using (var convolution = new ConvolutionBenchmarks())
                {
                    convolution.Setup();
                }

                using (var sequence = new SequenceBenchmarks())
                {
                    sequence.Setup();
                }
            }
            catch (InvalidOperationException disagreement)
            {
                Console.Error.WriteLine($"FAILED: {disagreement.Message}");
                return 1;
            }

            Console.WriteLine("every peer agrees with NetGen");
            return 0;
        }

        if (args is ["peer-steps", string folder])
        {
            PeerSteps.Write(folder);
            return 0;
        }

        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
        int problems = 0;
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                string name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
                if (!report.Success)
                {
                    Console.Error.WriteLine($"FAILED: {name}");
                    problems++;
                }
            }

            if (summary.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine("FAILED: the benchmarks did not pass BenchmarkDotNet's validation");
                problems++;
            }
        }

        return problems == 0 ? 0 : 1;
    }
}
