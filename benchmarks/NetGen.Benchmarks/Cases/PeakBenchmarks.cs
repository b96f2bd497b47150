using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>The FMA peak of one core, the reference of every "% of peak".</summary>
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("Peak")]
public class PeakBenchmarks
{
    [Benchmark(Baseline = true, Description = "Vector512 FMA peak")]
    [Work(0, FmaPeak.Vector512Flops)]
    public float Vector512Peak() => FmaPeak.Vector512Loop(1f);

    [Benchmark(Description = "Vector256 FMA peak")]
    [Work(0, FmaPeak.Vector256Flops)]
    public float Vector256Peak() => FmaPeak.Vector256Loop(1f);
}
