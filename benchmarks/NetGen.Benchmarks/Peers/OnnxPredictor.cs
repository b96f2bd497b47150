using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// ONNX Runtime on one intra-op thread, with the input and output bound once to pinned arrays
/// (IOBinding), so that a call runs the graph and allocates nothing.
/// </summary>
public sealed class OnnxPredictor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue _output;

    /// <summary>Loads <paramref name="model"/> for batches of <paramref name="rows"/> rows, its input a flat row of <paramref name="inputSize"/>.</summary>
    public OnnxPredictor(byte[] model, int inputSize, int outputSize, int rows)
        : this(model, inputSize, outputSize, rows, [rows, inputSize])
    {
    }

    /// <summary>Loads <paramref name="model"/> for batches of <paramref name="rows"/> rows, its input of shape <paramref name="inputShape"/>
    /// (the rows first, then the network's channels-last input shape).</summary>
    public OnnxPredictor(byte[] model, int inputSize, int outputSize, int rows, long[] inputShape)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        Input = new float[rows * inputSize];
        Output = new float[rows * outputSize];
        _input = OrtValue.CreateTensorValueFromMemory(Input, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(Output, [rows, outputSize]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _input);
        _binding.BindOutput("output", _output);
        _binding.SynchronizeBoundInputs();
    }

    /// <summary>The bound input rows: write here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output rows, written by <see cref="Run"/>.</summary>
    public float[] Output { get; }

    /// <summary>The ONNX model of <paramref name="network"/>'s current parameters, written by NetGen's own exporter.</summary>
    public static byte[] Export(INetwork network)
    {
        using var stream = new MemoryStream();
        NetGen.Onnx.OnnxExport.Write(network, stream);
        return stream.ToArray();
    }

    /// <summary>Runs the model on <see cref="Input"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
