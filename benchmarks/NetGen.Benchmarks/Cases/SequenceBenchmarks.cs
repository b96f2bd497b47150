using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>
/// A sequence model on a whole sequence: one-row <c>Predict</c> of GRU(32) -> Dense(1) over 64 steps of one feature, against
/// ONNX Runtime running the model NetGen exports (its <c>GRU</c> operator with <c>linear_before_reset=1</c>).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SequenceBenchmarks : IDisposable
{
    // Per row: 64 steps of the three gates' input and recurrent products, then the Dense(1); a multiply-add is two FLOPs.
    private const long Row = (64L * 2 * 3 * 32 * (1 + 32)) + (2 * 32);
    private readonly float[] _output = new float[1];
    private Gru32Net _network = null!;
    private OnnxPredictor _onnx = null!;
    private RandomBatches _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new Gru32Net(seed: 1);
        _onnx = new OnnxPredictor(OnnxPredictor.Export(_network), 64, 1, rows: 1, [1, 64, 1]);
        _rows = new RandomBatches(1, 64, 1, oneHot: false);
        _rows.FirstInputs.CopyTo(_onnx.Input, 0);
        _onnx.Run();
        _network.Predict(_rows.FirstInputs, _output);
        if (MathF.Abs(_output[0] - _onnx.Output[0]) > 1e-5f)
        {
            throw new InvalidOperationException($"ONNX Runtime's GRU output is {_onnx.Output[0]}, NetGen's {_output[0]}.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("GRU(32) on 64 steps, one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _network.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("GRU(32) on 64 steps, one-row Predict")]
    [Work(1, Row)]
    public float OnnxPredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }
}
