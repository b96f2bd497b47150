using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NetGen.ModelSelection;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using NetGen.Training;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// The rules every training call keeps: a step whose loss or gradient is not finite changes nothing and says what was not
/// finite; hyperparameters that cannot work are refused with their range; and a network used from two threads at once
/// refuses the second call instead of corrupting itself or waiting forever.
/// </summary>
public class StepSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void A_step_on_a_NaN_input_is_refused_and_changes_nothing()
    {
        var network = new SmallDropoutAdamNet(seed: 1);
        float[] inputs = TestData.Inputs(network, 4, seed: 1);
        float[] targets = TestData.Targets(network, 4, seed: 2);
        network.TrainStep(inputs, targets);
        byte[] before = Checkpoint(network);

        inputs[7] = float.NaN;
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => network.TrainStep(inputs, targets));
        Assert.Contains("inputs[7] is NaN (row 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Step);
        Assert.Equal(before, Checkpoint(network));
        Assert.Equal(1, network.Step);
    }

    [Fact]
    public void A_clipped_step_on_an_infinite_target_is_refused_and_changes_nothing()
    {
        var network = new SmallDropoutAdamNet(seed: 1) { ClipNorm = 1f };
        float[] inputs = TestData.Inputs(network, 4, seed: 1);
        float[] targets = TestData.Targets(network, 4, seed: 2);
        targets[2] = float.PositiveInfinity;
        byte[] before = Checkpoint(network);
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => network.TrainStep(inputs, targets));
        Assert.Contains("targets[2] is Infinity (row 0)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Checkpoint(network));
    }

    [Fact]
    public void A_fused_step_whose_gradient_would_overflow_is_refused_before_any_update()
    {
        // Huge inputs with a cross-entropy: the loss is finite (the logits are), but the weight gradient is not representable.
        var network = new OverflowProbe(seed: 3);
        network.ImportParameters([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
        float[] inputs = [2e30f, -2e30f, 0f, 0f];
        float[] targets = [0f, 1f];
        byte[] before = Checkpoint(network);
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => network.TrainStep(inputs, targets));
        Assert.Contains("gradient of step 1 is not finite", error.Message, StringComparison.Ordinal);
        Assert.True(float.IsFinite(error.Loss), $"the loss {error.Loss} is finite; the gradient is what overflows");
        Assert.Equal(before, Checkpoint(network));
        Assert.Equal(0, network.Step);
    }

    [Fact]
    public void ApplyGradients_refuses_a_gradient_that_is_not_finite()
    {
        var network = new SmallDropoutAdamNet(seed: 1);
        float[] inputs = TestData.Inputs(network, 4, seed: 1);
        float[] targets = TestData.Targets(network, 4, seed: 2);
        inputs[0] = float.NegativeInfinity;
        Assert.True(float.IsNaN(network.ComputeGradients(inputs, targets)));
        byte[] before = Checkpoint(network);
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(network.ApplyGradients);
        Assert.Contains("has norm NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Checkpoint(network));
    }

    [Fact]
    public void Fit_names_the_epoch_and_batch_of_a_refused_step_and_keeps_the_last_good_parameters()
    {
        var network = new SmallDropoutAdamNet(seed: 1);
        float[] inputs = TestData.Inputs(network, 12, seed: 1);
        inputs[30] = float.NaN;
        var data = new NetGen.Data.Dataset(inputs, SmallDropoutAdamNet.InputSize, TestData.Targets(network, 12, seed: 2), SmallDropoutAdamNet.OutputSize);
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => network.Fit(data, new FitOptions { Epochs = 1, BatchSize = 4, Shuffle = false }));
        Assert.Contains("epoch 1", error.Message, StringComparison.Ordinal);
        Assert.All(TestData.Parameters(network), value => Assert.True(float.IsFinite(value)));
    }

    [Theory]
    [InlineData(nameof(Hyperparameters.LearningRate), float.MaxValue, "finite and in [0, 1000000]")]
    [InlineData(nameof(Hyperparameters.LearningRate), -0f, "not negative zero")]
    [InlineData(nameof(Hyperparameters.Epsilon), 1e-40f, "at least 1.1754944E-38 (the smallest normal float)")]
    [InlineData(nameof(Hyperparameters.L2), float.PositiveInfinity, "finite and at least 0")]
    public void Hyperparameters_that_cannot_work_are_refused_with_their_range(string name, float value, string range)
    {
        var network = new SmallDropoutAdamNet(seed: 1);
        Hyperparameters before = network.Hyperparameters;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.Hyperparameters = before.With(Enum.Parse<Hyperparameter>(name), value));
        Assert.Equal(name, error.ParamName);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, network.Hyperparameters);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Training_from_two_threads_at_once_is_refused_never_deadlocks_and_corrupts_nothing(int threads)
    {
        var network = new PixelFlattenNet(seed: 1) { Threads = threads };
        float[] inputs = TestData.Inputs(network, PixelFlattenNet.BatchSize, seed: 1);
        float[] targets = TestData.Targets(network, PixelFlattenNet.BatchSize, seed: 2);
        int refused = 0;
        int completed = 0;
        int rounds = 0;
        using var start = new Barrier(2);
        void Train()
        {
            start.SignalAndWait();
            for (int call = 0; call < 300; call++)
            {
                try
                {
                    network.TrainStep(inputs, targets);
                    Interlocked.Increment(ref completed);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("already running a call on another thread", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }

        // Two threads overlap only when the scheduler runs them at once; on a loaded machine a round may not, so rounds
        // repeat (up to 30 s) until one does. A deadlock would never finish: WaitAsync turns it into a TimeoutException.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            rounds++;
            await Task.WhenAll(Task.Run(Train), Task.Run(Train)).WaitAsync(TimeSpan.FromSeconds(60));
        }
        while (refused == 0 && clock.Elapsed < TimeSpan.FromSeconds(30));

        output.WriteLine($"{threads} thread(s) per call: {rounds} rounds of 600 concurrent TrainStep calls, {completed} completed, {refused} refused");
        Assert.Equal(600 * rounds, completed + refused);
        Assert.True(refused > 0, "no concurrent call was detected in 30 s");
        Assert.Equal(completed, network.Step);
        Assert.All(TestData.Parameters(network), value => Assert.True(float.IsFinite(value)));
        network.Threads = 1;
    }

    [Fact]
    public async Task Predicting_from_two_threads_at_once_never_returns_a_wrong_output()
    {
        INetwork network = new BottleneckNet(seed: 2);
        float[][] rows = Enumerable.Range(0, 2).Select(seed => TestData.Inputs(network, 1, seed)).ToArray();
        float[][] expected = rows.Select(row => { var y = new float[network.OutputSize]; network.Predict(row, y); return y; }).ToArray();
        int wrong = 0;
        int refused = 0;
        using var start = new Barrier(2);
        void Predict(int which)
        {
            var y = new float[network.OutputSize];
            start.SignalAndWait();
            for (int call = 0; call < 20_000; call++)
            {
                try
                {
                    network.Predict(rows[which], y);
                    if (!y.AsSpan().SequenceEqual(expected[which]))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Predict(0)), Task.Run(() => Predict(1))).WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"40,000 concurrent Predict calls: {refused} refused, {wrong} wrong");
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Calls_from_other_threads_one_after_another_all_run_and_agree()
    {
        // The guard refuses overlapping calls only: calls from other threads that do not overlap all run.
        INetwork network = new BottleneckNet(seed: 2);
        float[] row = TestData.Inputs(network, 1, seed: 1);
        var first = new float[network.OutputSize];
        network.Predict(row, first);
        for (int hop = 0; hop < 3; hop++)
        {
            var y = new float[network.OutputSize];
            Exception? error = null;
            var other = new Thread(() =>
            {
                try
                {
                    network.Predict(row, y);
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            other.Start();
            other.Join();
            Assert.Null(error);
            Assert.Equal(first, y);
            network.Predict(row, y);
            Assert.Equal(first, y);
        }
    }

    private static byte[] Checkpoint(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }
}
