using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;
using NetGen.Benchmarks.Peers;

namespace NetGen.Benchmarks.Cases;

/// <summary>The residual MLP with LayerNorm (one-row Predict against ONNX Runtime, a training step of 32 rows, both against the same
/// network without its LayerNorm layers; a 32-row PredictBatch against ONNX Runtime on a batch of 32), and a trained
/// BatchNorm's one-row Predict against the same network without it (the BatchNorm folded into the Dense layer before it), and
/// LeNet-5 with a trained BatchNorm after each convolution against LeNet-5 (the BatchNorm layers folded into the convolutions).</summary>
[Config(typeof(BenchmarkConfig))]
public class NormalizationBenchmarks : IDisposable
{
    private readonly float[] _output = new float[10];
    private readonly float[] _batchOutput = new float[32 * 10];
    private ResidualMlpNet _residual = null!;
    private ResidualMlpNet _training = null!;
    private ResidualMlpWithoutNormNet _withoutNorm = null!;
    private ResidualMlpWithoutNormNet _withoutNormTraining = null!;
    private BatchNormPredictNet _batchNorm = null!;
    private PlainPredictNet _plain = null!;
    private LeNetBatchNormNet _leNetBatchNorm = null!;
    private LeNetNet _leNet = null!;
    private RandomBatches _images = null!;
    private OnnxPredictor _onnx = null!;
    private OnnxPredictor _onnxBatch = null!;
    private RandomBatches _rows = null!;
    private RandomBatches _batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        _residual = new ResidualMlpNet(seed: 1);
        _training = new ResidualMlpNet(seed: 1);
        _withoutNorm = new ResidualMlpWithoutNormNet(seed: 1);
        _withoutNormTraining = new ResidualMlpWithoutNormNet(seed: 1);
        _batchNorm = new BatchNormPredictNet(seed: 1);
        _plain = new PlainPredictNet(seed: 1);
        _rows = new RandomBatches(1, 256, 10, oneHot: false);
        _batches = new RandomBatches(32, 256, 10, oneHot: false);
        for (int step = 0; step < 3; step++)
        {
            (float[] inputs, float[] targets) = _batches.Next();
            _batchNorm.TrainStep(inputs, targets);
        }

        _leNetBatchNorm = new LeNetBatchNormNet(seed: 1);
        _leNet = new LeNetNet(seed: 1);
        _images = new RandomBatches(32, 784, 10, oneHot: true);
        for (int step = 0; step < 3; step++)
        {
            (float[] inputs, float[] targets) = _images.Next();
            _leNetBatchNorm.TrainStep(inputs, targets);
        }

        _onnx = new OnnxPredictor(OnnxPredictor.Export(_residual), 256, 10, rows: 1);
        _rows.FirstInputs.CopyTo(_onnx.Input, 0);
        _onnxBatch = new OnnxPredictor(OnnxPredictor.Export(_residual), 256, 10, rows: 32);
        _batches.FirstInputs.CopyTo(_onnxBatch.Input, 0);
        _onnxBatch.Run();
        _residual.PredictBatch(_batches.FirstInputs, _batchOutput);
        for (int i = 0; i < _batchOutput.Length; i++)
        {
            if (MathF.Abs(_batchOutput[i] - _onnxBatch.Output[i]) > 1e-4f)
            {
                throw new InvalidOperationException($"ONNX Runtime's residual MLP output {i} of a batch of 32 is {_onnxBatch.Output[i]}, NetGen's {_batchOutput[i]}.");
            }
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        _onnxBatch?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict")]
    [BenchmarkCategory("residual MLP 256-4x(Dense-LayerNorm-Dense+Residual)-10 one-row Predict")]
    public float ResidualPredict()
    {
        _residual.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen Predict without LayerNorm")]
    [BenchmarkCategory("residual MLP 256-4x(Dense-LayerNorm-Dense+Residual)-10 one-row Predict")]
    public float ResidualWithoutNormPredict()
    {
        _withoutNorm.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding)")]
    [BenchmarkCategory("residual MLP 256-4x(Dense-LayerNorm-Dense+Residual)-10 one-row Predict")]
    public float ResidualOnnxPredict()
    {
        _onnx.Run();
        return _onnx.Output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen PredictBatch")]
    [BenchmarkCategory("residual MLP 256-4x(Dense-LayerNorm-Dense+Residual)-10 Predict of 32 rows")]
    public float ResidualPredictBatch()
    {
        _residual.PredictBatch(_batches.FirstInputs, _batchOutput);
        return _batchOutput[0];
    }

    [Benchmark(Description = "ONNX Runtime (IOBinding), a batch of 32")]
    [BenchmarkCategory("residual MLP 256-4x(Dense-LayerNorm-Dense+Residual)-10 Predict of 32 rows")]
    public float ResidualOnnxPredictBatch()
    {
        _onnxBatch.Run();
        return _onnxBatch.Output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen TrainStep")]
    [BenchmarkCategory("residual MLP batch 32, Adam")]
    public float ResidualTrainStep()
    {
        (float[] inputs, float[] targets) = _batches.Next();
        return _training.TrainStep(inputs, targets);
    }

    [Benchmark(Description = "NetGen TrainStep without LayerNorm")]
    [BenchmarkCategory("residual MLP batch 32, Adam")]
    public float ResidualWithoutNormTrainStep()
    {
        (float[] inputs, float[] targets) = _batches.Next();
        return _withoutNormTraining.TrainStep(inputs, targets);
    }

    [Benchmark(Baseline = true, Description = "NetGen Predict without BatchNorm")]
    [BenchmarkCategory("256-256-10 one-row Predict, BatchNorm folded")]
    public float PlainPredict()
    {
        _plain.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen Predict with a trained BatchNorm")]
    [BenchmarkCategory("256-256-10 one-row Predict, BatchNorm folded")]
    public float BatchNormPredict()
    {
        _batchNorm.Predict(_rows.FirstInputs, _output);
        return _output[0];
    }

    [Benchmark(Baseline = true, Description = "NetGen LeNet-5 Predict")]
    [BenchmarkCategory("LeNet-5 one-row Predict, BatchNorm folded into the convolutions")]
    public float LeNetPredict()
    {
        _leNet.Predict(_images.FirstInputs.AsSpan(0, 784), _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen LeNet-5 with trained BatchNorm layers")]
    [BenchmarkCategory("LeNet-5 one-row Predict, BatchNorm folded into the convolutions")]
    public float LeNetBatchNormPredict()
    {
        _leNetBatchNorm.Predict(_images.FirstInputs.AsSpan(0, 784), _output);
        return _output[0];
    }
}
