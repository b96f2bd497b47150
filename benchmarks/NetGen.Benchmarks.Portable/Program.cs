using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks;

/// <summary><c>dotnet run -c Release -- --filter '*'</c> runs the portable cases (any BenchmarkDotNet arguments) and
/// fails when a case fails; benchmarks/portable/run.sh runs it after NetGen.Benchmarks and joins the two.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
