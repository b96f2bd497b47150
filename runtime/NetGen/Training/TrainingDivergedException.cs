using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// The training loss became NaN or infinite. The update that would have used it was not applied,
/// so the network keeps the parameters of the step before (usable, but diverging: lower the
/// learning rate, clip gradients with ClipNorm, or scale the inputs).
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception for a non-finite loss.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">The optimizer step the loss belonged to, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 0.</param>
    /// <param name="loss">The loss (NaN or infinite).</param>
    public TrainingDivergedException(int epoch, long step, int batch, float loss)
        : base(string.Create(CultureInfo.InvariantCulture, $"The training loss became {loss} at epoch {epoch}, step {step} (batch {batch} of the epoch); the update was not applied. Lower the learning rate, clip gradients (ClipNorm) or scale the inputs."))
    {
        Epoch = epoch;
        Step = step;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TrainingDivergedException()
        : this("The training loss became NaN or infinite.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
        Loss = float.NaN;
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Loss = float.NaN;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The optimizer step the loss belonged to, from 1.</summary>
    public long Step { get; }

    /// <summary>The batch within the epoch, from 0.</summary>
    public int Batch { get; }

    /// <summary>The non-finite loss.</summary>
    public float Loss { get; }
}
