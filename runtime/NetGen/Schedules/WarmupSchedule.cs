using System;

namespace NetGen.Schedules;

/// <summary>
/// A linear warm-up composed with another schedule. For <c>t &lt; length</c> the rate is
/// <c>peak * (startFactor + (1 - startFactor) * (t + 1) / length)</c> with <c>peak</c> the other
/// schedule's rate at 0, so it reaches <c>peak</c> at the last warm-up unit; from
/// <c>t = length</c> on it is the other schedule's rate at <c>t - length</c>.
/// </summary>
public sealed class WarmupSchedule : LearningRateSchedule
{
    /// <summary>Creates the composition.</summary>
    /// <param name="length">Warm-up units, at least 1.</param>
    /// <param name="after">The schedule that follows the warm-up.</param>
    /// <param name="startFactor">The share of the peak the rise starts from, in [0, 1).</param>
    public WarmupSchedule(int length, LearningRateSchedule after, float startFactor = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentNullException.ThrowIfNull(after);
        if (!(startFactor >= 0f && startFactor < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "startFactor must be in [0, 1).");
        }

        Length = length;
        After = after;
        StartFactor = startFactor;
    }

    /// <summary>Warm-up units.</summary>
    public int Length { get; }

    /// <summary>The schedule that follows the warm-up.</summary>
    public LearningRateSchedule After { get; }

    /// <summary>The share of the peak the rise starts from.</summary>
    public float StartFactor { get; }

    /// <inheritdoc/>
    public override float LearningRate(long t)
    {
        RequireTime(t);
        if (t >= Length)
        {
            return After.LearningRate(t - Length);
        }

        double factor = StartFactor + ((1.0 - StartFactor) * (t + 1) / Length);
        return (float)(After.LearningRate(0) * factor);
    }
}
