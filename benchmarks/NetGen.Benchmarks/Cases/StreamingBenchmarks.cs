using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>
/// One audio sample per <c>PredictStep</c> through GRU(16/32/64) -> Dense(1), LSTM(16/32/64) -> Dense(1) and causal Conv1D(8)
/// (kernel 3 or 5, dilation 1 or 4, and a stack of four with dilations 1 to 4), the shapes of RTNeural's recurrent and
/// convolution benchmarks; benchmarks/README.md lists RTNeural's figures measured on this machine kind next to them.
/// A step's work is <c>2 G units (1 + units)</c> multiply-adds of the products plus the Dense(1): the limit is the latency of
/// the chain from one step's state to the next, not throughput. The "buffer" cases stream the same signal 64 samples per
/// <c>PredictSteps</c> call (an audio callback's block) and report the time per sample.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class StreamingBenchmarks
{
    private const int Samples = 4096;
    private const int Buffer = 64;
    private const long Gru16Flops = (2L * 3 * 16 * (1 + 16)) + (2 * 16);
    private const long Gru32Flops = (2L * 3 * 32 * (1 + 32)) + (2 * 32);
    private const long Gru64Flops = (2L * 3 * 64 * (1 + 64)) + (2 * 64);
    private const long Lstm16Flops = (2L * 4 * 16 * (1 + 16)) + (2 * 16);
    private const long Lstm32Flops = (2L * 4 * 32 * (1 + 32)) + (2 * 32);
    private const long Lstm64Flops = (2L * 4 * 64 * (1 + 64)) + (2 * 64);
    private readonly float[] _signal = new float[Samples];
    private const long ConvK3Flops = 2L * 3 * 8;
    private const long ConvK5Flops = 2L * 5 * 8;
    private const long ConvStackFlops = (2L * 3 * 8) + (3 * 2L * 3 * 8 * 8) + (2 * 8);
    private readonly float[] _output = new float[1];
    private readonly float[] _filters = new float[8];
    private readonly float[] _outputs = new float[Buffer];
    private readonly float[] _filterBuffer = new float[Buffer * 8];
    private Gru16Net _gru16 = null!;
    private Gru32Net _gru32 = null!;
    private Gru64Net _gru64 = null!;
    private Lstm16Net _lstm16 = null!;
    private Lstm32Net _lstm32 = null!;
    private Lstm64Net _lstm64 = null!;
    private CausalConvK3Net _convK3 = null!;
    private CausalConvK3D4Net _convK3D4 = null!;
    private CausalConvK5Net _convK5 = null!;
    private CausalConvK5D4Net _convK5D4 = null!;
    private DilatedConvStackNet _convStack = null!;
    private int _next;
    private int _nextBuffer;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Samples; i++)
        {
            _signal[i] = 0.8f * System.MathF.Sin(i * 0.05f) * System.MathF.Sin(i * 0.0013f);
        }

        _gru16 = new Gru16Net(seed: 1);
        _gru32 = new Gru32Net(seed: 1);
        _gru64 = new Gru64Net(seed: 1);
        _lstm16 = new Lstm16Net(seed: 1);
        _lstm32 = new Lstm32Net(seed: 1);
        _lstm64 = new Lstm64Net(seed: 1);
        _convK3 = new CausalConvK3Net(seed: 1);
        _convK3D4 = new CausalConvK3D4Net(seed: 1);
        _convK5 = new CausalConvK5Net(seed: 1);
        _convK5D4 = new CausalConvK5D4Net(seed: 1);
        _convStack = new DilatedConvStackNet(seed: 1);
    }

    [Benchmark(Description = "NetGen GRU-16 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, Gru16Flops)]
    public float Gru16()
    {
        _gru16.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen GRU-32 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, Gru32Flops)]
    public float Gru32()
    {
        _gru32.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen GRU-64 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, Gru64Flops)]
    public float Gru64()
    {
        _gru64.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen LSTM-16 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, Lstm16Flops)]
    public float Lstm16()
    {
        _lstm16.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen LSTM-32 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, Lstm32Flops)]
    public float Lstm32()
    {
        _lstm32.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen LSTM-64 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, Lstm64Flops)]
    public float Lstm64()
    {
        _lstm64.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen Conv1D 1->8 k3 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, ConvK3Flops)]
    public float ConvK3()
    {
        _convK3.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _filters);
        return _filters[0];
    }

    [Benchmark(Description = "NetGen Conv1D 1->8 k3 d4 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, ConvK3Flops)]
    public float ConvK3D4()
    {
        _convK3D4.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _filters);
        return _filters[0];
    }

    [Benchmark(Description = "NetGen Conv1D 1->8 k5 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, ConvK5Flops)]
    public float ConvK5()
    {
        _convK5.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _filters);
        return _filters[0];
    }

    [Benchmark(Description = "NetGen Conv1D 1->8 k5 d4 PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, ConvK5Flops)]
    public float ConvK5D4()
    {
        _convK5D4.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _filters);
        return _filters[0];
    }

    [Benchmark(Description = "NetGen Conv1D(8, 3) x4 d1..4 -> Conv1D(1, 1) PredictStep")]
    [BenchmarkCategory("streamed step")]
    [Work(1, ConvStackFlops)]
    public float ConvStack()
    {
        _convStack.PredictStep(System.MemoryExtensions.AsSpan(_signal, Next(), 1), _output);
        return _output[0];
    }

    /// <summary>The next sample of the signal, round and round.</summary>
    [Benchmark(Description = "NetGen GRU-16 PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, Gru16Flops)]
    public float Gru16Buffer()
    {
        _gru16.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _outputs);
        return _outputs[0];
    }

    [Benchmark(Description = "NetGen GRU-32 PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, Gru32Flops)]
    public float Gru32Buffer()
    {
        _gru32.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _outputs);
        return _outputs[0];
    }

    [Benchmark(Description = "NetGen LSTM-16 PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, Lstm16Flops)]
    public float Lstm16Buffer()
    {
        _lstm16.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _outputs);
        return _outputs[0];
    }

    [Benchmark(Description = "NetGen LSTM-32 PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, Lstm32Flops)]
    public float Lstm32Buffer()
    {
        _lstm32.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _outputs);
        return _outputs[0];
    }

    [Benchmark(Description = "NetGen Conv1D 1->8 k3 PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, ConvK3Flops)]
    public float ConvK3Buffer()
    {
        _convK3.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _filterBuffer);
        return _filterBuffer[0];
    }

    [Benchmark(Description = "NetGen Conv1D 1->8 k5 PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, ConvK5Flops)]
    public float ConvK5Buffer()
    {
        _convK5.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _filterBuffer);
        return _filterBuffer[0];
    }

    [Benchmark(Description = "NetGen Conv1D(8, 3) x4 d1..4 -> Conv1D(1, 1) PredictSteps, per sample of a buffer of 64", OperationsPerInvoke = Buffer)]
    [BenchmarkCategory("streamed buffer")]
    [Work(1, ConvStackFlops)]
    public float ConvStackBuffer()
    {
        _convStack.PredictSteps(System.MemoryExtensions.AsSpan(_signal, NextBuffer(), Buffer), _outputs);
        return _outputs[0];
    }

    private int NextBuffer()
    {
        int i = _nextBuffer;
        _nextBuffer = (i + Buffer) & (Samples - 1);
        return i;
    }


    private int Next()
    {
        int i = _next;
        _next = (i + 1) & (Samples - 1);
        return i;
    }
}
