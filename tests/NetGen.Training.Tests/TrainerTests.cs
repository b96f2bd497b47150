using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Schedules;
using NetGen.Tests.Shared;
using NetGen.Training;
using Xunit;

namespace NetGen.Training.Tests;

public class TrainerTests
{
    private static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }

    [Fact]
    public void Mini_batch_training_learns_a_linear_function()
    {
        Dataset data = TestData.Linear(200, seed: 1);
        var network = new LinearNet(seed: 1);
        TrainingHistory history = network.Fit(data, new FitOptions { Epochs = 30, Seed = 2 });
        Assert.Equal(30, history.Epochs.Count);
        Assert.Equal(30 * 50, network.Step);
        Assert.True(Metric.R2.Score(network, data) > 0.999);
        float[] p = Parameters(network);
        Assert.Equal(2f, p[0], 1);
        Assert.Equal(-3f, p[1], 1);
        Assert.Equal(1f, p[2], 1);
    }

    [Fact]
    public void Full_batch_accumulates_chunks_into_exactly_the_update_of_one_big_step()
    {
        Dataset data = TestData.Linear(10, seed: 3);
        var chunked = new LinearNet(seed: 5);
        chunked.Fit(data, new FitOptions { Epochs = 3, Mode = GradientDescentMode.FullBatch });
        Assert.Equal(3, chunked.Step);

        var whole = new WideLinearNet(seed: 5);
        Assert.Equal(Parameters(whole), Parameters(new LinearNet(seed: 5)));
        for (int i = 0; i < 3; i++)
        {
            whole.TrainStep(data.Features, data.Targets);
        }

        float[] expected = Parameters(whole);
        float[] actual = Parameters(chunked);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void Stochastic_mode_takes_one_update_per_row_and_large_mini_batches_accumulate()
    {
        Dataset data = TestData.Linear(37, seed: 4);
        var stochastic = new LinearNet(seed: 1);
        stochastic.Fit(data, new FitOptions { Epochs = 2, Mode = GradientDescentMode.Stochastic });
        Assert.Equal(74, stochastic.Step);

        var large = new LinearNet(seed: 1);
        large.Fit(data, new FitOptions { Epochs = 2, BatchSize = 10 }); // 10 > BatchSize 4: accumulated
        Assert.Equal(8, large.Step);
        Assert.Throws<ArgumentException>(() => new LinearNet().Fit(data, new FitOptions { Mode = GradientDescentMode.Stochastic, BatchSize = 5 }));
    }

    [Fact]
    public void The_same_seeds_give_the_same_run_and_another_shuffle_seed_another()
    {
        Dataset data = TestData.Blobs(90, seed: 2);
        var options = new FitOptions { Epochs = 4, Seed = 11, Validation = data, Metrics = [Metric.Accuracy] };
        var a = new ClassifierNet(seed: 3);
        var b = new ClassifierNet(seed: 3);
        var c = new ClassifierNet(seed: 3);
        TrainingHistory ha = a.Fit(data, options);
        TrainingHistory hb = b.Fit(data, options);
        c.Fit(data, new FitOptions { Epochs = 4, Seed = 12 });
        Assert.Equal(Parameters(a), Parameters(b));
        Assert.Equal(ha.Losses, hb.Losses);
        Assert.Equal(ha.Values("accuracy"), hb.Values("accuracy"));
        Assert.Equal(ha.Values("val_accuracy"), hb.Values("val_accuracy"));
        Assert.NotEqual(Parameters(a), Parameters(c));
    }

    [Fact]
    public void A_NaN_loss_stops_training_naming_epoch_and_step_without_applying_the_update()
    {
        Dataset clean = TestData.Linear(12, seed: 6);
        float[] features = clean.Features.ToArray();
        features[(9 * 2) + 1] = float.NaN; // row 9: third batch of 4 rows, in order
        var data = new Dataset(features, 2, clean.Targets.ToArray(), 1);
        var network = new LinearNet(seed: 1);
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => network.Fit(data, new FitOptions { Epochs = 5, Shuffle = false }));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(3, error.Step);
        Assert.Equal(2, error.Batch);
        Assert.Contains("epoch 1, step 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, network.Step);
        Assert.All(Parameters(network), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void An_exploding_learning_rate_is_caught_in_a_later_epoch()
    {
        Dataset data = TestData.Linear(16, seed: 7);
        var network = new LinearNet(seed: 1) { LearningRate = 50f };
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => network.Fit(data, new FitOptions { Epochs = 200 }));
        Assert.True(error.Step > 1);
        Assert.Contains($"epoch {error.Epoch}, step {error.Step}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_weights()
    {
        // Validation targets are the negated function: once training fits the training rows,
        // the validation loss can only grow, so the best epoch comes early.
        Dataset train = TestData.Linear(64, seed: 8);
        float[] flipped = train.Targets.ToArray();
        for (int i = 0; i < flipped.Length; i++)
        {
            flipped[i] = -flipped[i] + 0.5f;
        }

        Dataset validation = train.WithTargets(flipped, 1);
        var network = new LinearNet(seed: 2) { LearningRate = 0.02f };
        var recorder = new ParameterRecorder(network);
        TrainingHistory history = network.Fit(train, new FitOptions
        {
            Epochs = 100,
            Validation = validation,
            EarlyStopping = new EarlyStopping { Patience = 3 },
            Callbacks = [recorder],
        });

        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        int best = history.BestEpoch!.Value;
        double[] validationLosses = history.ValidationLosses;
        Assert.Equal(best + 3, history.Epochs.Count);
        Assert.Equal(validationLosses[best - 1], validationLosses.AsSpan(0, history.Epochs.Count).ToArray().Min());
        Assert.Equal(recorder.Snapshots[best - 1], Parameters(network));
        Assert.NotEqual(recorder.Snapshots[^1], Parameters(network));
        Assert.Contains("did not improve for 3 epochs", history.StopMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_stopping_on_a_metric_maximises_it()
    {
        Dataset data = TestData.Blobs(60, seed: 4);
        var network = new ClassifierNet(seed: 1);
        TrainingHistory history = network.Fit(data, new FitOptions
        {
            Epochs = 40,
            Validation = data,
            Metrics = [Metric.Accuracy],
            EarlyStopping = new EarlyStopping { Monitor = "val_accuracy", Patience = 2 },
        });
        double[] accuracy = history.Values("val_accuracy");
        Assert.Equal(accuracy.Max(), accuracy[history.BestEpoch!.Value - 1]);
        Assert.Throws<ArgumentException>(() => network.Fit(data, new FitOptions { EarlyStopping = new EarlyStopping() })); // val_loss without validation
        Assert.Throws<ArgumentException>(() => network.Fit(data, new FitOptions { Validation = data, EarlyStopping = new EarlyStopping { Monitor = "f2" } }));
    }

    [Fact]
    public void Schedules_set_the_learning_rate_per_epoch_or_per_step()
    {
        Dataset data = TestData.Linear(20, seed: 9);
        var network = new LinearNet(seed: 1);
        TrainingHistory history = network.Fit(data, new FitOptions { Epochs = 4, Schedule = LearningRateSchedule.StepDecay(0.1f, 2, 0.5f) });
        Assert.Equal(new[] { 0.1, 0.1, 0.05, 0.05 }, history.Values("lr").Select(v => Math.Round(v, 6)));

        var rates = new RateRecorder(network);
        LearningRateSchedule perStep = LearningRateSchedule.InverseSquareRoot(0.2f);
        network.Fit(data, new FitOptions { Epochs = 2, Schedule = perStep, ScheduleUnit = ScheduleUnit.Step, Callbacks = [rates] });
        for (int i = 0; i < rates.Steps.Count; i++)
        {
            Assert.Equal(perStep.LearningRate(rates.Steps[i] - 1), rates.Rates[i]);
        }

        Assert.Equal(10, rates.Steps.Count);
    }

    [Fact]
    public void Progress_and_callbacks_see_every_epoch_and_a_callback_can_stop()
    {
        Dataset data = TestData.Linear(20, seed: 10);
        var reports = new List<EpochReport>();
        var stopper = new StopAfter(2);
        TrainingHistory history = new LinearNet(seed: 1).Fit(data, new FitOptions { Epochs = 10, Progress = new SynchronousProgress(reports), Callbacks = [stopper] });
        Assert.Equal(2, reports.Count);
        Assert.Equal(StopReason.Callback, history.StopReason);
        Assert.Equal("enough", history.StopMessage);
        Assert.True(reports[0].RowsPerSecond > 0);
        Assert.Contains("epoch 1/10", reports[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_does_not_fit_the_network_is_rejected_with_both_sizes()
    {
        var data = new Dataset(new float[6], 3, new float[2], 1);
        ArgumentException error = Assert.Throws<ArgumentException>(() => new LinearNet().Fit(data));
        Assert.Contains("3 features", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_schedule_unit_is_an_argument_error_rather_than_no_schedule()
    {
        Dataset data = TestData.Linear(32, seed: 1);
        var options = new FitOptions { Epochs = 1, Schedule = LearningRateSchedule.Constant(0.5f), ScheduleUnit = (ScheduleUnit)7 };
        Assert.Contains("ScheduleUnit", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearNet().Fit(data, options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_of_the_fit_loop_allocates_nothing()
    {
        Dataset data = TestData.Blobs(400, seed: 5);
        var probe = new AllocationProbe(capacity: 4 * 50);
        var network = new ClassifierNet(seed: 1);
        network.Fit(data, new FitOptions
        {
            Epochs = 4,
            Schedule = LearningRateSchedule.CosineAnnealing(0.01f, 200).WithWarmup(10),
            ScheduleUnit = ScheduleUnit.Step,
            Callbacks = [probe],
        });

        // Between two batch ends of one epoch there is exactly one update: it must allocate nothing.
        // (The first epoch is skipped: the JIT and static initialisers may allocate on first use.)
        Assert.Equal(200, probe.Count);
        for (int i = 51; i < probe.Count; i++)
        {
            if (probe.Batches[i] > 0)
            {
                Assert.True(probe.Bytes[i] == probe.Bytes[i - 1], $"batch {probe.Batches[i]} of epoch {probe.Epochs[i]} allocated {probe.Bytes[i] - probe.Bytes[i - 1]} bytes");
            }
        }
    }

    private sealed class ParameterRecorder(INetwork network) : ITrainingCallback
    {
        public List<float[]> Snapshots { get; } = [];

        public void OnEpochEnd(EpochReport report, TrainingControl control) => Snapshots.Add(Parameters(network));
    }

    private sealed class RateRecorder(INetwork network) : ITrainingCallback
    {
        public List<long> Steps { get; } = [];

        public List<float> Rates { get; } = [];

        public void OnBatchEnd(in BatchReport report)
        {
            Steps.Add(report.Step);
            Rates.Add(network.LearningRate);
        }
    }

    private sealed class StopAfter(int epochs) : ITrainingCallback
    {
        public void OnEpochEnd(EpochReport report, TrainingControl control)
        {
            if (report.Epoch >= epochs)
            {
                control.RequestStop("enough");
            }
        }
    }

    private sealed class SynchronousProgress(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }

    private sealed class AllocationProbe(int capacity) : ITrainingCallback
    {
        public long[] Bytes { get; } = new long[capacity];

        public int[] Batches { get; } = new int[capacity];

        public int[] Epochs { get; } = new int[capacity];

        public int Count { get; private set; }

        public void OnBatchEnd(in BatchReport report)
        {
            Bytes[Count] = ThreadAllocation.Start();
            Batches[Count] = report.Batch;
            Epochs[Count] = report.Epoch;
            Count++;
        }
    }
}
