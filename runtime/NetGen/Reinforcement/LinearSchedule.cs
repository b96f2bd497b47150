using System;

namespace NetGen.Reinforcement;

/// <summary>
/// A value that moves linearly from <see cref="Start"/> to <see cref="End"/> over <see cref="Steps"/> steps and then stays
/// at <see cref="End"/>: an exploration rate (epsilon from 1 to 0.05), an importance-sampling exponent (beta from 0.4 to 1),
/// an entropy coefficient.
/// </summary>
public readonly record struct LinearSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="start">The value at step 0, finite.</param>
    /// <param name="end">The value from step <paramref name="steps"/> on, finite.</param>
    /// <param name="steps">The steps the change takes, at least 1.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is below 1.</exception>
    public LinearSchedule(float start, float end, long steps)
    {
        Checks.Finite(start, nameof(start));
        Checks.Finite(end, nameof(end));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Start = start;
        End = end;
        Steps = steps;
    }

    /// <summary>The value at step 0.</summary>
    public float Start { get; }

    /// <summary>The value from step <see cref="Steps"/> on.</summary>
    public float End { get; }

    /// <summary>The steps the change takes.</summary>
    public long Steps { get; }

    /// <summary>The value at <paramref name="step"/>: <c>Start + (End - Start) * min(step, Steps) / Steps</c>.</summary>
    /// <param name="step">The step, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public float ValueAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        double fraction = Steps == 0 ? 1 : Math.Min(step, Steps) / (double)Steps;
        return (float)(Start + ((End - Start) * fraction));
    }
}
