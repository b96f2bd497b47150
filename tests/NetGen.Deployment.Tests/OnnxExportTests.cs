using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Deployment.Tests;

public sealed class OnnxExportTests(ITestOutputHelper output)
{
    private const int Rows = 64;
    private const float Tolerance = 1e-5f;

    public static TheoryData<string> Activations() => new(Enum.GetNames<Activation>());

    /// <summary>ONNX Runtime runs the exported graph on random rows and agrees with <see cref="INetwork.Predict"/>.</summary>
    [Theory]
    [MemberData(nameof(Activations))]
    public void ONNX_Runtime_agrees_with_Predict(string activation)
    {
        INetwork network = ActivationNetwork(Enum.Parse<Activation>(activation), seed: 17);
        float[] inputs = TestData.Uniform(Rows * network.InputSize, seed: 23, low: -3f, high: 3f);
        float[] expected = new float[Rows * network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            network.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), expected.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        float[] actual = RunOnnx(Export(network), inputs, [Rows, network.InputSize]);
        Assert.Equal(expected.Length, actual.Length);
        float worst = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        output.WriteLine($"{activation}: max |ONNX Runtime - Predict| = {worst:E2} over {expected.Length} outputs");
        Assert.True(worst <= Tolerance, $"{activation}: max difference {worst}");
        Assert.True(expected.Any(value => MathF.Abs(value) > 0.01f), "the outputs are all near zero; the comparison would prove little");
    }

    public static TheoryData<string> ShapedNetworks() => new(nameof(PixelOnnxNet), nameof(SequenceOnnxNet), nameof(PerStepOnnxNet), nameof(TrailingFlattenOnnxNet),
        nameof(LeNetOnnxNet), nameof(StridedConvOnnxNet), nameof(SensorOnnxNet), nameof(PixelConvOnnxNet), nameof(GruOnnxNet), nameof(LstmOnnxNet), nameof(LstmSequenceOnnxNet),
        nameof(NormSequenceOnnxNet), nameof(NormResidualOnnxNet), nameof(ConvNormOnnxNet), nameof(GruNormOnnxNet), nameof(ConvGruNormOnnxNet));

    /// <summary>Shapes of several axes: the graph takes the rows channels last, as NetGen does, applies a Dense layer at every
    /// position (MatMul on the last axis) and flattens in PyTorch's channels-first order where a layer with parameters reads it;
    /// convolutions and pools run on NCHW (NCL) tensors, with the transposes the channels-last rows need; recurrent layers are
    /// ONNX's GRU (linear_before_reset=1) and LSTM nodes over the time-major transpose.</summary>
    [Theory]
    [MemberData(nameof(ShapedNetworks))]
    public void ONNX_Runtime_agrees_with_Predict_on_shaped_networks(string name)
    {
        INetwork network = name switch
        {
            nameof(PixelOnnxNet) => new PixelOnnxNet(seed: 3),
            nameof(SequenceOnnxNet) => new SequenceOnnxNet(seed: 3),
            nameof(PerStepOnnxNet) => new PerStepOnnxNet(seed: 3),
            nameof(LeNetOnnxNet) => new LeNetOnnxNet(seed: 3),
            nameof(StridedConvOnnxNet) => new StridedConvOnnxNet(seed: 3),
            nameof(SensorOnnxNet) => new SensorOnnxNet(seed: 3),
            nameof(PixelConvOnnxNet) => new PixelConvOnnxNet(seed: 3),
            nameof(GruOnnxNet) => new GruOnnxNet(seed: 3),
            nameof(LstmOnnxNet) => new LstmOnnxNet(seed: 3),
            nameof(LstmSequenceOnnxNet) => new LstmSequenceOnnxNet(seed: 3),
            nameof(NormSequenceOnnxNet) => new NormSequenceOnnxNet(seed: 3),
            nameof(NormResidualOnnxNet) => new NormResidualOnnxNet(seed: 3),
            nameof(ConvNormOnnxNet) => new ConvNormOnnxNet(seed: 3),
            nameof(GruNormOnnxNet) => new GruNormOnnxNet(seed: 3),
            nameof(ConvGruNormOnnxNet) => new ConvGruNormOnnxNet(seed: 3),
            _ => new TrailingFlattenOnnxNet(seed: 3),
        };

        // A few training steps move the running statistics and the normalisation parameters away from their defaults.
        for (int step = 0; step < 3 && network.Architecture.StateCount > 0; step++)
        {
            network.TrainStep(
                TestData.Uniform(network.BatchSize * network.InputSize, seed: 10 + step, low: -1f, high: 3f),
                TestData.Uniform(network.BatchSize * network.OutputSize, seed: 20 + step, low: 0f, high: 1f));
        }

        float[] inputs = TestData.Uniform(Rows * network.InputSize, seed: 5, low: -2f, high: 2f);
        float[] expected = new float[Rows * network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            network.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), expected.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        long[] inputShape = [Rows, .. network.Architecture.InputShape.Select(axis => (long)axis)];
        float[] actual = RunOnnx(Export(network), inputs, inputShape);
        float worst = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        output.WriteLine($"{name}: max |ONNX Runtime - Predict| = {worst:E2} over {expected.Length} outputs");
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(worst <= Tolerance, $"{name}: max difference {worst}");

        using var session = new InferenceSession(Export(network));
        Assert.Equal([-1, .. network.Architecture.InputShape], session.InputMetadata[OnnxExport.InputName].Dimensions);
        Assert.Equal([-1, .. network.Architecture.OutputShape], session.OutputMetadata[OnnxExport.OutputName].Dimensions);
    }

    [Fact]
    public void The_graph_has_a_symbolic_batch_dimension_and_the_documented_names()
    {
        INetwork network = ActivationNetwork(Activation.ReLU, seed: 1);
        using var session = new InferenceSession(Export(network));
        NodeMetadata input = session.InputMetadata[OnnxExport.InputName];
        NodeMetadata result = session.OutputMetadata[OnnxExport.OutputName];
        Assert.Equal([-1, network.InputSize], input.Dimensions);
        Assert.Equal(["batch", string.Empty], input.SymbolicDimensions);
        Assert.Equal([-1, network.OutputSize], result.Dimensions);
        Assert.Equal("NetGen", session.ModelMetadata.ProducerName);
        Assert.Equal(ReLUNet.Architecture.Description, session.ModelMetadata.GraphDescription);
    }

    [Fact]
    public void WriteFile_writes_the_same_model_atomically()
    {
        INetwork network = ActivationNetwork(Activation.Tanh, seed: 2);
        string folder = Directory.CreateTempSubdirectory("netgen-onnx-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.onnx");
            OnnxExport.WriteFile(network, path);
            Assert.Equal(Export(network), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static INetwork ActivationNetwork(Activation activation, int seed) => activation switch
    {
        Activation.None => new NoneNet(seed),
        Activation.ReLU => new ReLUNet(seed),
        Activation.LeakyReLU => new LeakyReLUNet(seed),
        Activation.ELU => new ELUNet(seed),
        Activation.GELU => new GELUNet(seed),
        Activation.Sigmoid => new SigmoidNet(seed),
        Activation.Tanh => new TanhNet(seed),
        _ => new SoftmaxNet(seed),
    };

    private static byte[] Export(INetwork network)
    {
        using var stream = new MemoryStream();
        OnnxExport.Write(network, stream);
        return stream.ToArray();
    }

    private static float[] RunOnnx(byte[] model, float[] inputs, long[] shape)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [OnnxExport.InputName], [input], [OnnxExport.OutputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
