using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

// NetGen.Benchmarks' NetGen cases on the portable path: the same class and method names (so that one --filter selects
// the same cases in both projects), networks, seeds, data and categories. No peers: only NetGen's own calls.
// Multiply-adds are counted as there (a multiply-add is two FLOPs).

/// <summary>32-64(tanh)-64(tanh)-8: one-row <c>Predict</c> and one-row <c>TrainStep</c> with Adam.</summary>
[Config(typeof(BenchmarkConfig))]
public class SmallBenchmarks
{
    private const long Row = 2L * ((32 * 64) + (64 * 64) + (64 * 8));
    private const long TrainRow = (2 * Row) + (2L * ((64 * 64) + (64 * 8)));
    private readonly float[] _output = new float[8];
    private SmallTanhNet _network = null!;
    private RandomBatches _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new SmallTanhNet(seed: 1);
        _rows = new RandomBatches(1, 32, 8, oneHot: false);
    }

    [Benchmark(Description = "NetGen Predict")]
    [BenchmarkCategory("32-64-64-8 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _network.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen TrainStep")]
    [BenchmarkCategory("32-64-64-8 one-row TrainStep, Adam")]
    [Work(1, TrainRow)]
    public float NetGenTrainRow()
    {
        (float[] x, float[] t) = _rows.Next();
        return _network.TrainStep(x, t);
    }
}

/// <summary>784-128(ReLU)-10(softmax): one-row <c>Predict</c> and a batch-32 <c>TrainStep</c> with Adam.</summary>
[Config(typeof(BenchmarkConfig))]
public class MnistBenchmarks
{
    private const long Row = 2L * ((784 * 128) + (128 * 10));
    private const long TrainRow = (2 * Row) + (2L * 128 * 10);
    private readonly float[] _output = new float[10];
    private MnistAdamNet _adam = null!;
    private RandomBatches _rows = null!;
    private RandomBatches _batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        _adam = new MnistAdamNet(seed: 1);
        _batches = new RandomBatches(32, 784, 10, oneHot: true);
        _rows = new RandomBatches(1, 784, 10, oneHot: true);
    }

    [Benchmark(Description = "NetGen Predict")]
    [BenchmarkCategory("784-128-10 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _adam.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen TrainStep")]
    [BenchmarkCategory("784-128-10 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NetGenAdamBatch()
    {
        (float[] x, float[] t) = _batches.Next();
        return _adam.TrainStep(x, t);
    }
}

/// <summary>LeNet-5: one-row <c>Predict</c> and a batch-32 <c>TrainStep</c> with Adam.</summary>
[Config(typeof(BenchmarkConfig))]
public class ConvolutionBenchmarks
{
    private const long Row = 2L * ((24 * 24 * 6 * 25) + (8 * 8 * 16 * 150) + (256 * 120) + (120 * 84) + (84 * 10));
    private const long TrainRow = (3 * Row) - (2L * 24 * 24 * 6 * 25);
    private readonly float[] _output = new float[10];
    private LeNetNet _network = null!;
    private RandomBatches _rows = null!;
    private RandomBatches _batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new LeNetNet(seed: 1);
        _batches = new RandomBatches(32, 784, 10, oneHot: true);
        _rows = new RandomBatches(1, 784, 10, oneHot: true);
    }

    [Benchmark(Description = "NetGen Predict")]
    [BenchmarkCategory("LeNet-5 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _network.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen TrainStep")]
    [BenchmarkCategory("LeNet-5 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NetGenTrainBatch()
    {
        (float[] inputs, float[] targets) = _batches.Next();
        return _network.TrainStep(inputs, targets);
    }
}
