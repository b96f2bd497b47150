using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>LeNet-5 on 28x28 digits and the 1-D sensor model on 128 steps of 3 channels: one-row inference against ONNX Runtime (the
/// model NetGen exports) and a training step of a batch of 32 with Adam. PyTorch runs the same cases in benchmarks/pytorch
/// (lenet-predict-b1, lenet-adam-b32, sensor-predict-b1, sensor-adam-b32).</summary>
[Config(typeof(BenchmarkConfig))]
public class ConvolutionBenchmarks : IDisposable
{
    // Forward multiply-adds per row: 24*24*6*25 + 8*8*16*150 + 256*120 + 120*84 + 84*10 = 281,640, two FLOPs each.
    private const long Row = 2L * ((24 * 24 * 6 * 25) + (8 * 8 * 16 * 150) + (256 * 120) + (120 * 84) + (84 * 10));

    // Training: the forward pass, the weight gradients of every layer and the input gradients of every layer but the first.
    private const long TrainRow = (3 * Row) - (2L * 24 * 24 * 6 * 25);

    // The sensor model: 124*16*15 + 58*32*80 + 32*6 multiply-adds per row.
    private const long SensorRow = 2L * ((124 * 16 * 15) + (58 * 32 * 80) + (32 * 6));
    private const long SensorTrainRow = (3 * SensorRow) - (2L * 124 * 16 * 15);
    private readonly float[] _output = new float[10];
    private LeNetNet _network = null!;
    private OnnxPredictor _onnx = null!;
    private RandomBatches _batches = null!;
    private RandomBatches _rows = null!;
    private SensorNet _sensor = null!;
    private OnnxPredictor _sensorOnnx = null!;
    private RandomBatches _sensorBatches = null!;
    private RandomBatches _sensorRows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new LeNetNet(seed: 1);
        _onnx = new OnnxPredictor(OnnxPredictor.Export(_network), 784, 10, rows: 1, [1, 28, 28, 1]);
        _batches = new RandomBatches(32, 784, 10, oneHot: true);
        _rows = new RandomBatches(1, 784, 10, oneHot: true);
        _sensor = new SensorNet(seed: 1);
        _sensorOnnx = new OnnxPredictor(OnnxPredictor.Export(_sensor), 384, 6, rows: 1, [1, 128, 3]);
        _sensorBatches = new RandomBatches(32, 384, 6, oneHot: true);
        _sensorRows = new RandomBatches(1, 384, 6, oneHot: true);
        Agree("LeNet-5", _network, _onnx, _rows.FirstInputs);
        Agree("sensor model", _sensor, _sensorOnnx, _sensorRows.FirstInputs);
    }

    /// <summary>Fails the run unless ONNX Runtime's output for <paramref name="input"/> is NetGen's within 1e-5.</summary>
    private static void Agree(string name, INetwork network, OnnxPredictor onnx, float[] input)
    {
        input.CopyTo(onnx.Input, 0);
        onnx.Run();
        var output = new float[network.OutputSize];
        network.Predict(input, output);
        for (int i = 0; i < output.Length; i++)
        {
            if (MathF.Abs(output[i] - onnx.Output[i]) > 1e-5f)
            {
                throw new InvalidOperationException($"ONNX Runtime's {name} output {i} is {onnx.Output[i]}, NetGen's {output[i]}.");
            }
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        _sensorOnnx?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("LeNet-5 one-row Predict")]
    [Work(1, Row)]
    public float NetGenPredict()
    {
        _network.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("LeNet-5 one-row Predict")]
    [Work(1, Row)]
    public float OnnxPredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("LeNet-5 batch 32, Adam")]
    [Work(32, 32 * TrainRow)]
    public float NetGenTrainBatch()
    {
        (float[] inputs, float[] targets) = _batches.Next();
        return _network.TrainStep(inputs, targets);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("sensor model one-row Predict")]
    [Work(1, SensorRow)]
    public float SensorPredict()
    {
        _sensor.Predict(_sensorRows.FirstInputs, _output.AsSpan(0, 6));
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("sensor model one-row Predict")]
    [Work(1, SensorRow)]
    public float SensorOnnxPredict()
    {
        _sensorOnnx.Run();
        return _sensorOnnx.Output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("sensor model batch 32, Adam")]
    [Work(32, 32 * SensorTrainRow)]
    public float SensorTrainBatch()
    {
        (float[] inputs, float[] targets) = _sensorBatches.Next();
        return _sensor.TrainStep(inputs, targets);
    }
}
