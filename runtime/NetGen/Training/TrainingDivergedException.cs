using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// A training step's loss or gradient was NaN or infinite. The step was not applied: no
/// parameter, no optimizer state and not <c>Step</c> changed, so the network keeps the
/// parameters of the step before (usable, but diverging: lower the learning rate, clip
/// gradients with ClipNorm, or check the inputs and targets for NaN or infinity).
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

    /// <summary>Creates the exception for a step of one network, with the reason in <paramref name="message"/>.</summary>
    /// <param name="message">What was not finite, and that nothing changed.</param>
    /// <param name="step">The optimizer step that was refused, from 1.</param>
    /// <param name="loss">The loss of the step (NaN when the loss was finite but the gradient was not).</param>
    internal TrainingDivergedException(string message, long step, float loss)
        : base(message)
    {
        Step = step;
        Loss = loss;
    }

    /// <summary>Creates the exception for a step refused inside <c>Fit</c>, adding where it happened to the network's message.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 0.</param>
    /// <param name="inner">The exception the network threw.</param>
    internal TrainingDivergedException(int epoch, int batch, TrainingDivergedException inner)
        : base(string.Create(CultureInfo.InvariantCulture, $"At epoch {epoch}, batch {batch} of the epoch: {inner?.Message}"), inner)
    {
        Epoch = epoch;
        Step = inner!.Step;
        Batch = batch;
        Loss = inner.Loss;
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
