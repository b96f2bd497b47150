using System;

namespace NetGen.Schedules;

/// <summary>Inverse square-root decay: <c>lr0 / (sqrt(t) + beta)</c>; with <c>beta = 1</c> the first rate is <c>lr0</c>.</summary>
public sealed class InverseSquareRootSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The numerator <c>lr0</c>.</param>
    /// <param name="beta">The offset, greater than 0 (the rate at <c>t = 0</c> is <c>lr0 / beta</c>).</param>
    public InverseSquareRootSchedule(float initial, float beta = 1f)
    {
        RequireRate(initial, nameof(initial));
        if (!(beta > 0f && float.IsFinite(beta)))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be finite and greater than 0, so that the rate at t = 0 is finite.");
        }

        Initial = initial;
        Beta = beta;
    }

    /// <summary>The numerator <c>lr0</c>.</summary>
    public float Initial { get; }

    /// <summary>The offset.</summary>
    public float Beta { get; }

    /// <inheritdoc/>
    public override float LearningRate(long t)
    {
        RequireTime(t);
        return (float)(Initial / (Math.Sqrt(t) + Beta));
    }
}
