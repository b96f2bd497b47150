namespace NetGen.Schedules;

/// <summary>What the time of a <see cref="LearningRateSchedule"/> counts.</summary>
public enum ScheduleUnit
{
    /// <summary>Completed epochs: the rate is set once before each epoch (PyTorch's usual <c>scheduler.step()</c> per epoch).</summary>
    Epoch = 0,

    /// <summary>Completed optimizer steps: the rate is set before every update (Keras' schedules).</summary>
    Step = 1,
}
