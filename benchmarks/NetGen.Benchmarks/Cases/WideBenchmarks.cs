using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>1024-1024(ReLU)-1024(ReLU)-10(softmax): one-row inference and training, and batches of 64 with SGD on one and two threads.</summary>
[Config(typeof(BenchmarkConfig))]
public class WideBenchmarks : IDisposable
{
    private const long Row = 2L * ((1024 * 1024) + (1024 * 1024) + (1024 * 10));
    private const long TrainRow = (2 * Row) + (2L * ((1024 * 1024) + (1024 * 10)));
    private static readonly int[] Sizes = [1024, 1024, 1024, 10];
    private static readonly Activation[] Activations = [Activation.ReLU, Activation.ReLU, Activation.Softmax];
    private readonly float[] _output = new float[10];
    private WideNet _network = null!;
    private WideNet _batchNetwork = null!;
    private WideNet _twoThreads = null!;
    private NaiveNetwork _naive = null!;
    private OnnxPredictor _onnx = null!;
    private RandomBatches _rows = null!;
    private RandomBatches _batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The pair is made the way a first pair, checked to train alike, was made (PeerAgreement.CheckedPair).
        (_network, _naive) = PeerAgreement.CheckedPair("1024-1024-1024-10 SGD, one row", () => new WideNet(seed: 1), NaiveSgd, new RandomBatches(1, 1024, 10, oneHot: true));
        _batchNetwork = new WideNet(seed: 1);
        _twoThreads = new WideNet(seed: 1) { Threads = 2 };
        _onnx = new OnnxPredictor(OnnxPredictor.Export(_network), 1024, 10, rows: 1);
        _rows = new RandomBatches(1, 1024, 10, oneHot: true);
        _batches = new RandomBatches(64, 1024, 10, oneHot: true);
        PeerAgreement.Check(_network, _onnx, _naive, _rows.FirstInputs);
    }

    private static NaiveNetwork NaiveSgd(float[] parameters) => new(Sizes, Activations, Loss.CategoricalCrossEntropy, Optimizer.Sgd, 0.01f, parameters);

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        if (_twoThreads is not null)
        {
            _twoThreads.Threads = 1;
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("1024-1024-1024-10 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _network.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("1024-1024-1024-10 one-row Predict")]
    [Work(1, Row)]
    public float OnnxPredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    [Benchmark(Description = "naive C# Predict")]
    [BenchmarkCategory("1024-1024-1024-10 one-row Predict")]
    [Work(1, Row)]
    public float NaivePredict()
    {
        _naive.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("1024-1024-1024-10 one-row TrainStep, SGD")]
    [Work(1, TrainRow)]
    public float NetGenTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _network.TrainStep(x, t);
    }

    [Benchmark(Description = "naive C# TrainStep")]
    [BenchmarkCategory("1024-1024-1024-10 one-row TrainStep, SGD")]
    [Work(1, TrainRow)]
    public float NaiveTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _naive.TrainStep(x, t);
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep, 1 thread")]
    [BenchmarkCategory("1024-1024-1024-10 batch 64, SGD")]
    [Work(64, 64 * TrainRow)]
    public float NetGenBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _batchNetwork.TrainStep(x, t);
    }

    [Benchmark(Description = "NetGen TrainStep, 2 threads")]
    [BenchmarkCategory("1024-1024-1024-10 batch 64, SGD")]
    [Work(64, 64 * TrainRow)]
    public float NetGenBatchTwoThreads()
    {
        (float[] x, float[] t) = _batches.Next();
        return _twoThreads.TrainStep(x, t);
    }
}
