using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every wrong length in the contract throws ArgumentException whose message names the expected
/// and the actual size, and leaves the network exactly as it was: parameters, optimizer state,
/// step, hyperparameters, dropout generator, gradient and accumulated rows.
/// </summary>
public class BadInputTests
{
    /// <summary>A wrong call, the length passed and the length (or bound) the message must name.</summary>
    private sealed record BadCall(Action<INetwork> Call, int Actual, int Expected);

    private static readonly Dictionary<string, Func<INetwork, BadCall>> s_cases = new()
    {
        ["Predict input one short"] = n => new(x => x.Predict(new float[n.InputSize - 1], new float[n.OutputSize]), n.InputSize - 1, n.InputSize),
        ["Predict input one long"] = n => new(x => x.Predict(new float[n.InputSize + 1], new float[n.OutputSize]), n.InputSize + 1, n.InputSize),
        ["Predict input of two rows"] = n => new(x => x.Predict(new float[2 * n.InputSize], new float[n.OutputSize]), 2 * n.InputSize, n.InputSize),
        ["Predict empty input"] = n => new(x => x.Predict([], new float[n.OutputSize]), 0, n.InputSize),
        ["Predict output one short"] = n => new(x => x.Predict(new float[n.InputSize], new float[n.OutputSize - 1]), n.OutputSize - 1, n.OutputSize),
        ["Predict output one long"] = n => new(x => x.Predict(new float[n.InputSize], new float[n.OutputSize + 1]), n.OutputSize + 1, n.OutputSize),
        ["PredictBatch zero rows"] = n => new(x => x.PredictBatch([], []), 0, n.InputSize),
        ["PredictBatch part of a row"] = n => new(x => x.PredictBatch(new float[(2 * n.InputSize) + 1], new float[2 * n.OutputSize]), (2 * n.InputSize) + 1, n.InputSize),
        ["PredictBatch rows beyond BatchSize"] = n => new(x => x.PredictBatch(new float[(n.BatchSize + 1) * n.InputSize], new float[(n.BatchSize + 1) * n.OutputSize]), (n.BatchSize + 1) * n.InputSize, n.BatchSize),
        ["PredictBatch outputs for fewer rows"] = n => new(x => x.PredictBatch(new float[2 * n.InputSize], new float[n.OutputSize]), n.OutputSize, 2 * n.OutputSize),
        ["PredictBatch outputs one long"] = n => new(x => x.PredictBatch(new float[2 * n.InputSize], new float[(2 * n.OutputSize) + 1]), (2 * n.OutputSize) + 1, 2 * n.OutputSize),
        ["TrainStep zero rows"] = n => Batch(n, (x, i, t) => x.TrainStep(i, t), rows: 0),
        ["TrainStep part of a row"] = n => Batch(n, (x, i, t) => x.TrainStep(i, t), rows: 2, extraInputs: 1),
        ["TrainStep rows beyond BatchSize"] = n => Batch(n, (x, i, t) => x.TrainStep(i, t), rows: n.BatchSize + 1),
        ["TrainStep targets for fewer rows"] = n => Batch(n, (x, i, t) => x.TrainStep(i, t), rows: 2, targetRows: 1),
        ["TrainStep targets for more rows"] = n => Batch(n, (x, i, t) => x.TrainStep(i, t), rows: 1, targetRows: 2),
        ["TrainStep targets one long"] = n => Batch(n, (x, i, t) => x.TrainStep(i, t), rows: 2, extraTargets: 1),
        ["ComputeGradients zero rows"] = n => Batch(n, (x, i, t) => x.ComputeGradients(i, t), rows: 0),
        ["ComputeGradients rows beyond BatchSize"] = n => Batch(n, (x, i, t) => x.ComputeGradients(i, t), rows: n.BatchSize + 1),
        ["ComputeGradients targets one short"] = n => Batch(n, (x, i, t) => x.ComputeGradients(i, t), rows: 2, extraTargets: -1),
        ["Evaluate part of a row"] = n => Batch(n, (x, i, t) => x.Evaluate(i, t), rows: 1, extraInputs: -1),
        ["Evaluate rows beyond BatchSize"] = n => Batch(n, (x, i, t) => x.Evaluate(i, t), rows: n.BatchSize + 1),
        ["Evaluate targets for fewer rows"] = n => Batch(n, (x, i, t) => x.Evaluate(i, t), rows: 2, targetRows: 1),
        ["AccumulateGradients zero rows"] = n => Batch(n, (x, i, t) => x.AccumulateGradients(i, t), rows: 0),
        ["AccumulateGradients rows beyond BatchSize"] = n => Batch(n, (x, i, t) => x.AccumulateGradients(i, t), rows: n.BatchSize + 1),
        ["AccumulateGradients targets one long"] = n => Batch(n, (x, i, t) => x.AccumulateGradients(i, t), rows: 1, extraTargets: 1),
        ["ExportParameters one short"] = n => new(x => x.ExportParameters(new float[n.ParameterCount - 1]), n.ParameterCount - 1, n.ParameterCount),
        ["ExportParameters one long"] = n => new(x => x.ExportParameters(new float[n.ParameterCount + 1]), n.ParameterCount + 1, n.ParameterCount),
        ["ImportParameters empty"] = n => new(x => x.ImportParameters([]), 0, n.ParameterCount),
        ["ImportParameters one short"] = n => new(x => x.ImportParameters(new float[n.ParameterCount - 1]), n.ParameterCount - 1, n.ParameterCount),
        ["ImportParameters one long"] = n => new(x => x.ImportParameters(new float[n.ParameterCount + 1]), n.ParameterCount + 1, n.ParameterCount),
        ["ExportGradients one short"] = n => new(x => x.ExportGradients(new float[n.ParameterCount - 1]), n.ParameterCount - 1, n.ParameterCount),
        ["ExportGradients one long"] = n => new(x => x.ExportGradients(new float[n.ParameterCount + 1]), n.ParameterCount + 1, n.ParameterCount),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string network in new[] { nameof(SmallDropoutAdamNet), nameof(SquaredErrorReluTanhNet) })
            {
                foreach (string name in s_cases.Keys)
                {
                    data.Add(network, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_wrong_length_throws_naming_both_sizes_and_changes_nothing(string network, string name)
    {
        INetwork subject = InNonTrivialState(network);
        BadCall bad = s_cases[name](subject);
        NetworkSnapshot before = NetworkSnapshot.Capture(subject);

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => bad.Call(subject));
        Assert.True(NamesNumber(error.Message, bad.Actual), $"{name}: the message does not name the actual length {bad.Actual}: {error.Message}");
        Assert.True(NamesNumber(error.Message, bad.Expected), $"{name}: the message does not name the expected size {bad.Expected}: {error.Message}");
        before.AssertUnchanged(subject, name);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ImportParameters_refuses_non_finite_values_and_changes_nothing(float bad)
    {
        INetwork subject = InNonTrivialState(nameof(SmallDropoutAdamNet));
        NetworkSnapshot before = NetworkSnapshot.Capture(subject);
        float[] parameters = TestData.Parameters(subject);
        parameters[^1] = bad;
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => subject.ImportParameters(parameters));
        Assert.True(NamesNumber(error.Message, parameters.Length - 1), $"the message does not name the index: {error.Message}");
        before.AssertUnchanged(subject, "ImportParameters with a non-finite value");
    }

    [Fact]
    public void Invalid_hyperparameters_are_refused_and_change_nothing()
    {
        INetwork subject = InNonTrivialState(nameof(SmallDropoutAdamNet));
        NetworkSnapshot before = NetworkSnapshot.Capture(subject);
        Hyperparameters h = subject.Hyperparameters;
        Hyperparameters[] invalid =
        [
            h with { LearningRate = -1f }, h with { LearningRate = float.NaN }, h with { Momentum = 1f }, h with { Dampening = 1.5f },
            h with { Beta1 = 1f }, h with { Beta2 = -0.1f }, h with { Epsilon = 0f }, h with { Rho = 1f }, h with { L1 = -1f },
            h with { L2 = float.PositiveInfinity }, h with { WeightDecay = -0.5f }, h with { ClipNorm = float.NaN },
        ];
        foreach (Hyperparameters value in invalid)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => subject.Hyperparameters = value);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => subject.LearningRate = -0.1f);
        before.AssertUnchanged(subject, "invalid hyperparameters");
    }

    [Fact]
    public void ApplyGradients_without_accumulated_rows_throws_and_changes_nothing()
    {
        INetwork subject = InNonTrivialState(nameof(SmallDropoutAdamNet));
        subject.ZeroGradients();
        NetworkSnapshot before = NetworkSnapshot.Capture(subject);
        Assert.Throws<InvalidOperationException>(subject.ApplyGradients);
        before.AssertUnchanged(subject, "ApplyGradients with nothing accumulated");

        // Applying the same accumulation twice is refused too.
        float[] inputs = TestData.Inputs(subject, 2, 3);
        subject.AccumulateGradients(inputs, TestData.Targets(subject, 2, 4));
        subject.ApplyGradients();
        NetworkSnapshot applied = NetworkSnapshot.Capture(subject);
        Assert.Throws<InvalidOperationException>(subject.ApplyGradients);
        applied.AssertUnchanged(subject, "a second ApplyGradients");
    }

    [Fact]
    public void Null_streams_are_refused()
    {
        INetwork subject = InNonTrivialState(nameof(SmallDropoutAdamNet));
        Assert.Throws<ArgumentNullException>(() => subject.Save(null!));
        Assert.Throws<ArgumentNullException>(() => subject.Restore(null!));
        Assert.Throws<ArgumentNullException>(() => SmallDropoutAdamNet.Load(null!));
    }

    private static BadCall Batch(INetwork n, Action<INetwork, float[], float[]> call, int rows, int targetRows = -1, int extraInputs = 0, int extraTargets = 0)
    {
        targetRows = targetRows < 0 ? rows : targetRows;
        var inputs = new float[Math.Max(0, (rows * n.InputSize) + extraInputs)];
        var targets = new float[Math.Max(0, (targetRows * n.OutputSize) + extraTargets)];
        bool inputsWrong = rows == 0 || rows > n.BatchSize || extraInputs != 0;
        return inputsWrong
            ? new BadCall(x => call(x, inputs, targets), inputs.Length, rows > n.BatchSize ? n.BatchSize : n.InputSize)
            : new BadCall(x => call(x, inputs, targets), targets.Length, rows * n.OutputSize);
    }

    /// <summary>A network that has trained, holds optimizer state and a gradient, and has drawn dropout masks.</summary>
    private static INetwork InNonTrivialState(string name)
    {
        INetwork network = name == nameof(SmallDropoutAdamNet) ? new SmallDropoutAdamNet(seed: 4) : NetworkCatalog.Create(name, 4);
        float[] inputs = TestData.Inputs(network, 2, 1);
        float[] targets = TestData.Targets(network, 2, 2);
        network.TrainStep(inputs, targets);
        network.TrainStep(inputs, targets);
        network.AccumulateGradients(inputs, targets);
        return network;
    }

    private static bool NamesNumber(string message, int number) => Regex.IsMatch(message, $@"(?<!\d|\d\.){number}(?!\d|\.\d)");
}
