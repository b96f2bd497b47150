using System;
using NetGen.Reinforcement;
using NetGen.Tests.Shared;
using Xunit;
using static NetGen.Tests.Reinforcement.ReplayBufferTests;

namespace NetGen.Tests.Reinforcement;

/// <summary>
/// Prioritised replay: transitions are drawn in proportion to <c>(|error| + offset)^alpha</c>, new ones with the largest
/// priority so far, the importance-sampling weights follow the formula, bad input is refused with no priority changed,
/// and nothing allocates.
/// </summary>
public class PrioritizedReplayBufferTests
{
    [Fact]
    public void Transitions_are_drawn_in_proportion_to_their_priority_to_the_power_alpha()
    {
        var buffer = new PrioritizedReplayBuffer(capacity: 8, stateSize: 3, actionCount: 4, alpha: 0.5f, priorityOffset: 1e-5f, seed: 1);
        for (int i = 0; i < 4; i++)
        {
            AddNumbered(buffer, i);
        }

        float[] errors = [1f, 4f, 9f, 0f];
        buffer.UpdatePriorities([0, 1, 2, 3], errors);
        var expected = new double[4];
        double total = 0;
        for (int i = 0; i < 4; i++)
        {
            expected[i] = Math.Sqrt(errors[i] + 1e-5);
            total += expected[i];
        }

        var counts = new int[4];
        Batch batch = Batch.Of(64);
        var indices = new int[64];
        var weights = new float[64];
        const int rounds = 1000;
        for (int round = 0; round < rounds; round++)
        {
            buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, indices, weights, beta: 1f);
            for (int row = 0; row < 64; row++)
            {
                Assert.Equal(indices[row], (int)batch.Rewards[row]);
                AssertNumbered(batch, row, indices[row]);
                counts[indices[row]]++;
            }
        }

        // Shares 1/6, 2/6, 3/6 and almost 0; stratified sampling keeps each count far closer than binomial noise.
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(counts[i] / (64.0 * rounds), (expected[i] / total) - 0.01, (expected[i] / total) + 0.01);
        }
    }

    [Fact]
    public void The_weights_are_N_P_to_the_minus_beta_divided_by_the_largest_of_the_batch()
    {
        var buffer = new PrioritizedReplayBuffer(capacity: 4, stateSize: 3, actionCount: 4, alpha: 1f, priorityOffset: 1e-5f, seed: 2);
        for (int i = 0; i < 4; i++)
        {
            AddNumbered(buffer, i);
        }

        buffer.UpdatePriorities([0, 1, 2, 3], [1f, 2f, 3f, 4f]);
        Batch batch = Batch.Of(16);
        var indices = new int[16];
        var weights = new float[16];
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, indices, weights, beta: 0.4f);

        double total = 10 + 4e-5;
        var raw = new double[16];
        double largest = 0;
        for (int row = 0; row < 16; row++)
        {
            raw[row] = Math.Pow(4 * (indices[row] + 1 + 1e-5) / total, -0.4);
            largest = Math.Max(largest, raw[row]);
        }

        for (int row = 0; row < 16; row++)
        {
            Assert.Equal(raw[row] / largest, weights[row], 5);
        }
    }

    [Fact]
    public void A_new_transition_gets_the_largest_priority_seen_so_far()
    {
        var buffer = new PrioritizedReplayBuffer(capacity: 4, stateSize: 3, actionCount: 4, seed: 3);
        AddNumbered(buffer, 0);
        Assert.Equal(1f, buffer.Priority(0));
        buffer.UpdatePriorities([0], [-7.5f]);
        Assert.Equal(7.5f + 1e-5f, buffer.Priority(0));
        AddNumbered(buffer, 1);
        Assert.Equal(7.5f + 1e-5f, buffer.Priority(1));
    }

    [Fact]
    public void Alpha_0_samples_uniformly()
    {
        var buffer = new PrioritizedReplayBuffer(capacity: 4, stateSize: 3, actionCount: 4, alpha: 0f, seed: 4);
        for (int i = 0; i < 4; i++)
        {
            AddNumbered(buffer, i);
        }

        buffer.UpdatePriorities([0, 1, 2, 3], [0f, 100f, 0.5f, 3f]);
        Batch batch = Batch.Of(400);
        var indices = new int[400];
        var weights = new float[400];
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, indices, weights, beta: 1f);
        var counts = new int[4];
        foreach (int index in indices)
        {
            counts[index]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 99, 101));
        Assert.All(weights, weight => Assert.Equal(1f, weight));
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_no_priority()
    {
        var buffer = new PrioritizedReplayBuffer(capacity: 4, stateSize: 3, actionCount: 4, seed: 5);
        Batch batch = Batch.Of(2);
        var indices = new int[2];
        var weights = new float[2];
        Assert.Contains("empty", Assert.Throws<InvalidOperationException>(() => buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, indices, weights, 0.5f)).Message, StringComparison.Ordinal);
        AddNumbered(buffer, 0);
        AddNumbered(buffer, 1);
        buffer.UpdatePriorities([0, 1], [2f, 3f]);

        Assert.Contains("'errors' holds NaN at index 1", Assert.Throws<ArgumentException>(() => buffer.UpdatePriorities([0, 1], [5f, float.NaN])).Message, StringComparison.Ordinal);
        Assert.Contains("'indices[1]' is 2; the buffer holds transitions 0 to 1", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.UpdatePriorities([0, 2], [5f, 5f])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => buffer.UpdatePriorities([0, 1], [5f]));
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, indices, weights, 1.5f)).ParamName);
        Assert.Throws<ArgumentException>(() => buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, new int[1], weights, 0.5f));
        Assert.Contains("'reward' is NaN", Assert.Throws<ArgumentException>(() => buffer.Add([0, 0, 0], 0, float.NaN, [0, 0, 0], false)).Message, StringComparison.Ordinal);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new PrioritizedReplayBuffer(4, 3, 4, alpha: float.NaN)).ParamName);
        Assert.Equal("priorityOffset", Assert.Throws<ArgumentOutOfRangeException>(() => new PrioritizedReplayBuffer(4, 3, 4, priorityOffset: 0f)).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new PrioritizedReplayBuffer(0, 3, 4)).ParamName);

        Assert.Equal(2, buffer.Count);
        Assert.Equal(2f + 1e-5f, buffer.Priority(0));
        Assert.Equal(3f + 1e-5f, buffer.Priority(1));
    }

    [Fact]
    public void Add_Sample_and_UpdatePriorities_allocate_nothing()
    {
        var buffer = new PrioritizedReplayBuffer(capacity: 1000, stateSize: 3, actionCount: 4, seed: 6);
        float[] state = [0.1f, 0.2f, 0.3f];
        Batch batch = Batch.Of(32);
        var indices = new int[32];
        var weights = new float[32];
        var errors = new float[32];
        void Round(int i)
        {
            buffer.Add(state, i % 4, i, state, false);
            buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals, indices, weights, 0.5f);
            errors.AsSpan().Fill(i % 7);
            buffer.UpdatePriorities(indices, errors);
        }

        for (int i = 0; i < 100; i++)
        {
            Round(i);
        }

        long before = ThreadAllocation.Start();
        for (int i = 0; i < 3000; i++)
        {
            Round(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
