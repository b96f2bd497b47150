using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Training;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> gave.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The number of epochs asked for.</param>
/// <param name="Step">The network's optimizer step count after the epoch.</param>
/// <param name="Loss">The mean training loss of the epoch's batches (training mode, before each update), weighted by rows.</param>
/// <param name="ValidationLoss">The mean loss on the validation rows after the epoch, or NaN without validation data.</param>
/// <param name="Metrics">The metrics of <see cref="FitOptions.Metrics"/> as Keras names them: on the epoch's training batches
/// under the metric's name (<c>accuracy</c>), on the validation rows with the prefix <c>val_</c> (<c>val_accuracy</c>).</param>
/// <param name="LearningRate">The learning rate of the epoch's last update.</param>
/// <param name="RowsPerSecond">Training rows processed per second in this epoch.</param>
/// <param name="Duration">The time the epoch took, validation included.</param>
/// <param name="Elapsed">The time since the run started.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    long Step,
    double Loss,
    double ValidationLoss,
    IReadOnlyDictionary<string, double> Metrics,
    float LearningRate,
    double RowsPerSecond,
    TimeSpan Duration,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The value monitored under <paramref name="name"/>: <c>loss</c>, <c>val_loss</c>,
    /// <c>lr</c>, or a metric name.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such value was recorded.</exception>
    public double Value(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "loss" => Loss,
            "val_loss" => ValidationLoss,
            "lr" => LearningRate,
            _ when Metrics.TryGetValue(name, out double value) => value,
            _ => throw new KeyNotFoundException($"Epoch {Epoch} recorded no value named '{name}' (loss, val_loss, lr{(Metrics.Count > 0 ? ", " : "")}{string.Join(", ", Metrics.Keys)})."),
        };
    }

    /// <summary>The estimated time to finish the remaining epochs at this epoch's pace.</summary>
    public TimeSpan Remaining => Duration * (Epochs - Epoch);

    /// <summary>One line such as <c>epoch 3/10  loss 0.2311  accuracy 0.9350  val_loss 0.2510  val_accuracy 0.9310  lr 0.01  52000 rows/s</c>:
    /// the training values, then the validation ones, in Keras's order.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {Epoch}/{Epochs}  loss {Loss:F4}");
        AppendMetrics(text, validation: false);
        if (!double.IsNaN(ValidationLoss))
        {
            text.Append(CultureInfo.InvariantCulture, $"  val_loss {ValidationLoss:F4}");
        }

        AppendMetrics(text, validation: true);
        text.Append(CultureInfo.InvariantCulture, $"  lr {LearningRate:G4}  {RowsPerSecond:F0} rows/s");
        return text.ToString();
    }

    private void AppendMetrics(StringBuilder text, bool validation)
    {
        foreach (KeyValuePair<string, double> metric in Metrics)
        {
            if (metric.Key.StartsWith("val_", StringComparison.Ordinal) == validation)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {metric.Key} {metric.Value:F4}");
            }
        }
    }
}
