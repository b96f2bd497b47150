using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>LeNet-5 on 28x28 digits: one-row inference against ONNX Runtime (the model NetGen exports) and a training step of a
/// batch of 32 with Adam. PyTorch runs the same cases in benchmarks/pytorch (lenet-predict-b1, lenet-adam-b32).</summary>
[Config(typeof(BenchmarkConfig))]
public class ConvolutionBenchmarks : IDisposable
{
    // Forward multiply-adds per row: 24*24*6*25 + 8*8*16*150 + 256*120 + 120*84 + 84*10 = 281,640, two FLOPs each.
    private const long Row = 2L * ((24 * 24 * 6 * 25) + (8 * 8 * 16 * 150) + (256 * 120) + (120 * 84) + (84 * 10));

    // Training: the forward pass, the weight gradients of every layer and the input gradients of every layer but the first.
    private const long TrainRow = (3 * Row) - (2L * 24 * 24 * 6 * 25);
    private readonly float[] _output = new float[10];
    private LeNetNet _network = null!;
    private OnnxPredictor _onnx = null!;
    private RandomBatches _batches = null!;
    private RandomBatches _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new LeNetNet(seed: 1);
        _onnx = new OnnxPredictor(OnnxPredictor.Export(_network), 784, 10, rows: 1, [1, 28, 28, 1]);
        _batches = new RandomBatches(32, 784, 10, oneHot: true);
        _rows = new RandomBatches(1, 784, 10, oneHot: true);
        _rows.FirstInputs.CopyTo(_onnx.Input, 0);
        _onnx.Run();
        _network.Predict(_rows.FirstInputs, _output);
        for (int i = 0; i < _output.Length; i++)
        {
            if (MathF.Abs(_output[i] - _onnx.Output[i]) > 1e-5f)
            {
                throw new InvalidOperationException($"ONNX Runtime's LeNet-5 output {i} is {_onnx.Output[i]}, NetGen's {_output[i]}.");
            }
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
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
}
