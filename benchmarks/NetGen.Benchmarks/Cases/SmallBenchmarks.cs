using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>32-64(tanh)-64(tanh)-8: one-row inference and training with Adam, and batches of 32, where per-call overhead dominates.</summary>
[Config(typeof(BenchmarkConfig))]
public class SmallBenchmarks : IDisposable
{
    private const long Row = 2L * ((32 * 64) + (64 * 64) + (64 * 8));
    private const long TrainRow = (2 * Row) + (2L * ((64 * 64) + (64 * 8)));
    private static readonly int[] Sizes = [32, 64, 64, 8];
    private static readonly Activation[] Activations = [Activation.Tanh, Activation.Tanh, Activation.None];
    private readonly float[] _output = new float[8];
    private SmallTanhNet _network = null!;
    private SmallTanhNet _batchNetwork = null!;
    private NaiveNetwork _naive = null!;
    private NaiveNetwork _naiveBatch = null!;
    private OnnxPredictor _onnx = null!;
    private RandomBatches _rows = null!;
    private RandomBatches _batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Each pair is made the way a first pair, checked to train alike, was made (PeerAgreement.CheckedPair).
        (_network, _naive) = PeerAgreement.CheckedPair("32-64-64-8 Adam, one row", () => new SmallTanhNet(seed: 1), NaiveAdam, new RandomBatches(1, 32, 8, oneHot: false));
        (_batchNetwork, _naiveBatch) = PeerAgreement.CheckedPair("32-64-64-8 Adam, batch 32", () => new SmallTanhNet(seed: 1), NaiveAdam, new RandomBatches(32, 32, 8, oneHot: false));
        _onnx = new OnnxPredictor(OnnxPredictor.Export(_network), 32, 8, rows: 1);
        _rows = new RandomBatches(1, 32, 8, oneHot: false);
        _batches = new RandomBatches(32, 32, 8, oneHot: false);
        PeerAgreement.Check(_network, _onnx, _naive, _rows.FirstInputs);
    }

    private static NaiveNetwork NaiveAdam(float[] parameters) => new(Sizes, Activations, Loss.MeanSquaredError, Optimizer.Adam, 0.001f, parameters);

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("32-64-64-8 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _network.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("32-64-64-8 one-row Predict")]
    [Work(1, Row)]
    public float OnnxPredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    [Benchmark(Description = "naive C# Predict")]
    [BenchmarkCategory("32-64-64-8 one-row Predict")]
    [Work(1, Row)]
    public float NaivePredict()
    {
        _naive.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("32-64-64-8 one-row TrainStep, Adam")]
    [Work(1, TrainRow)]
    public float NetGenTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _network.TrainStep(x, t);
    }

    [Benchmark(Description = "naive C# TrainStep")]
    [BenchmarkCategory("32-64-64-8 one-row TrainStep, Adam")]
    [Work(1, TrainRow)]
    public float NaiveTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _naive.TrainStep(x, t);
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("32-64-64-8 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NetGenBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _batchNetwork.TrainStep(x, t);
    }

    [Benchmark(Description = "naive C# TrainStep")]
    [BenchmarkCategory("32-64-64-8 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NaiveBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _naiveBatch.TrainStep(x, t);
    }
}
