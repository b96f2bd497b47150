using System;

namespace NetGen.Schedules;

/// <summary>Exponential decay: <c>lr0 * gamma^t</c>.</summary>
public sealed class ExponentialDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at <c>t = 0</c>.</param>
    /// <param name="gamma">The factor per unit, in (0, 1].</param>
    public ExponentialDecaySchedule(float initial, float gamma)
    {
        RequireRate(initial, nameof(initial));
        if (!(gamma > 0f && gamma <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
        }

        Initial = initial;
        Gamma = gamma;
    }

    /// <summary>The rate at <c>t = 0</c>.</summary>
    public float Initial { get; }

    /// <summary>The factor per unit.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public override float LearningRate(long t)
    {
        RequireTime(t);
        return (float)(Initial * Math.Pow(Gamma, t));
    }
}
