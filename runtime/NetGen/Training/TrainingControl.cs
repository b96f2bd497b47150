namespace NetGen.Training;

/// <summary>Lets a callback stop the run of <see cref="Trainer.Fit"/> after the current epoch.</summary>
public sealed class TrainingControl
{
    internal TrainingControl()
    {
    }

    /// <summary>Whether a stop was requested.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Why the stop was requested, or null.</summary>
    public string? Reason { get; private set; }

    /// <summary>Asks the fit loop to stop after this epoch.</summary>
    public void RequestStop(string reason)
    {
        StopRequested = true;
        Reason = reason;
    }
}
