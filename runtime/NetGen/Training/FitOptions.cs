using System;
using System.Collections.Generic;
using System.Threading;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Schedules;

namespace NetGen.Training;

/// <summary>The settings of one <see cref="Trainer.Fit"/> run. Every property has a usable default.</summary>
public sealed class FitOptions
{
    /// <summary>Passes over the training set (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per update in <see cref="GradientDescentMode.MiniBatch"/> mode; null means the network's BatchSize.
    /// A batch larger than the network's BatchSize is accumulated over chunks into one update.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Mini-batch (default), stochastic or full-batch gradient descent.</summary>
    public GradientDescentMode Mode { get; init; } = GradientDescentMode.MiniBatch;

    /// <summary>Whether the rows are put in a new random order each epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the shuffles. The same network seed, data and options give the same run.</summary>
    public int Seed { get; init; }

    /// <summary>Rows evaluated after every epoch (loss and <see cref="Metrics"/>), or null.</summary>
    public Dataset? Validation { get; init; }

    /// <summary>
    /// Metrics reported after every epoch, named as Keras names them: on the epoch's own training batches under the metric's
    /// name (<c>accuracy</c>), and on <see cref="Validation"/> with the prefix <c>val_</c> (<c>val_accuracy</c>).
    /// </summary>
    /// <remarks>
    /// The training value scores each batch's outputs as the batch is trained, with the weights of that update and in
    /// inference mode (dropout off), so it costs one forward pass per batch; the mean training loss is the loss of the same
    /// batches in training mode. Outputs that are logits are turned into probabilities first.
    /// </remarks>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    /// <summary>The learning-rate schedule, or null to keep the network's learning rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Whether the schedule's time counts epochs (default) or optimizer steps.</summary>
    public ScheduleUnit ScheduleUnit { get; init; } = ScheduleUnit.Epoch;

    /// <summary>Stops when a monitored value stops improving, or null to run every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Called after every batch and epoch.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Receives a report after every epoch, on the training thread.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>Stops training between updates when cancelled; <see cref="Trainer.Fit"/> then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
