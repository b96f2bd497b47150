using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Data;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// GRU and LSTM networks against their PyTorch twins (Fixtures/make_recurrent_fixtures.py): outputs, loss and gradients of
/// backpropagation through the whole sequence, three optimizer steps with clipping and penalties, the streamed steps of
/// <c>PredictStep</c> against the twin run on the sequence cut after each step, safetensors files PyTorch wrote, training
/// with <c>Fit</c> and then streaming, threads and allocation. The numerical tests run on whichever instruction set the run
/// uses (CI reruns them on each narrower path).
/// </summary>
public class RecurrentNetworkTests
{
    private const double OutputTolerance = 3e-5;
    private const double GradientTolerance = 3e-4;

    private static readonly Dictionary<string, Func<int, INetwork>> s_networks = new()
    {
        [nameof(GruNet)] = seed => new GruNet(seed),
        [nameof(LstmSequenceNet)] = seed => new LstmSequenceNet(seed),
        [nameof(StackedGruNet)] = seed => new StackedGruNet(seed),
        [nameof(StackedLstmNet)] = seed => new StackedLstmNet(seed),
        [nameof(GruClassifierNet)] = seed => new GruClassifierNet(seed),
        [nameof(LstmNesterovNet)] = seed => new LstmNesterovNet(seed),
        [nameof(GruPerStepNet)] = seed => new GruPerStepNet(seed),
        [nameof(AudioGruNet)] = seed => new AudioGruNet(seed),
        [nameof(RecurrentDropoutNet)] = seed => new RecurrentDropoutNet(seed),
        [nameof(BlockGruNet)] = seed => new BlockGruNet(seed),
        [nameof(BlockLstmNet)] = seed => new BlockLstmNet(seed),
    };

    /// <summary>Every recurrent network.</summary>
    public static TheoryData<string> Names => new(s_networks.Keys);

    /// <summary>The networks whose training the twin repeats (all but the one with dropout, which is random in training).</summary>
    public static TheoryData<string> Trained => new(s_networks.Keys.Where(name => name != nameof(RecurrentDropoutNet)));

    [Fact]
    public void Shapes_sizes_and_tensors_are_the_twins()
    {
        Assert.Equal([6, 3], GruNet.InputShape.ToArray());
        Assert.Equal([2], GruNet.OutputShape.ToArray());
        Assert.Equal([5, 3], LstmSequenceNet.OutputShape.ToArray());
        Assert.Equal((3 * 5 * (3 + 5 + 2)) + (5 * 2) + 2, GruNet.ParameterCount);
        Assert.Equal((4 * 4 * (2 + 4 + 2)) + (4 * 3) + 3, LstmSequenceNet.ParameterCount);
        Assert.Equal(3, GruNet.StepInputSize);
        Assert.Equal(2, GruNet.StepOutputSize);
        Assert.Equal(3, LstmSequenceNet.StepOutputSize);
        Assert.Equal(new TensorShape(7, 20), StackedGruNet.Architecture.Layers[0].OutputShape);
        Assert.Equal(new TensorShape(6), StackedGruNet.Architecture.Layers[1].OutputShape);
        Assert.Equal([15, 3], GruNet.Architecture.Layers[0].Parameters[0].Shape);
        Assert.Equal([16, 4], LstmSequenceNet.Architecture.Layers[0].Parameters[1].Shape);
        foreach ((string name, Func<int, INetwork> create) in s_networks)
        {
            Assert.Equal(Fixture.Of(name).Names, Safetensors.TensorNames(create(0).Architecture));
            Assert.True(create(0) is IStreamingNetwork, $"{name} streams");
        }
    }

    [Fact]
    public void Initialisation_is_uniform_within_one_over_the_root_of_the_units()
    {
        var network = new StackedLstmNet(seed: 3);
        float[] parameters = TestData.Parameters(network);
        foreach (LayerInfo layer in StackedLstmNet.Architecture.Layers.Where(layer => layer is RecurrentLayerInfo))
        {
            double limit = 1 / Math.Sqrt(((RecurrentLayerInfo)layer).Units);
            foreach (ParameterInfo tensor in layer.Parameters)
            {
                float[] values = parameters.AsSpan(tensor.Offset, tensor.Count).ToArray();
                Assert.All(values, value => Assert.InRange(value, -limit, limit));
                Assert.True(values.Max() > limit * 0.8 && values.Min() < -limit * 0.8, $"{tensor.Name} spans its range");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Outputs_equal_the_PyTorch_twins(string name)
    {
        INetwork network = Loaded(name, out Fixture fixture);
        var outputs = new float[fixture.Rows * network.OutputSize];
        network.PredictBatch(Floats(fixture.Inputs), outputs);
        NumericAssert.Close(fixture.Outputs, outputs, OutputTolerance, OutputTolerance, $"{name}: outputs against PyTorch");
    }

    [Theory]
    [MemberData(nameof(Trained))]
    public void Loss_and_gradients_through_time_equal_the_PyTorch_twins(string name)
    {
        INetwork network = Loaded(name, out Fixture fixture);
        float loss = network.ComputeGradients(Floats(fixture.Inputs), Floats(fixture.Targets));
        NumericAssert.Close(fixture.Loss, loss, OutputTolerance, OutputTolerance, $"{name}: loss against PyTorch");
        NumericAssert.TensorsClose(network.Architecture, fixture.Gradients, TestData.Gradients(network), GradientTolerance, $"{name}: gradients against PyTorch");
    }

    [Theory]
    [MemberData(nameof(Trained))]
    public void Three_training_steps_follow_the_PyTorch_optimizer_with_clipping_and_penalties(string name)
    {
        INetwork network = Loaded(name, out Fixture fixture);
        float[] inputs = Floats(fixture.Inputs);
        float[] targets = Floats(fixture.Targets);
        for (int step = 0; step < 3; step++)
        {
            network.TrainStep(inputs, targets);
        }

        NumericAssert.TensorsClose(network.Architecture, fixture.Trained!, TestData.Parameters(network), GradientTolerance, $"{name}: parameters after three steps against PyTorch");
    }

    [Theory]
    [MemberData(nameof(Trained))]
    public void Forward_and_Backward_of_the_losss_gradient_equal_ComputeGradients(string name)
    {
        INetwork network = Loaded(name, out Fixture fixture);
        float[] inputs = Floats(fixture.Inputs);
        float[] targets = Floats(fixture.Targets);
        network.ComputeGradients(inputs, targets);
        float[] expected = TestData.Gradients(network);

        // The mean squared error's gradient, for the networks whose loss is it; the others are covered by ComputeGradients above.
        if (network.Architecture.Loss != Loss.MeanSquaredError)
        {
            return;
        }

        var outputs = new float[fixture.Rows * network.OutputSize];
        network.Forward(inputs, outputs);
        float[] gradient = outputs.Select((value, i) => 2 * (value - targets[i]) / outputs.Length).ToArray();
        network.Backward(gradient);
        NumericAssert.Close(TestData.ToDouble(expected), TestData.Gradients(network), 1e-5, 1e-7, $"{name}: Forward + Backward against ComputeGradients");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_streamed_step_equals_the_twin_on_the_sequence_cut_after_it(string name)
    {
        var network = (IStreamingNetwork)Loaded(name, out Fixture fixture);
        float[] row = Floats(fixture.Inputs)[..network.InputSize];
        int steps = fixture.Steps.Length;
        var output = new float[network.StepOutputSize];
        for (int pass = 0; pass < 2; pass++)
        {
            // Predict and the training calls leave the stream alone; ResetState starts a new one.
            network.ResetState();
            for (int t = 0; t < steps; t++)
            {
                network.PredictStep(row.AsSpan(t * network.StepInputSize, network.StepInputSize), output);
                NumericAssert.Close(fixture.Steps[t], output, OutputTolerance, OutputTolerance, $"{name}: step {t + 1} of pass {pass + 1} against PyTorch on {t + 1} steps");
                if (t == 1)
                {
                    var full = new float[network.OutputSize];
                    network.Predict(row, full);
                }
            }
        }

        // The last step is the full sequence's output at its last position.
        var outputs = new float[network.OutputSize];
        network.Predict(row, outputs);
        NumericAssert.Close(TestData.ToDouble(outputs[^network.StepOutputSize..]), output, 1e-5, 1e-6, $"{name}: last streamed step against Predict");
    }

    [Fact]
    public void A_stream_continues_across_training_and_restarts_on_ResetState()
    {
        var network = new AudioGruNet(seed: 2);
        float[] sequence = TestData.Uniform(AudioGruNet.InputSize, -1f, 1f, seed: 5);
        var first = new float[1];
        var again = new float[1];
        network.PredictStep(sequence.AsSpan(0, 1), first);
        network.PredictStep(sequence.AsSpan(1, 1), again);
        Assert.NotEqual(first[0], again[0]);
        network.ResetState();
        network.PredictStep(sequence.AsSpan(0, 1), again);
        Assert.Equal(first[0], again[0]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PredictSteps_gives_the_bits_of_as_many_PredictStep_calls(string name)
    {
        INetwork network = s_networks[name](1);
        StreamingAssert.PredictStepsEqualsPredictStep(s_networks[name], TestData.Inputs(network, 1, seed: 8), name);
    }

    [Fact]
    public void PredictSteps_refuses_a_partial_step_or_outputs_of_another_length_and_an_empty_buffer_changes_nothing()
    {
        var network = new GruNet(seed: 1);
        int width = GruNet.StepInputSize;
        ArgumentException partial = Assert.ThrowsAny<ArgumentException>(() => network.PredictSteps(Buffer((3 * width) + 1), Buffer(3 * GruNet.StepOutputSize)));
        Assert.Contains("StepInputSize", partial.Message, StringComparison.Ordinal);
        Assert.Equal("steps", partial.ParamName);
        ArgumentException outputs = Assert.ThrowsAny<ArgumentException>(() => network.PredictSteps(Buffer(3 * width), Buffer(2 * GruNet.StepOutputSize)));
        Assert.Contains("StepOutputSize", outputs.Message, StringComparison.Ordinal);
        Assert.Equal("outputs", outputs.ParamName);

        // The refused calls and an empty buffer leave the stream where it was: the next step is a first step.
        network.PredictSteps(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        float[] step = TestData.Inputs(network, 1, seed: 9)[..width];
        var first = new float[GruNet.StepOutputSize];
        network.PredictStep(step, first);
        var fresh = new GruNet(seed: 1);
        var expected = new float[GruNet.StepOutputSize];
        fresh.PredictStep(step, expected);
        NumericAssert.BitwiseEqual(expected, first, "the first step after refused and empty PredictSteps calls");
    }

    [Fact]
    public void PredictStep_refuses_a_step_of_another_length()
    {
        var network = new GruNet(seed: 1);
        var output = new float[GruNet.StepOutputSize];
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => network.PredictStep(Buffer(GruNet.InputSize), output));
        Assert.Contains("StepInputSize", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => network.PredictStep(Buffer(GruNet.StepInputSize), Buffer(1)));
    }

    [Theory]
    [InlineData(nameof(GruNet), "gru_net.safetensors")]
    [InlineData(nameof(StackedLstmNet), "stacked_lstm_net.safetensors")]
    public void A_safetensors_file_PyTorch_wrote_loads_with_PyTorchs_names_and_gives_its_outputs(string name, string file)
    {
        Fixture fixture = Fixture.Of(name);
        INetwork network = s_networks[name](9);
        Safetensors.ReadFile(network, Path.Combine(AppContext.BaseDirectory, "Fixtures", file));
        var outputs = new float[fixture.Rows * network.OutputSize];
        network.PredictBatch(Floats(fixture.Inputs), outputs);
        NumericAssert.Close(fixture.Outputs, outputs, 1e-4, 1e-4, $"{name}: outputs of the PyTorch file against PyTorch");

        // And back: what NetGen writes reads into a fresh network bit for bit.
        using var stream = new MemoryStream();
        Safetensors.Write(network, stream);
        stream.Position = 0;
        INetwork copy = s_networks[name](10);
        Safetensors.Read(copy, stream);
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(copy), $"{name}: safetensors round trip");
    }

    [Fact]
    public void Fit_trains_a_GRU_on_sequences_and_the_same_object_then_streams_them()
    {
        // The target is a filter of the sequence's recent past: the GRU must carry its state.
        const int rows = 256;
        float[] features = TestData.Uniform(rows * AudioGruNet.InputSize, -1f, 1f, seed: 11);
        var targets = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            int last = ((r + 1) * AudioGruNet.InputSize) - 1;
            targets[r] = (0.6f * features[last]) + (0.3f * features[last - 1]) - (0.2f * features[last - 2]);
        }

        var data = new Dataset(features, AudioGruNet.InputSize, targets, 1);
        var network = new AudioGruNet(seed: 1) { LearningRate = 0.01f };
        double before = network.EvaluateLoss(data);
        network.Fit(data, new FitOptions { Epochs = 40 });
        double after = network.EvaluateLoss(data);
        Assert.True(after < before * 0.1, $"Fit brought the loss from {before} to {after}.");

        var output = new float[1];
        var predicted = new float[1];
        for (int r = 0; r < 4; r++)
        {
            ReadOnlySpan<float> row = data.FeatureRow(r);
            network.ResetState();
            for (int t = 0; t < AudioGruNet.InputSize; t++)
            {
                network.PredictStep(row.Slice(t, 1), output);
            }

            network.Predict(row, predicted);
            Assert.Equal(predicted[0], output[0], 1e-5f);
        }
    }

    [Fact]
    public void Threads_split_the_rows_of_a_recurrent_network_bit_for_bit()
    {
        var single = new StackedGruNet(seed: 2);
        var threaded = new StackedGruNet(seed: 2) { Threads = 2 };
        for (int step = 0; step < 3; step++)
        {
            float[] inputs = TestData.Inputs(single, StackedGruNet.BatchSize, seed: step);
            float[] targets = TestData.Targets(single, StackedGruNet.BatchSize, seed: 50 + step);
            Assert.Equal(single.TrainStep(inputs, targets), threaded.TrainStep(inputs, targets));
        }

        NumericAssert.BitwiseEqual(TestData.Parameters(single), TestData.Parameters(threaded), "parameters after three threaded steps");
        threaded.Threads = 1;
    }

    [Fact]
    public void A_checkpoint_of_a_recurrent_network_resumes_training_exactly()
    {
        var network = new StackedLstmNet(seed: 4);
        for (int step = 0; step < 2; step++)
        {
            network.TrainStep(TestData.Inputs(network, 3, seed: step), TestData.Targets(network, 3, seed: 9 + step));
        }

        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        StackedLstmNet loaded = StackedLstmNet.Load(stream);
        float[] inputs = TestData.Inputs(network, 4, seed: 77);
        float[] targets = TestData.Targets(network, 4, seed: 78);
        Assert.Equal(network.TrainStep(inputs, targets), loaded.TrainStep(inputs, targets));
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(loaded), "parameters after the same step");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Streaming_and_training_calls_allocate_nothing(string name)
    {
        var network = (IStreamingNetwork)s_networks[name](1);
        int rows = Math.Min(3, network.BatchSize);
        float[] inputs = TestData.Inputs(network, rows, seed: 1);
        float[] targets = TestData.Targets(network, rows, seed: 2);
        float[] step = inputs[..network.StepInputSize];
        var output = new float[network.StepOutputSize];
        var outputs = new float[rows * network.OutputSize];
        AssertNoAllocation(name, "PredictStep", () => network.PredictStep(step, output));
        float[] buffer = TestData.Uniform(16 * network.StepInputSize, -1f, 1f, seed: 3);
        var bufferOutputs = new float[16 * network.StepOutputSize];
        AssertNoAllocation(name, "PredictSteps", () => network.PredictSteps(buffer, bufferOutputs));
        AssertNoAllocation(name, "ResetState", network.ResetState);
        AssertNoAllocation(name, "PredictBatch", () => network.PredictBatch(inputs, outputs));
        network.Hyperparameters = network.Hyperparameters with { ClipNorm = 0.1f, L2 = 1e-4f, LearningRate = 1e-4f };
        AssertNoAllocation(name, "TrainStep", () => network.TrainStep(inputs, targets));
    }

    /// <summary>After a warm-up, three windows of calls on this thread allocate nothing (these calls run on the calling thread
    /// only; AllocationTests measures the shared catalog process-wide).</summary>
    private static void AssertNoAllocation(string name, string what, Action call)
    {
        for (int i = 0; i < 100; i++)
        {
            call();
        }

        var windows = new long[3];
        for (int window = 0; window < windows.Length; window++)
        {
            long before = ThreadAllocation.Start();
            for (int i = 0; i < 200; i++)
            {
                call();
            }

            windows[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(windows.All(bytes => bytes == 0), $"{name}: {what} allocated {string.Join(", ", windows)} bytes in windows of 200 calls after its warm-up.");
    }

    /// <summary>The network <paramref name="name"/> with its twin's parameters.</summary>
    private static INetwork Loaded(string name, out Fixture fixture)
    {
        fixture = Fixture.Of(name);
        INetwork network = s_networks[name](1);
        network.ImportParameters(Floats(fixture.Parameters));
        return network;
    }

    private static float[] Floats(double[] values) => Array.ConvertAll(values, value => (float)value);

    /// <summary>A float array of <paramref name="length"/> floats, its length hidden from the call-site analyzer.</summary>
    private static float[] Buffer(int length) => new float[length];

    /// <summary>A network's PyTorch twin's values, from Fixtures/recurrent_networks.json (made by make_recurrent_fixtures.py).</summary>
    private sealed record Fixture(string[] Names, double[] Parameters, double[] Inputs, double[] Targets, double[] Outputs, double Loss, double[] Gradients, int Rows, double[][] Steps, double[]? Trained)
    {
        private static readonly Lazy<JsonDocument> s_document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "recurrent_networks.json"))));

        public static Fixture Of(string name)
        {
            JsonElement network = s_document.Value.RootElement.GetProperty(name);
            static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(value => value.GetDouble()).ToArray();
            double[] Values(string key) => Doubles(network.GetProperty(key));
            return new Fixture(
                network.GetProperty("names").EnumerateArray().Select(value => value.GetString()!).ToArray(),
                Values("parameters"),
                Values("inputs"),
                Values("targets"),
                Values("outputs"),
                network.GetProperty("loss").GetDouble(),
                Values("gradients"),
                network.GetProperty("rows").GetInt32(),
                network.GetProperty("steps").EnumerateArray().Select(Doubles).ToArray(),
                network.TryGetProperty("trained", out JsonElement trained) ? Doubles(trained) : null);
        }

    }
}
