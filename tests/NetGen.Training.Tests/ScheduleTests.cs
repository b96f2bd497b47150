using System;
using System.Linq;
using NetGen.Schedules;
using Xunit;

namespace NetGen.Training.Tests;

public class ScheduleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Every_schedule_follows_its_formula(long t)
    {
        Assert.Equal(0.3f, LearningRateSchedule.Constant(0.3f).LearningRate(t));
        Assert.Equal((float)(0.1 * Math.Pow(0.5, t / 3)), LearningRateSchedule.StepDecay(0.1f, 3, 0.5f).LearningRate(t), 7);
        Assert.Equal((float)(0.1 * Math.Pow(0.9, t)), LearningRateSchedule.ExponentialDecay(0.1f, 0.9f).LearningRate(t), 7);
        Assert.Equal((float)(0.5 / (Math.Sqrt(t) + 2)), LearningRateSchedule.InverseSquareRoot(0.5f, 2f).LearningRate(t), 7);
        double phase = Math.Min(t, 10) / 10.0;
        Assert.Equal((float)(0.01 + (0.09 * (1 + Math.Cos(Math.PI * phase)) / 2)), LearningRateSchedule.CosineAnnealing(0.1f, 10, 0.01f).LearningRate(t), 7);
    }

    [Fact]
    public void Step_decay_changes_only_at_multiples_of_the_step_size()
    {
        LearningRateSchedule schedule = LearningRateSchedule.StepDecay(1f, 2, 0.1f);
        Assert.Equal(new[] { 1f, 1f, 0.1f, 0.1f, 0.01f }, new[] { 0, 1, 2, 3, 4 }.Select(t => schedule.LearningRate(t)).ToArray(), new ToleranceComparer(1e-7f));
    }

    [Fact]
    public void Cosine_annealing_starts_at_the_initial_rate_halves_midway_and_ends_at_the_minimum()
    {
        LearningRateSchedule schedule = LearningRateSchedule.CosineAnnealing(1f, 4);
        Assert.Equal(1f, schedule.LearningRate(0), 6);
        Assert.Equal(0.5f, schedule.LearningRate(2), 6);
        Assert.Equal(0f, schedule.LearningRate(4), 6);
        Assert.Equal(0f, schedule.LearningRate(9), 6);
    }

    [Fact]
    public void Warm_up_rises_linearly_to_the_peak_then_hands_over_with_time_restarted()
    {
        LearningRateSchedule schedule = LearningRateSchedule.ExponentialDecay(0.8f, 0.5f).WithWarmup(4);
        Assert.Equal(0.2f, schedule.LearningRate(0), 6);
        Assert.Equal(0.4f, schedule.LearningRate(1), 6);
        Assert.Equal(0.8f, schedule.LearningRate(3), 6);
        Assert.Equal(0.8f, schedule.LearningRate(4), 6);
        Assert.Equal(0.4f, schedule.LearningRate(5), 6);
        Assert.Equal(0.2f, schedule.LearningRate(6), 6);

        LearningRateSchedule fromHalf = LearningRateSchedule.LinearWarmup(1f, 2, startFactor: 0.5f);
        Assert.Equal(0.75f, fromHalf.LearningRate(0), 6);
        Assert.Equal(1f, fromHalf.LearningRate(1), 6);
        Assert.Equal(1f, fromHalf.LearningRate(50), 6);
    }

    [Fact]
    public void Invalid_parameters_are_rejected_with_their_name()
    {
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.InverseSquareRoot(0.1f, 0f)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1f, 1, 1.5f)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ExponentialDecay(float.NaN, 0.5f)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(0.1f).LearningRate(-1));
    }

    private sealed class ToleranceComparer(float tolerance) : System.Collections.Generic.IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
