namespace NetGen.Schedules;

/// <summary>The same learning rate at every time.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="learningRate">The rate, finite and at least 0.</param>
    public ConstantSchedule(float learningRate)
    {
        RequireRate(learningRate, nameof(learningRate));
        Rate = learningRate;
    }

    /// <summary>The rate.</summary>
    public float Rate { get; }

    /// <inheritdoc/>
    public override float LearningRate(long t)
    {
        RequireTime(t);
        return Rate;
    }
}
