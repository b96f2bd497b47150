using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>
/// The FMA peak of one core, the reference of every "% of peak", and of two threads at once, the reference of the
/// threaded cases' speed-up.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[BenchmarkCategory("Peak")]
public class PeakBenchmarks : IDisposable
{
    private readonly TwoThreadPeak _twoThreads = new();

    [Benchmark(Baseline = true, Description = "Vector512 FMA peak")]
    [Work(0, FmaPeak.Vector512Flops)]
    public float Vector512Peak() => FmaPeak.Vector512Loop(1f);

    [Benchmark(Description = "Vector256 FMA peak")]
    [Work(0, FmaPeak.Vector256Flops)]
    public float Vector256Peak() => FmaPeak.Vector256Loop(1f);

    [Benchmark(Description = "Vector512 FMA peak, 2 threads")]
    [Work(0, 2 * FmaPeak.Vector512Flops)]
    public float Vector512PeakTwoThreads() => _twoThreads.Run();

    /// <summary>Stops the two-thread peak's worker.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _twoThreads.Dispose();
        GC.SuppressFinalize(this);
    }
}
