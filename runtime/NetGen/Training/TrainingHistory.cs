using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace NetGen.Training;

/// <summary>The record of one <see cref="Trainer.Fit"/> run: a report per epoch, and how it ended.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(List<EpochReport> epochs, StopReason stopReason, int? bestEpoch, string? stopMessage)
    {
        Epochs = new ReadOnlyCollection<EpochReport>(epochs);
        StopReason = stopReason;
        BestEpoch = bestEpoch;
        StopMessage = stopMessage;
    }

    /// <summary>The report of every epoch run, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs { get; }

    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>The epoch (from 1) with the best monitored value when early stopping was used, else null.</summary>
    public int? BestEpoch { get; }

    /// <summary>A sentence saying why training stopped before the last epoch, or null.</summary>
    public string? StopMessage { get; }

    /// <summary>The value <paramref name="name"/> (<c>loss</c>, <c>val_loss</c>, <c>lr</c> or a metric name) of every epoch.</summary>
    public double[] Values(string name)
    {
        var values = new double[Epochs.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Epochs[i].Value(name);
        }

        return values;
    }

    /// <summary>The training loss of every epoch.</summary>
    public double[] Losses => Values("loss");

    /// <summary>The validation loss of every epoch (NaN without validation data).</summary>
    public double[] ValidationLosses => Values("val_loss");

    /// <summary>The last epoch's report.</summary>
    /// <exception cref="InvalidOperationException">No epoch ran.</exception>
    public EpochReport Last => Epochs.Count > 0 ? Epochs[^1] : throw new InvalidOperationException("No epoch ran.");
}
