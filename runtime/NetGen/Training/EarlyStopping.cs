using System;

namespace NetGen.Training;

/// <summary>
/// Stops training when a monitored value has not improved by more than <see cref="MinDelta"/>
/// for <see cref="Patience"/> epochs in a row, and (by default) puts back the parameters of the
/// best epoch, as Keras' <c>EarlyStopping(restore_best_weights=True)</c>.
/// </summary>
public sealed class EarlyStopping
{
    /// <summary>The value watched: <c>val_loss</c> (default), <c>loss</c>, or the name of a metric in <see cref="FitOptions.Metrics"/>:
    /// <c>val_accuracy</c> on the validation rows, <c>accuracy</c> on the training batches (as Keras names them).</summary>
    public string Monitor { get; init; } = "val_loss";

    /// <summary>Epochs without improvement tolerated before stopping (default 5, at least 1).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>The smallest change that counts as an improvement (default 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// Whether the parameters of the best epoch are restored when training ends (default true),
    /// whether it stopped early or ran every epoch. The optimizer state is kept as it is.
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Monitor);
        ArgumentOutOfRangeException.ThrowIfLessThan(Patience, 1);
        if (!(MinDelta >= 0) || double.IsInfinity(MinDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "MinDelta must be finite and at least 0.");
        }
    }
}
