using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>784-128(ReLU)-10(softmax): one-row inference and training, batches of 32 with momentum and Adam, and an epoch of MNIST.</summary>
[Config(typeof(BenchmarkConfig))]
public class MnistBenchmarks : IDisposable
{
    private const long Row = 2L * ((784 * 128) + (128 * 10));
    private const long TrainRow = (2 * Row) + (2L * 128 * 10);
    private static readonly int[] Sizes = [784, 128, 10];
    private static readonly Activation[] Activations = [Activation.ReLU, Activation.Softmax];
    private readonly float[] _output = new float[10];
    private MnistMomentumNet _momentum = null!;
    private MnistAdamNet _adam = null!;
    private MnistAdamNet _epochNet = null!;
    private NaiveNetwork _naiveMomentum = null!;
    private NaiveNetwork _naiveAdam = null!;
    private NaiveNetwork _naiveEpoch = null!;
    private OnnxPredictor _onnx = null!;
    private RandomBatches _batches = null!;
    private RandomBatches _rows = null!;
    private ShuffledEpoch _epoch = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Each pair is made the way a first pair, checked to train alike, was made (PeerAgreement.CheckedPair).
        (_momentum, _naiveMomentum) = PeerAgreement.CheckedPair("784-128-10 SGD momentum, batch 32", () => new MnistMomentumNet(seed: 1), NaiveMomentum, new RandomBatches(32, 784, 10, oneHot: true));
        (_adam, _naiveAdam) = PeerAgreement.CheckedPair("784-128-10 Adam, batch 32", () => new MnistAdamNet(seed: 1), NaiveAdam, new RandomBatches(32, 784, 10, oneHot: true));
        PeerAgreement.CheckTraining("784-128-10 Adam, one row", new MnistAdamNet(seed: 1), NaiveAdam, new RandomBatches(1, 784, 10, oneHot: true));
        (_epochNet, _naiveEpoch) = PeerAgreement.CheckedPair("784-128-10 Adam, batch 32, for the epoch", () => new MnistAdamNet(seed: 1), NaiveAdam, new RandomBatches(32, 784, 10, oneHot: true));
        _onnx = new OnnxPredictor(OnnxPredictor.Export(_adam), 784, 10, rows: 1);
        _batches = new RandomBatches(32, 784, 10, oneHot: true);
        _rows = new RandomBatches(1, 784, 10, oneHot: true);
        PeerAgreement.Check(_adam, _onnx, _naiveAdam, _rows.FirstInputs);
        MnistSubset mnist = MnistSubset.Load();
        _epoch = new ShuffledEpoch(mnist.Images, mnist.OneHotLabels, mnist.Rows, 784, 10, 32);
    }

    private static NaiveNetwork NaiveMomentum(float[] parameters) => new(Sizes, Activations, Loss.CategoricalCrossEntropy, Optimizer.Momentum, 0.01f, parameters);

    private static NaiveNetwork NaiveAdam(float[] parameters) => new(Sizes, Activations, Loss.CategoricalCrossEntropy, Optimizer.Adam, 0.001f, parameters);

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("784-128-10 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _adam.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("784-128-10 one-row Predict")]
    [Work(1, Row)]
    public float OnnxPredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    [Benchmark(Description = "naive C# Predict")]
    [BenchmarkCategory("784-128-10 one-row Predict")]
    [Work(1, Row)]
    public float NaivePredict()
    {
        _naiveAdam.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("784-128-10 one-row TrainStep, Adam")]
    [Work(1, TrainRow)]
    public float NetGenTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _adam.TrainStep(x, t);
    }

    [Benchmark(Description = "naive C# TrainStep")]
    [BenchmarkCategory("784-128-10 one-row TrainStep, Adam")]
    [Work(1, TrainRow)]
    public float NaiveTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _naiveAdam.TrainStep(x, t);
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("784-128-10 batch 32, SGD momentum")]
    [Work(32, 32 * TrainRow)]
    public float NetGenMomentumBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _momentum.TrainStep(x, t);
    }

    [Benchmark(Description = "naive C# TrainStep")]
    [BenchmarkCategory("784-128-10 batch 32, SGD momentum")]
    [Work(32, 32 * TrainRow)]
    public float NaiveMomentumBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _naiveMomentum.TrainStep(x, t);
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("784-128-10 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NetGenAdamBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _adam.TrainStep(x, t);
    }

    [Benchmark(Description = "naive C# TrainStep")]
    [BenchmarkCategory("784-128-10 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NaiveAdamBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _naiveAdam.TrainStep(x, t);
    }

    [Benchmark(Baseline = true, Description = "NetGen epoch")]
    [BenchmarkCategory("784-128-10 shuffled MNIST epoch (2,000 rows), batch 32, Adam")]
    [Work(2000, 2000 * TrainRow)]
    public float NetGenEpoch()
    {
        _epoch.Shuffle();
        float loss = 0f;
        for (int b = 0; b * 32 < _epoch.Rows; b++)
        {
            int rows = _epoch.Fill(b);
            loss += _epochNet.TrainStep(_epoch.BatchInputs.AsSpan(0, rows * 784), _epoch.BatchTargets.AsSpan(0, rows * 10));
        }

        return loss;
    }

    [Benchmark(Description = "naive C# epoch")]
    [BenchmarkCategory("784-128-10 shuffled MNIST epoch (2,000 rows), batch 32, Adam")]
    [Work(2000, 2000 * TrainRow)]
    public float NaiveEpoch()
    {
        _epoch.Shuffle();
        float loss = 0f;
        for (int b = 0; b * 32 < _epoch.Rows; b++)
        {
            int rows = _epoch.Fill(b);
            loss += _naiveEpoch.TrainStep(_epoch.BatchInputs.AsSpan(0, rows * 784), _epoch.BatchTargets.AsSpan(0, rows * 10));
        }

        return loss;
    }
}
