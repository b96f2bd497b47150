using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Networks with shapes of several axes (a Dense layer at every position, Flatten as a view and as a copy, a Dense layer
/// after a Flatten exchanging its weight in PyTorch's channels-first order), the convolution networks (Conv1D and Conv2D
/// with every padding, stride and dilation, max and average pools, the global average pool), and networks with integer
/// labels (<see cref="Loss.SparseCategoricalCrossEntropy"/>) or logits outputs (no activation on the last layer, the loss
/// applying it as PyTorch's <c>CrossEntropyLoss</c> and <c>BCEWithLogitsLoss</c> do) against their PyTorch twins' values
/// and against an independent double-precision model, on whichever instruction set the run uses.
/// </summary>
public class ShapedNetworkTests
{
    private const double OutputTolerance = 2e-5;
    private const double GradientTolerance = 2e-4;

    private static readonly Dictionary<string, Func<int, INetwork>> s_networks = new()
    {
        [nameof(PerStepNet)] = seed => new PerStepNet(seed),
        [nameof(PixelFlattenNet)] = seed => new PixelFlattenNet(seed),
        [nameof(InputFlattenNet)] = seed => new InputFlattenNet(seed),
        [nameof(SequenceViewNet)] = seed => new SequenceViewNet(seed),
        [nameof(PerPositionClassifierNet)] = seed => new PerPositionClassifierNet(seed),
        [nameof(SmallLeNet)] = seed => new SmallLeNet(seed),
        [nameof(SamePaddingNet)] = seed => new SamePaddingNet(seed),
        [nameof(StridedImageNet)] = seed => new StridedImageNet(seed),
        [nameof(CausalSequenceNet)] = seed => new CausalSequenceNet(seed),
        [nameof(StridedSequenceNet)] = seed => new StridedSequenceNet(seed),
        [nameof(PixelClassifierNet)] = seed => new PixelClassifierNet(seed),
        [nameof(ChannelsNet)] = seed => new ChannelsNet(seed),
        [nameof(SparseLogitsNet)] = seed => new SparseLogitsNet(seed),
        [nameof(SparseSoftmaxNet)] = seed => new SparseSoftmaxNet(seed),
        [nameof(CategoricalLogitsNet)] = seed => new CategoricalLogitsNet(seed),
        [nameof(BinaryLogitsNet)] = seed => new BinaryLogitsNet(seed),
        [nameof(SparsePerPositionLogitsNet)] = seed => new SparsePerPositionLogitsNet(seed),
        [nameof(LaneImageNet)] = seed => new LaneImageNet(seed),
        [nameof(LaneSameNet)] = seed => new LaneSameNet(seed),
        [nameof(LaneSequenceNet)] = seed => new LaneSequenceNet(seed),
        [nameof(PooledLaneNet)] = seed => new PooledLaneNet(seed),
        [nameof(PooledWideNet)] = seed => new PooledWideNet(seed),
    };

    public static TheoryData<string> Names => new(s_networks.Keys);

    [Fact]
    public void Shapes_are_exposed_as_declared_and_sizes_are_their_products()
    {
        Assert.Equal([4, 3, 2], PixelFlattenNet.InputShape.ToArray());
        Assert.Equal([3], PixelFlattenNet.OutputShape.ToArray());
        Assert.Equal(24, PixelFlattenNet.InputSize);
        Assert.Equal([5, 2], PerStepNet.OutputShape.ToArray());
        Assert.Equal(10, PerStepNet.OutputSize);
        Assert.Equal(new TensorShape(4, 3, 2), PixelFlattenNet.Architecture.InputShape);
        Assert.Equal(new TensorShape(4, 3, 6), PixelFlattenNet.Architecture.Layers[0].OutputShape);
        Assert.Equal(new TensorShape(72), PixelFlattenNet.Architecture.Layers[1].OutputShape);
        Assert.Equal("(4, 3, 2) -> Dense(6, ReLU) -> Flatten -> Dense(3, Softmax); CategoricalCrossEntropy; Momentum", PixelFlattenNet.Architecture.ToString());

        // A Dense layer's weight is [units, features of the last axis], whatever the positions.
        Assert.Equal((2 * 6) + 6 + (72 * 3) + 3, PixelFlattenNet.ParameterCount);
        Assert.Equal([6, 2], PixelFlattenNet.Architecture.Layers[0].Parameters[0].Shape);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Outputs_loss_and_gradients_equal_the_PyTorch_twins(string name)
    {
        Fixture fixture = Fixture.Of(name);
        INetwork network = s_networks[name](1);
        network.ImportParameters(fixture.Parameters.Select(value => (float)value).ToArray());
        float[] inputs = fixture.Inputs.Select(value => (float)value).ToArray();
        float[] targets = fixture.Targets.Select(value => (float)value).ToArray();

        var outputs = new float[fixture.Rows * network.OutputSize];
        network.PredictBatch(inputs, outputs);
        NumericAssert.Close(fixture.Outputs, outputs, OutputTolerance, OutputTolerance, $"{name}: outputs against PyTorch");

        float loss = network.ComputeGradients(inputs, targets);
        NumericAssert.Close(fixture.Loss, loss, OutputTolerance, OutputTolerance, $"{name}: loss against PyTorch");
        NumericAssert.TensorsClose(network.Architecture, fixture.Gradients, TestData.Gradients(network), GradientTolerance, $"{name}: gradients against PyTorch");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Outputs_of_every_row_count_match_the_reference(string name)
    {
        INetwork network = s_networks[name](7);
        var reference = new ShapedReference(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        foreach (int rows in new[] { 1, 2, network.BatchSize })
        {
            float[] inputs = TestData.Inputs(network, rows, seed: rows);
            var outputs = new float[rows * network.OutputSize];
            network.PredictBatch(inputs, outputs);
            NumericAssert.Close(reference.Predict(parameters, inputs, rows), outputs, OutputTolerance, OutputTolerance, $"{name}: {rows} rows");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradients_of_a_partial_and_a_full_batch_match_the_reference(string name)
    {
        INetwork network = s_networks[name](3);
        var reference = new ShapedReference(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        foreach (int rows in new[] { 1, network.BatchSize })
        {
            float[] inputs = TestData.Inputs(network, rows, seed: 10 + rows);
            float[] targets = TestData.Targets(network, rows, seed: 20 + rows);
            float loss = network.ComputeGradients(inputs, targets);
            NumericAssert.Close(reference.Loss(parameters, inputs, targets, rows), loss, OutputTolerance, OutputTolerance, $"{name}: loss of {rows} rows");
            NumericAssert.TensorsClose(network.Architecture, reference.Gradient(parameters, inputs, targets, rows), TestData.Gradients(network), GradientTolerance, $"{name}: gradient of {rows} rows");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_training_step_follows_the_reference_optimizer(string name)
    {
        INetwork network = s_networks[name](5);
        var reference = new ShapedReference(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        var isWeight = new bool[parameters.Length];
        foreach (ParameterInfo tensor in network.Architecture.Layers.SelectMany(layer => layer.Parameters).Where(tensor => tensor.Penalized))
        {
            Array.Fill(isWeight, true, tensor.Offset, tensor.Count);
        }

        var optimizer = new ReferenceOptimizer(network.Architecture.Optimizer, isWeight);
        for (int step = 0; step < 3; step++)
        {
            int rows = 1 + (step * 3 % network.BatchSize);
            float[] inputs = TestData.Inputs(network, rows, seed: 30 + step);
            float[] targets = TestData.Targets(network, rows, seed: 40 + step);
            double[] gradient = reference.Gradient(parameters, inputs, targets, rows);

            // Central differences leave noise of about 1e-12 where the gradient is exactly zero (an absolute error whose signs
            // cancel over a channel); AdaGrad, RMSProp and Adam would scale that noise up to a whole step.
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = Math.Abs(gradient[i]) < 1e-9 ? 0 : gradient[i];
            }

            network.TrainStep(inputs, targets);
            optimizer.Update(parameters, gradient, network.Hyperparameters);
            NumericAssert.TensorsClose(network.Architecture, parameters, TestData.Parameters(network), GradientTolerance, $"{name}: parameters after step {step + 1}");
        }
    }

    [Fact]
    public void Safetensors_names_number_the_twins_modules()
    {
        Assert.Equal(Fixture.Of(nameof(PixelFlattenNet)).Names, NetGen.Serialization.Safetensors.TensorNames(PixelFlattenNet.Architecture));
        Assert.Equal(Fixture.Of(nameof(InputFlattenNet)).Names, NetGen.Serialization.Safetensors.TensorNames(InputFlattenNet.Architecture));
        Assert.Equal(Fixture.Of(nameof(SequenceViewNet)).Names, NetGen.Serialization.Safetensors.TensorNames(SequenceViewNet.Architecture));
    }

    [Fact]
    public void Threads_split_the_rows_of_a_shaped_network_bit_for_bit()
    {
        var single = new PixelFlattenNet(seed: 2);
        var threaded = new PixelFlattenNet(seed: 2) { Threads = 2 };
        for (int step = 0; step < 4; step++)
        {
            float[] inputs = TestData.Inputs(single, PixelFlattenNet.BatchSize, seed: step);
            float[] targets = TestData.Targets(single, PixelFlattenNet.BatchSize, seed: 50 + step);
            Assert.Equal(single.TrainStep(inputs, targets), threaded.TrainStep(inputs, targets));
        }

        NumericAssert.BitwiseEqual(TestData.Parameters(single), TestData.Parameters(threaded), "parameters after four threaded steps");
        threaded.Threads = 1;
    }

    [Fact]
    public void A_checkpoint_of_a_shaped_network_restores_it_exactly()
    {
        var network = new ShapedDropoutNet(seed: 4);
        for (int step = 0; step < 3; step++)
        {
            network.TrainStep(TestData.Inputs(network, 5, seed: step), TestData.Targets(network, 5, seed: 9 + step));
        }

        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        ShapedDropoutNet loaded = ShapedDropoutNet.Load(stream);
        float[] inputs = TestData.Inputs(network, 5, seed: 77);
        float[] targets = TestData.Targets(network, 5, seed: 78);
        Assert.Equal(network.TrainStep(inputs, targets), loaded.TrainStep(inputs, targets));
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(loaded), "parameters after the same step");
    }

    [Theory]
    [InlineData(nameof(SmallLeNet))]
    [InlineData(nameof(CausalSequenceNet))]
    [InlineData(nameof(StridedSequenceNet))]
    [InlineData(nameof(ChannelsNet))]
    public void Safetensors_names_of_convolution_networks_number_the_twins_modules(string name)
        => Assert.Equal(Fixture.Of(name).Names, NetGen.Serialization.Safetensors.TensorNames(s_networks[name](1).Architecture));

    /// <summary>A network's PyTorch twin's values, from Fixtures/shaped_networks.json (made by make_shaped_fixtures.py).</summary>
    private sealed record Fixture(string[] Names, double[] Parameters, double[] Inputs, double[] Targets, double[] Outputs, double Loss, double[] Gradients, int Rows)
    {
        private static readonly Lazy<JsonDocument> s_document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "shaped_networks.json"))));

        public static Fixture Of(string name)
        {
            JsonElement network = s_document.Value.RootElement.GetProperty(name);
            double[] Values(string key) => network.GetProperty(key).EnumerateArray().Select(value => value.GetDouble()).ToArray();
            return new Fixture(
                network.GetProperty("names").EnumerateArray().Select(value => value.GetString()!).ToArray(),
                Values("parameters"),
                Values("inputs"),
                Values("targets"),
                Values("outputs"),
                network.GetProperty("loss").GetDouble(),
                Values("gradients"),
                network.GetProperty("rows").GetInt32());
        }
    }
}
