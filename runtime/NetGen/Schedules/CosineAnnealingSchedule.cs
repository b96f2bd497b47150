using System;

namespace NetGen.Schedules;

/// <summary>
/// Cosine annealing: <c>min + (lr0 - min) * (1 + cos(pi * t / period)) / 2</c>, falling from
/// <c>lr0</c> at <c>t = 0</c> to <c>min</c> at <c>t = period</c> and staying there.
/// </summary>
public sealed class CosineAnnealingSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at <c>t = 0</c>.</param>
    /// <param name="period">Units until the minimum, at least 1.</param>
    /// <param name="minimum">The final rate, at most <paramref name="initial"/>.</param>
    public CosineAnnealingSchedule(float initial, int period, float minimum = 0f)
    {
        RequireRate(initial, nameof(initial));
        RequireRate(minimum, nameof(minimum));
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (minimum > initial)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"The minimum must not exceed the initial rate {initial}.");
        }

        Initial = initial;
        Period = period;
        Minimum = minimum;
    }

    /// <summary>The rate at <c>t = 0</c>.</summary>
    public float Initial { get; }

    /// <summary>Units until the minimum.</summary>
    public int Period { get; }

    /// <summary>The final rate.</summary>
    public float Minimum { get; }

    /// <inheritdoc/>
    public override float LearningRate(long t)
    {
        RequireTime(t);
        double phase = Math.Min(t, Period) / (double)Period;
        return (float)(Minimum + ((Initial - Minimum) * (1 + Math.Cos(Math.PI * phase)) / 2));
    }
}
