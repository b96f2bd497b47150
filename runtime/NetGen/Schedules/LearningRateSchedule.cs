using System;

namespace NetGen.Schedules;

/// <summary>
/// A learning rate as a function of time <c>t</c>: the number of epochs (or optimizer steps,
/// see <see cref="ScheduleUnit"/>) completed before the update, so <c>t = 0</c> for the first.
/// The fit loop sets the network's <see cref="INetwork.LearningRate"/> from it before each epoch
/// (or step). The static methods create the built-in schedules; <see cref="WithWarmup"/> composes
/// a linear warm-up in front of any of them.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at time <paramref name="t"/> (from 0).</summary>
    public abstract float LearningRate(long t);

    /// <summary>
    /// This schedule preceded by a linear warm-up of <paramref name="length"/> units: during it the
    /// rate rises linearly to this schedule's first rate, then this schedule runs with its time
    /// starting again at 0 (see <see cref="WarmupSchedule"/>).
    /// </summary>
    public LearningRateSchedule WithWarmup(int length, float startFactor = 0f) => new WarmupSchedule(length, this, startFactor);

    /// <summary>The same rate throughout.</summary>
    public static LearningRateSchedule Constant(float learningRate) => new ConstantSchedule(learningRate);

    /// <summary><c>lr0 * gamma^floor(t / stepSize)</c> (PyTorch's StepLR).</summary>
    public static LearningRateSchedule StepDecay(float initial, int stepSize, float gamma) => new StepDecaySchedule(initial, stepSize, gamma);

    /// <summary><c>lr0 * gamma^t</c> (PyTorch's ExponentialLR).</summary>
    public static LearningRateSchedule ExponentialDecay(float initial, float gamma) => new ExponentialDecaySchedule(initial, gamma);

    /// <summary><c>lr0 / (sqrt(t) + beta)</c>.</summary>
    public static LearningRateSchedule InverseSquareRoot(float initial, float beta = 1f) => new InverseSquareRootSchedule(initial, beta);

    /// <summary><c>min + (lr0 - min) * (1 + cos(pi * t / period)) / 2</c> for <c>t</c> up to <paramref name="period"/>, then <c>min</c> (PyTorch's CosineAnnealingLR without restarts).</summary>
    public static LearningRateSchedule CosineAnnealing(float initial, int period, float minimum = 0f) => new CosineAnnealingSchedule(initial, period, minimum);

    /// <summary>A linear warm-up to <paramref name="learningRate"/> over <paramref name="length"/> units, then constant.</summary>
    public static LearningRateSchedule LinearWarmup(float learningRate, int length, float startFactor = 0f) => new WarmupSchedule(length, new ConstantSchedule(learningRate), startFactor);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is finite and at least 0.</summary>
    protected static void RequireRate(float value, string name)
    {
        if (!(value >= 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite learning rate of at least 0; it is {value}.");
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="t"/> is negative.</summary>
    protected static void RequireTime(long t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
    }
}
