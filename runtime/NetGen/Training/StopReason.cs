namespace NetGen.Training;

/// <summary>Why <see cref="Trainer.Fit"/> ended.</summary>
public enum StopReason
{
    /// <summary>Every epoch ran.</summary>
    Completed = 0,

    /// <summary>The monitored value stopped improving (see <see cref="EarlyStopping"/>).</summary>
    EarlyStopping = 1,

    /// <summary>A callback asked to stop (see <see cref="TrainingControl.RequestStop"/>).</summary>
    Callback = 2,
}
