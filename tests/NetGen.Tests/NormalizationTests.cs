using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// BatchNorm, LayerNorm and Residual layers against their PyTorch twins (training calls with batch statistics, the running
/// statistics they update with the unbiased variance, inference with the running statistics folded in), every optimizer,
/// thread counts, checkpoints, safetensors and the refusal of a one-row BatchNorm training call, on whichever instruction
/// set the run uses.
/// </summary>
public class NormalizationTests
{
    private const double OutputTolerance = 3e-5;
    private const double GradientTolerance = 3e-4;
    private const double VanishingGradient = 1e-12;
    private const double RoundingOfAVanishingGradient = 1e-6;

    private static readonly Dictionary<string, Func<int, INetwork>> s_twins = new()
    {
        [nameof(LayerNormMlpNet)] = seed => new LayerNormMlpNet(seed),
        [nameof(SequenceLayerNormNet)] = seed => new SequenceLayerNormNet(seed),
        [nameof(ResidualMlpNet)] = seed => new ResidualMlpNet(seed),
        [nameof(BatchNormMlpNet)] = seed => new BatchNormMlpNet(seed),
        [nameof(BatchNormSequenceNet)] = seed => new BatchNormSequenceNet(seed),
        [nameof(BatchNormResidualNet)] = seed => new BatchNormResidualNet(seed),
    };

    private static readonly Dictionary<string, Func<int, INetwork>> s_all = new(s_twins)
    {
        [nameof(NormAdaGradNet)] = seed => new NormAdaGradNet(seed),
        [nameof(WideNormNet)] = seed => new WideNormNet(seed),
    };

    public static TheoryData<string> Twins => new(s_twins.Keys);

    public static TheoryData<string> All => new(s_all.Keys);

    [Theory]
    [MemberData(nameof(Twins))]
    public void Training_calls_and_running_statistics_equal_the_PyTorch_twins(string name)
    {
        Fixture fixture = Fixture.Of(name);
        INetwork network = s_twins[name](1);
        network.ImportParameters(Floats(fixture.Parameters));
        network.ImportState(Floats(fixture.State0), 0);

        float loss = network.ComputeGradients(Floats(fixture.Inputs), Floats(fixture.Targets));
        NumericAssert.Close(fixture.Loss, loss, OutputTolerance, OutputTolerance, $"{name}: loss against PyTorch");
        GradientsClose(network.Architecture, fixture.Gradients, TestData.Gradients(network), $"{name}: gradients against PyTorch");
        NumericAssert.Close(fixture.State1, State(network), OutputTolerance, OutputTolerance, $"{name}: running statistics after one training call");
        Assert.Equal(fixture.State0.Length == 0 ? 0 : 1, network.BatchesTracked);

        // Inference reads the running statistics (folded into the Dense layer before a BatchNorm where there is one).
        var evalOutputs = new float[fixture.EvalOutputs.Length];
        network.PredictBatch(Floats(fixture.EvalInputs), evalOutputs);
        NumericAssert.Close(fixture.EvalOutputs, evalOutputs, OutputTolerance, OutputTolerance, $"{name}: inference with the running statistics");

        // A second training call (Forward, fewer rows) updates them again, and inference follows.
        float[] inputs2 = Floats(fixture.Inputs2);
        var outputs2 = new float[inputs2.Length / network.InputSize * network.OutputSize];
        network.Forward(inputs2, outputs2);
        NumericAssert.Close(fixture.State2, State(network), OutputTolerance, OutputTolerance, $"{name}: running statistics after two training calls");
        network.PredictBatch(Floats(fixture.EvalInputs), evalOutputs);
        NumericAssert.Close(fixture.EvalOutputs2, evalOutputs, OutputTolerance, OutputTolerance, $"{name}: inference after two training calls");
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void Forward_gives_the_training_outputs_of_the_PyTorch_twins_and_Backward_their_gradients(string name)
    {
        Fixture fixture = Fixture.Of(name);
        INetwork network = s_twins[name](1);
        network.ImportParameters(Floats(fixture.Parameters));
        float[] inputs = Floats(fixture.Inputs);
        var outputs = new float[fixture.Outputs.Length];
        network.Forward(inputs, outputs);
        NumericAssert.Close(fixture.Outputs, outputs, OutputTolerance, OutputTolerance, $"{name}: training outputs against PyTorch");

        // Backward with the gradient of the loss with respect to those outputs gives PyTorch's parameter gradients.
        network.Backward(OutputGradient(network, outputs, Floats(fixture.Targets)));
        GradientsClose(network.Architecture, fixture.Gradients, TestData.Gradients(network), $"{name}: Backward against PyTorch");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Gradients_match_finite_differences_of_the_training_loss(string name)
    {
        INetwork network = s_all[name](11);
        int rows = Math.Min(network.BatchSize, 6);
        float[] inputs = TestData.Inputs(network, rows, seed: 5);
        float[] targets = TestData.Targets(network, rows, seed: 6);
        float[] parameters = TestData.Parameters(network);
        network.ComputeGradients(inputs, targets);
        float[] gradients = TestData.Gradients(network);
        foreach (int index in GradientSample.Indices(network.Architecture, seed: 3, fullTensorLimit: 16))
        {
            double derivative = Derivative(network, parameters, index, inputs, targets);
            double tolerance = 2e-3 + (2e-2 * Math.Abs(derivative));
            Assert.True(Math.Abs(derivative - gradients[index]) <= tolerance, $"{name}: parameter {index}: finite difference {derivative}, gradient {gradients[index]}");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_training_step_of_every_optimizer_follows_the_reference_optimizer(string name)
    {
        INetwork network = s_all[name](5);
        INetwork gradients = s_all[name](5);
        network.Hyperparameters = network.Hyperparameters with { L2 = 0.01f, L1 = 0.001f };
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        var isWeight = new bool[parameters.Length];
        foreach (LayerInfo layer in network.Architecture.Layers)
        {
            foreach (ParameterInfo tensor in layer.Parameters)
            {
                // Penalties apply to Dense weights, never to biases or normalisation parameters.
                Assert.Equal(layer.Kind == LayerKind.Dense && tensor.Name == "weight", tensor.Penalized);
                Array.Fill(isWeight, tensor.Penalized, tensor.Offset, tensor.Count);
            }
        }

        var optimizer = new ReferenceOptimizer(network.Architecture.Optimizer, isWeight);
        for (int step = 0; step < 3; step++)
        {
            int rows = network.BatchSize - step;
            float[] inputs = TestData.Inputs(network, rows, seed: 30 + step);
            float[] targets = TestData.Targets(network, rows, seed: 40 + step);
            gradients.ImportParameters(TestData.Parameters(network));
            gradients.ComputeGradients(inputs, targets);
            network.TrainStep(inputs, targets);
            optimizer.Update(parameters, TestData.ToDouble(TestData.Gradients(gradients)), network.Hyperparameters);
            NumericAssert.TensorsClose(network.Architecture, parameters, TestData.Parameters(network), GradientTolerance, $"{name}: parameters after step {step + 1}");
        }
    }

    [Fact]
    public void Batch_statistics_and_steps_are_identical_whatever_the_thread_count()
    {
        var single = new WideNormNet(seed: 2);
        var threaded = new WideNormNet(seed: 2) { Threads = 2 };
        try
        {
            for (int step = 0; step < 4; step++)
            {
                float[] inputs = TestData.Inputs(single, WideNormNet.BatchSize - step, seed: step);
                float[] targets = TestData.Targets(single, WideNormNet.BatchSize - step, seed: 50 + step);
                Assert.Equal(single.TrainStep(inputs, targets), threaded.TrainStep(inputs, targets));
            }

            NumericAssert.BitwiseEqual(TestData.Parameters(single), TestData.Parameters(threaded), "parameters after four threaded steps");
            NumericAssert.BitwiseEqual(State(single), State(threaded), "running statistics after four threaded steps");

            float[] more = TestData.Inputs(single, WideNormNet.BatchSize, seed: 9);
            var a = new float[WideNormNet.BatchSize * WideNormNet.OutputSize];
            var b = new float[a.Length];
            single.Forward(more, a);
            threaded.Forward(more, b);
            NumericAssert.BitwiseEqual(a, b, "Forward");
            float[] outputGradient = TestData.Uniform(a.Length, -1f, 1f, seed: 4);
            single.Backward(outputGradient);
            threaded.Backward(outputGradient);
            NumericAssert.BitwiseEqual(TestData.Gradients(single), TestData.Gradients(threaded), "Backward");
            NumericAssert.BitwiseEqual(State(single), State(threaded), "running statistics after Forward");
        }
        finally
        {
            threaded.Threads = 1;
        }
    }

    [Fact]
    public void A_checkpoint_saves_the_running_statistics_so_that_training_resumes_and_inference_is_identical()
    {
        var network = new WideNormNet(seed: 4);
        for (int step = 0; step < 3; step++)
        {
            network.TrainStep(TestData.Inputs(network, 10, seed: step), TestData.Targets(network, 10, seed: 9 + step));
        }

        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        WideNormNet loaded = WideNormNet.Load(stream);
        Assert.Equal(3, loaded.BatchesTracked);
        NumericAssert.BitwiseEqual(State(network), State(loaded), "running statistics");

        float[] probe = TestData.Inputs(network, 5, seed: 70);
        var expected = new float[5 * WideNormNet.OutputSize];
        var actual = new float[expected.Length];
        network.PredictBatch(probe, expected);
        loaded.PredictBatch(probe, actual);
        NumericAssert.BitwiseEqual(expected, actual, "inference after Load");

        float[] inputs = TestData.Inputs(network, 5, seed: 77);
        float[] targets = TestData.Targets(network, 5, seed: 78);
        Assert.Equal(network.TrainStep(inputs, targets), loaded.TrainStep(inputs, targets));
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(loaded), "parameters after the same step");
        NumericAssert.BitwiseEqual(State(network), State(loaded), "running statistics after the same step");
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void Safetensors_carry_PyTorchs_names_and_running_statistics_both_ways(string name)
    {
        Fixture fixture = Fixture.Of(name);
        INetwork network = s_twins[name](3);
        Assert.Equal(fixture.Names, Safetensors.TensorNames(network.Architecture));
        network.TrainStep(TestData.Inputs(network, 4, seed: 1), TestData.Targets(network, 4, seed: 2));
        network.TrainStep(TestData.Inputs(network, 3, seed: 3), TestData.Targets(network, 3, seed: 4));

        using var stream = new MemoryStream();
        Safetensors.Write(network, stream);
        stream.Position = 0;
        INetwork copy = s_twins[name](9);
        Safetensors.Read(copy, stream);
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(copy), "parameters");
        NumericAssert.BitwiseEqual(State(network), State(copy), "running statistics");
        Assert.Equal(network.BatchesTracked, copy.BatchesTracked);

        // num_batches_tracked is an int64 scalar, as PyTorch writes it.
        string header = SafetensorsHeader(stream);
        foreach (string tensor in fixture.Names.Where(n => n.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
        {
            using JsonDocument json = JsonDocument.Parse(header);
            JsonElement entry = json.RootElement.GetProperty(tensor);
            Assert.Equal("I64", entry.GetProperty("dtype").GetString());
            Assert.Equal(0, entry.GetProperty("shape").GetArrayLength());
        }
    }

    [Theory]
    [InlineData(nameof(BatchNormMlpNet))]
    [InlineData(nameof(BatchNormSequenceNet))]
    [InlineData(nameof(BatchNormResidualNet))]
    public void A_safetensors_file_PyTorch_wrote_loads_with_its_running_statistics(string name)
    {
        // The state_dict after the twin's two training calls: inference then gives what the twin gave after them.
        Fixture fixture = Fixture.Of(name);
        INetwork network = s_twins[name](8);
        Safetensors.ReadFile(network, Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".safetensors"));
        Assert.Equal(2, network.BatchesTracked);
        NumericAssert.Close(fixture.State2, State(network), OutputTolerance, OutputTolerance, $"{name}: running statistics from PyTorch");
        var outputs = new float[fixture.EvalOutputs2.Length];
        network.PredictBatch(Floats(fixture.EvalInputs), outputs);
        NumericAssert.Close(fixture.EvalOutputs2, outputs, OutputTolerance, OutputTolerance, $"{name}: inference after loading PyTorch's safetensors");
    }

    [Fact]
    public void A_one_row_training_call_of_a_BatchNorm_network_is_refused_and_LayerNorm_takes_one_row()
    {
        var batchNorm = new BatchNormMlpNet(seed: 1);
        float[] inputs = TestData.Inputs(batchNorm, 1, seed: 1);
        float[] targets = TestData.Targets(batchNorm, 1, seed: 2);
        float[] before = TestData.Parameters(batchNorm);
        var error = Assert.Throws<ArgumentException>(() => batchNorm.TrainStep(inputs, targets));
        Assert.Contains("BatchNorm", error.Message, StringComparison.Ordinal);
        Assert.Contains("LayerNorm", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => batchNorm.ComputeGradients(inputs, targets));
        Assert.Throws<ArgumentException>(() => batchNorm.Forward(inputs, new float[BatchNormMlpNet.OutputSize]));
        NumericAssert.BitwiseEqual(before, TestData.Parameters(batchNorm), "parameters after the refused calls");
        Assert.Equal(0, batchNorm.BatchesTracked);

        // Inference of one row is fine, and so is training a BatchNorm over positions with one row.
        batchNorm.Predict(inputs, new float[BatchNormMlpNet.OutputSize]);
        var sequence = new BatchNormSequenceNet(seed: 1);
        Assert.True(float.IsFinite(sequence.TrainStep(TestData.Inputs(sequence, 1, seed: 3), TestData.Targets(sequence, 1, seed: 4))));
        var layerNorm = new LayerNormMlpNet(seed: 1);
        Assert.True(float.IsFinite(layerNorm.TrainStep(TestData.Inputs(layerNorm, 1, seed: 3), TestData.Targets(layerNorm, 1, seed: 4))));
    }

    [Fact]
    public void Inference_follows_parameters_imported_after_training()
    {
        var network = new BatchNormMlpNet(seed: 1);
        float[] probe = TestData.Inputs(network, 3, seed: 8);
        var before = new float[3 * BatchNormMlpNet.OutputSize];
        network.PredictBatch(probe, before);
        network.TrainStep(TestData.Inputs(network, 8, seed: 1), TestData.Targets(network, 8, seed: 2));

        // The folded weights are prepared again at the first inference call after a change.
        var trained = new float[before.Length];
        network.PredictBatch(probe, trained);
        var fresh = new BatchNormMlpNet(seed: 2);
        fresh.ImportParameters(TestData.Parameters(network));
        fresh.ImportState(State(network), network.BatchesTracked);
        var imported = new float[before.Length];
        fresh.PredictBatch(probe, imported);
        NumericAssert.BitwiseEqual(trained, imported, "inference after importing the trained parameters and state");
        Assert.NotEqual(before, trained);
    }

    [Fact]
    public void State_that_is_not_finite_or_a_negative_variance_is_refused()
    {
        var network = new BatchNormMlpNet(seed: 1);
        var state = new float[BatchNormMlpNet.Architecture.StateCount];
        Array.Fill(state, 1f);
        state[3] = float.NaN;
        Assert.Throws<ArgumentException>(() => network.ImportState(state, 0));
        state[3] = 0f;
        state[^1] = -1f;
        Assert.Throws<ArgumentException>(() => network.ImportState(state, 0));
        Assert.Throws<ArgumentException>(() => network.ImportState(new float[3], 0));
    }

    [Fact]
    public void Architectures_describe_the_layers_as_declared()
    {
        Assert.Equal("6 -> Dense(6, None) -> BatchNorm(ReLU) -> Dense(6, None) -> BatchNorm(None, Epsilon = 0.0001) -> Residual(4, ReLU) -> Dense(2, None); MeanSquaredError; Nesterov", BatchNormResidualNet.Architecture.ToString());
        Assert.Equal(2 * 2 * 6, BatchNormResidualNet.Architecture.StateCount);
        Assert.Equal(0, LayerNormMlpNet.Architecture.StateCount);
        Assert.Equal([6], BatchNormResidualNet.Architecture.Layers[1].Parameters[0].Shape);
        Assert.Equal(["running_mean", "running_var"], BatchNormResidualNet.Architecture.Layers[1].State.Select(s => s.Name).ToArray());
    }

    /// <summary>Gradients close tensor by tensor; a tensor whose gradient vanishes (the bias of a Dense layer right before a
    /// BatchNorm, which the mean subtracts) only has to be float rounding away from zero, which a relative tolerance cannot say.</summary>
    private static void GradientsClose(NetworkArchitecture architecture, double[] expected, float[] actual, string what)
    {
        double[] kept = (double[])expected.Clone();
        float[] compared = (float[])actual.Clone();
        foreach (ParameterInfo tensor in architecture.Layers.SelectMany(layer => layer.Parameters))
        {
            if (expected.AsSpan(tensor.Offset, tensor.Count).ToArray().Max(Math.Abs) > VanishingGradient)
            {
                continue;
            }

            for (int i = tensor.Offset; i < tensor.Offset + tensor.Count; i++)
            {
                Assert.True(Math.Abs(actual[i]) <= RoundingOfAVanishingGradient, $"{what}: {tensor.Name} [{i - tensor.Offset}] should vanish but is {actual[i]}");
                kept[i] = 0;
                compared[i] = 0;
            }
        }

        NumericAssert.TensorsClose(architecture, kept, compared, GradientTolerance, what);
    }

    private static float[] OutputGradient(INetwork network, float[] outputs, float[] targets)
    {
        // The gradient of the mean loss with respect to the outputs: squared error 2 (y - t) / count; for softmax outputs with
        // cross-entropy, the gradient with respect to the probabilities, -t / (y * rows).
        int rows = outputs.Length / network.OutputSize;
        var gradient = new float[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            gradient[i] = network.Architecture.Loss == Loss.CategoricalCrossEntropy
                ? -targets[i] / (outputs[i] * rows)
                : 2f * (outputs[i] - targets[i]) / outputs.Length;
        }

        return gradient;
    }

    internal static double Derivative(INetwork network, float[] parameters, int index, float[] inputs, float[] targets)
    {
        // Central differences of the training loss (batch statistics), in float: a step large enough for float's rounding.
        const float h = 2e-3f;
        float[] shifted = (float[])parameters.Clone();
        shifted[index] = parameters[index] + h;
        network.ImportParameters(shifted);
        double plus = network.ComputeGradients(inputs, targets);
        shifted[index] = parameters[index] - h;
        network.ImportParameters(shifted);
        double minus = network.ComputeGradients(inputs, targets);
        network.ImportParameters(parameters);
        return (plus - minus) / (2 * h);
    }

    private static string SafetensorsHeader(MemoryStream stream)
    {
        byte[] bytes = stream.ToArray();
        long length = BitConverter.ToInt64(bytes, 0);
        return System.Text.Encoding.UTF8.GetString(bytes, 8, (int)length);
    }

    internal static float[] State(INetwork network)
    {
        var state = new float[network.Architecture.StateCount];
        network.ExportState(state);
        return state;
    }

    private static float[] Floats(double[] values) => values.Select(value => (float)value).ToArray();

    /// <summary>A network's PyTorch twin's values, from Fixtures/normalization_networks.json (made by make_normalization_fixtures.py).</summary>
    private sealed record Fixture(string[] Names, double[] Parameters, double[] State0, double[] Inputs, double[] Targets, double[] Outputs, double Loss, double[] Gradients, double[] State1, double[] EvalInputs, double[] EvalOutputs, double[] Inputs2, double[] State2, double[] EvalOutputs2)
    {
        private static readonly Lazy<JsonDocument> s_document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "normalization_networks.json"))));

        public static Fixture Of(string name)
        {
            JsonElement network = s_document.Value.RootElement.GetProperty(name);
            double[] Values(string key) => network.GetProperty(key).EnumerateArray().Select(value => value.GetDouble()).ToArray();
            return new Fixture(
                network.GetProperty("names").EnumerateArray().Select(value => value.GetString()!).ToArray(),
                Values("parameters"),
                Values("state0"),
                Values("inputs"),
                Values("targets"),
                Values("outputs"),
                network.GetProperty("loss").GetDouble(),
                Values("gradients"),
                Values("state1"),
                Values("evalInputs"),
                Values("evalOutputs"),
                Values("inputs2"),
                Values("state2"),
                Values("evalOutputs2"));
        }
    }
}
