using System;
using System.Linq;
using NetGen.Reinforcement;
using NetGen.Tests.Shared;
using Xunit;

namespace NetGen.Tests.Reinforcement;

/// <summary>
/// The uniform replay buffer: it returns whole transitions as they were added, keeps the newest <c>Capacity</c>, samples
/// uniformly and reproducibly, refuses bad input with a clear exception and nothing stored or drawn, and allocates nothing.
/// </summary>
public class ReplayBufferTests
{
    private const int StateSize = 3;

    [Fact]
    public void Every_sampled_row_is_one_whole_transition_as_it_was_added()
    {
        var buffer = new ReplayBuffer(capacity: 10, StateSize, actionCount: 4, seed: 1);
        for (int i = 0; i < 7; i++)
        {
            AddNumbered(buffer, i);
        }

        Batch batch = Batch.Of(64);
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        for (int row = 0; row < 64; row++)
        {
            int i = (int)batch.Rewards[row];
            Assert.InRange(i, 0, 6);
            AssertNumbered(batch, row, i);
        }
    }

    [Fact]
    public void A_full_ring_keeps_the_newest_transitions_and_samples_each_of_them()
    {
        var buffer = new ReplayBuffer(capacity: 5, StateSize, actionCount: 4, seed: 2);
        for (int i = 0; i < 12; i++)
        {
            AddNumbered(buffer, i);
        }

        Assert.Equal(5, buffer.Count);
        Assert.Equal(12, buffer.Added);
        Batch batch = Batch.Of(500);
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        Assert.Equal([7, 8, 9, 10, 11], batch.Rewards.Select(r => (int)r).Distinct().Order());
        for (int row = 0; row < 500; row++)
        {
            AssertNumbered(batch, row, (int)batch.Rewards[row]);
        }
    }

    [Fact]
    public void Sampling_is_uniform_over_the_transitions_held()
    {
        const int held = 10;
        const int draws = 100_000;
        var buffer = new ReplayBuffer(capacity: 16, StateSize, actionCount: 4, seed: 3);
        for (int i = 0; i < held; i++)
        {
            AddNumbered(buffer, i);
        }

        var counts = new int[held];
        Batch batch = Batch.Of(100);
        for (int round = 0; round < draws / 100; round++)
        {
            buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
            foreach (float reward in batch.Rewards)
            {
                counts[(int)reward]++;
            }
        }

        // Each count is binomial(100000, 0.1): standard deviation 95, so 6 of them is far beyond chance.
        Assert.All(counts, count => Assert.InRange(count, 10_000 - 570, 10_000 + 570));
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches_and_another_seed_others()
    {
        float[] Rewards(int seed)
        {
            var buffer = new ReplayBuffer(capacity: 100, StateSize, actionCount: 4, seed);
            for (int i = 0; i < 100; i++)
            {
                AddNumbered(buffer, i);
            }

            Batch batch = Batch.Of(32);
            buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
            return batch.Rewards;
        }

        Assert.Equal(Rewards(5), Rewards(5));
        Assert.NotEqual(Rewards(5), Rewards(6));
    }

    [Fact]
    public void Sampling_an_empty_buffer_is_refused_and_draws_nothing()
    {
        var buffer = new ReplayBuffer(capacity: 8, StateSize, actionCount: 4, seed: 4);
        var fresh = new ReplayBuffer(capacity: 8, StateSize, actionCount: 4, seed: 4);
        Batch batch = Batch.Of(4);
        var error = Assert.Throws<InvalidOperationException>(() => buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals));
        Assert.Contains("The replay buffer is empty", error.Message, StringComparison.Ordinal);

        // The refused call drew nothing: both buffers now give the same batch.
        for (int i = 0; i < 8; i++)
        {
            AddNumbered(buffer, i);
            AddNumbered(fresh, i);
        }

        Batch other = Batch.Of(4);
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        fresh.Sample(other.States, other.Actions, other.Rewards, other.NextStates, other.Terminals);
        Assert.Equal(other.Rewards, batch.Rewards);
    }

    [Theory]
    [InlineData(0, 3, 2, "capacity")]
    [InlineData(-1, 3, 2, "capacity")]
    [InlineData(10, 0, 2, "stateSize")]
    [InlineData(10, 3, 0, "actionCount")]
    public void A_size_below_1_is_refused_naming_it(int capacity, int stateSize, int actionCount, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayBuffer(capacity, stateSize, actionCount));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void A_buffer_larger_than_one_array_is_refused_naming_both_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReplayBuffer(capacity: 1_000_000, stateSize: 10_000, actionCount: 2));
        Assert.Contains("1000000 transitions of 10000 floats per state", error.Message, StringComparison.Ordinal);
        Assert.Contains("10000000000 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_transitions_are_refused_and_nothing_is_stored()
    {
        var buffer = new ReplayBuffer(capacity: 4, StateSize, actionCount: 2, seed: 5);
        AddNumbered(buffer, 0);
        float[] good = [1, 2, 3];
        float[] nan = [1, float.NaN, 3];

        Assert.Contains("'reward' is NaN", Assert.Throws<ArgumentException>(() => buffer.Add(good, 1, float.NaN, good, false)).Message, StringComparison.Ordinal);
        Assert.Contains("'reward' is Infinity", Assert.Throws<ArgumentException>(() => buffer.Add(good, 1, float.PositiveInfinity, good, false)).Message, StringComparison.Ordinal);
        Assert.Contains("'state' holds NaN at index 1", Assert.Throws<ArgumentException>(() => buffer.Add(nan, 1, 0f, good, false)).Message, StringComparison.Ordinal);
        Assert.Contains("'nextState' holds NaN at index 1", Assert.Throws<ArgumentException>(() => buffer.Add(good, 1, 0f, nan, false)).Message, StringComparison.Ordinal);
        Assert.Contains("'state' has 2 elements; expected 3", Assert.Throws<ArgumentException>(() => buffer.Add([1, 2], 1, 0f, good, false)).Message, StringComparison.Ordinal);
        Assert.Contains("'action' is 2; an action is an index from 0 to 1", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Add(good, 2, 0f, good, false)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Add(good, -1, 0f, good, false));

        Assert.Equal(1, buffer.Count);
        Assert.Equal(1, buffer.Added);
        Batch batch = Batch.Of(16);
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        for (int row = 0; row < 16; row++)
        {
            AssertNumbered(batch, row, 0, actionCount: 2);
        }
    }

    [Fact]
    public void Spans_that_disagree_are_refused_before_anything_is_drawn()
    {
        var buffer = new ReplayBuffer(capacity: 4, StateSize, actionCount: 2, seed: 6);
        AddNumbered(buffer, 0);
        Batch batch = Batch.Of(2);
        Assert.Contains("'states' has 3 elements; expected 6", Assert.Throws<ArgumentException>(() => buffer.Sample(new float[3], batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals)).Message, StringComparison.Ordinal);
        Assert.Contains("'rewards' has 1 elements; expected 2", Assert.Throws<ArgumentException>(() => buffer.Sample(batch.States, batch.Actions, new float[1], batch.NextStates, batch.Terminals)).Message, StringComparison.Ordinal);
        Assert.Contains("'terminals' has 3 elements", Assert.Throws<ArgumentException>(() => buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, new bool[3])).Message, StringComparison.Ordinal);
        Assert.Contains("'actions' is empty", Assert.Throws<ArgumentException>(() => buffer.Sample([], [], [], [], [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_forgets_every_transition()
    {
        var buffer = new ReplayBuffer(capacity: 4, StateSize, actionCount: 2, seed: 7);
        AddNumbered(buffer, 0);
        buffer.Clear();
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, buffer.Added);
        Batch batch = Batch.Of(1);
        Assert.Throws<InvalidOperationException>(() => buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals));
        AddNumbered(buffer, 1);
        buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        AssertNumbered(batch, 0, 1, actionCount: 2);
    }

    [Fact]
    public void Add_and_Sample_allocate_nothing()
    {
        var buffer = new ReplayBuffer(capacity: 1000, StateSize, actionCount: 4, seed: 8);
        float[] state = [0.1f, 0.2f, 0.3f];
        Batch batch = Batch.Of(32);
        for (int i = 0; i < 100; i++)
        {
            buffer.Add(state, i % 4, i, state, i % 9 == 0);
            buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        }

        long before = ThreadAllocation.Start();
        for (int i = 0; i < 5000; i++)
        {
            buffer.Add(state, i % 4, i, state, i % 9 == 0);
            buffer.Sample(batch.States, batch.Actions, batch.Rewards, batch.NextStates, batch.Terminals);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Adds transition <paramref name="i"/>: state (i, i+0.25, i+0.5), action i mod 4 (mod the actions), reward i,
    /// next state (-i, ...), terminal when i is a multiple of 3.</summary>
    internal static void AddNumbered(ReplayBuffer buffer, int i)
        => buffer.Add(State(i, 1), i % buffer.ActionCount, i, State(i, -1), i % 3 == 0);

    internal static void AddNumbered(PrioritizedReplayBuffer buffer, int i)
        => buffer.Add(State(i, 1), i % buffer.ActionCount, i, State(i, -1), i % 3 == 0);

    internal static void AssertNumbered(Batch batch, int row, int i, int actionCount = 4)
    {
        Assert.Equal(State(i, 1), batch.States.AsSpan(row * StateSize, StateSize).ToArray());
        Assert.Equal(State(i, -1), batch.NextStates.AsSpan(row * StateSize, StateSize).ToArray());
        Assert.Equal(i, batch.Rewards[row]);
        Assert.Equal(i % 3 == 0, batch.Terminals[row]);
        Assert.Equal(i % actionCount, batch.Actions[row]);
    }

    private static float[] State(int i, float sign) => [sign * i, sign * (i + 0.25f), sign * (i + 0.5f)];

    /// <summary>The caller's spans of one batch.</summary>
    internal sealed record Batch(float[] States, int[] Actions, float[] Rewards, float[] NextStates, bool[] Terminals)
    {
        public static Batch Of(int rows) => new(new float[rows * StateSize], new int[rows], new float[rows], new float[rows * StateSize], new bool[rows]);
    }
}
