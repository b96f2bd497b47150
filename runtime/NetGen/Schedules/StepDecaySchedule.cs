using System;

namespace NetGen.Schedules;

/// <summary>Step decay: <c>lr0 * gamma^floor(t / stepSize)</c>, the rate multiplied by <c>gamma</c> every <c>stepSize</c> units.</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at <c>t = 0</c>.</param>
    /// <param name="stepSize">Units between decays, at least 1.</param>
    /// <param name="gamma">The factor of each decay, in (0, 1].</param>
    public StepDecaySchedule(float initial, int stepSize, float gamma)
    {
        RequireRate(initial, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        if (!(gamma > 0f && gamma <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
        }

        Initial = initial;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The rate at <c>t = 0</c>.</summary>
    public float Initial { get; }

    /// <summary>Units between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor of each decay.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public override float LearningRate(long t)
    {
        RequireTime(t);
        return (float)(Initial * Math.Pow(Gamma, t / StepSize));
    }
}
