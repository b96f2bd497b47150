using System;
using NetGen.Reinforcement;
using NetGen.Tests.Shared;
using Xunit;

namespace NetGen.Tests.Reinforcement;

/// <summary>
/// Choosing actions: greedy takes the first largest value, epsilon-greedy and softmax sampling draw with the right
/// frequencies from a seeded generator, bad input is refused before anything is drawn, the linear schedule follows its
/// formula, and nothing allocates.
/// </summary>
public class ActionSamplerTests
{
    [Fact]
    public void Greedy_takes_the_largest_value_and_the_first_of_equal_ones()
    {
        Assert.Equal(2, ActionSampler.Greedy([0.1f, -3f, 7f, 6.9f]));
        Assert.Equal(1, ActionSampler.Greedy([0f, 5f, 5f]));
        Assert.Equal(0, ActionSampler.Greedy([-1f]));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.3f)]
    [InlineData(1f)]
    public void Epsilon_greedy_explores_uniformly_with_probability_epsilon(float epsilon)
    {
        var sampler = new ActionSampler(seed: 1);
        float[] values = [0.5f, 2f, -1f, 1f];
        var counts = new int[4];
        const int draws = 100_000;
        for (int i = 0; i < draws; i++)
        {
            counts[sampler.EpsilonGreedy(values, epsilon)]++;
        }

        for (int a = 0; a < 4; a++)
        {
            double expected = (epsilon / 4) + (a == 1 ? 1 - epsilon : 0);
            Assert.InRange(counts[a] / (double)draws, expected - 0.006, expected + 0.006);
        }
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0.5f)]
    [InlineData(3f)]
    public void Softmax_sampling_draws_each_action_with_its_probability(float temperature)
    {
        var sampler = new ActionSampler(seed: 2);
        float[] logits = [1f, 0f, -1f, 2f, 0.5f];
        var probabilities = new float[5];
        ActionSampler.Probabilities(logits, probabilities, temperature);
        double sum = 0;
        for (int a = 0; a < 5; a++)
        {
            Assert.Equal(Math.Exp(logits[a] / temperature), probabilities[a] * Normaliser(logits, temperature), 4);
            sum += probabilities[a];
        }

        Assert.Equal(1.0, sum, 6);
        var counts = new int[5];
        const int draws = 100_000;
        for (int i = 0; i < draws; i++)
        {
            counts[sampler.Softmax(logits, temperature)]++;
        }

        for (int a = 0; a < 5; a++)
        {
            Assert.InRange(counts[a] / (double)draws, probabilities[a] - 0.006, probabilities[a] + 0.006);
        }
    }

    [Fact]
    public void Huge_logits_give_a_valid_action_and_probabilities()
    {
        var sampler = new ActionSampler(seed: 3);
        float[] logits = [1e30f, -1e30f, 3e38f];
        Assert.Equal(2, sampler.Softmax(logits));
        var probabilities = new float[3];
        ActionSampler.Probabilities(logits, probabilities);
        Assert.Equal([0f, 0f, 1f], probabilities);
    }

    [Fact]
    public void The_same_seed_gives_the_same_actions()
    {
        int[] Actions(int seed)
        {
            var sampler = new ActionSampler(seed);
            var actions = new int[50];
            for (int i = 0; i < 50; i++)
            {
                actions[i] = i % 2 == 0 ? sampler.EpsilonGreedy([0f, 1f, 2f], 0.5f) : sampler.Softmax([0f, 1f, 2f]);
            }

            return actions;
        }

        Assert.Equal(Actions(7), Actions(7));
        Assert.NotEqual(Actions(7), Actions(8));
    }

    [Fact]
    public void Bad_input_is_refused_before_anything_is_drawn()
    {
        var sampler = new ActionSampler(seed: 4);
        DeterministicRandom before = sampler.Generator;
        Assert.Contains("'values' is empty", Assert.Throws<ArgumentException>(() => sampler.EpsilonGreedy([], 0.1f)).Message, StringComparison.Ordinal);
        Assert.Contains("'values' holds NaN at index 1", Assert.Throws<ArgumentException>(() => sampler.EpsilonGreedy([0f, float.NaN], 0.1f)).Message, StringComparison.Ordinal);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => sampler.EpsilonGreedy([0f, 1f], 1.5f)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => sampler.EpsilonGreedy([0f, 1f], float.NaN)).ParamName);
        Assert.Contains("'logits' holds", Assert.Throws<ArgumentException>(() => sampler.Softmax([float.PositiveInfinity, 1f])).Message, StringComparison.Ordinal);
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Softmax([0f, 1f], 0f)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Uniform(0));
        Assert.Throws<ArgumentException>(() => ActionSampler.Greedy([]));
        Assert.Throws<ArgumentException>(() => ActionSampler.Probabilities([0f, 1f], new float[3]));
        Assert.Equal(before, sampler.Generator);
    }

    [Fact]
    public void The_linear_schedule_moves_from_start_to_end_and_stays()
    {
        var schedule = new LinearSchedule(1f, 0.05f, 1000);
        Assert.Equal(1f, schedule.ValueAt(0));
        Assert.Equal(0.525f, schedule.ValueAt(500), 6);
        Assert.Equal(0.05f, schedule.ValueAt(1000), 6);
        Assert.Equal(0.05f, schedule.ValueAt(1_000_000), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.ValueAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSchedule(1f, 0f, 0));
        Assert.Throws<ArgumentException>(() => new LinearSchedule(float.NaN, 0f, 10));
    }

    [Fact]
    public void Choosing_actions_allocates_nothing()
    {
        var sampler = new ActionSampler(seed: 5);
        float[] values = [0.1f, 0.4f, 0.2f, 0.3f, -1f];
        var probabilities = new float[5];
        int sum = 0;
        long before = ThreadAllocation.Start();
        for (int i = 0; i < 10_000; i++)
        {
            sum += sampler.EpsilonGreedy(values, 0.1f) + sampler.Softmax(values) + sampler.Uniform(5) + ActionSampler.Greedy(values);
            ActionSampler.Probabilities(values, probabilities);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    private static double Normaliser(float[] logits, float temperature)
    {
        double sum = 0;
        foreach (float z in logits)
        {
            sum += Math.Exp(z / temperature);
        }

        return sum;
    }
}
