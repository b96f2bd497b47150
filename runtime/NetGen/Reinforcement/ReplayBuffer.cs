using System;

namespace NetGen.Reinforcement;

/// <summary>
/// Experience replay: a fixed-capacity ring of transitions <c>(state, action, reward, nextState, terminal)</c> from which
/// training batches are drawn uniformly at random (with replacement), as in DQN. Every buffer is allocated in the
/// constructor; <see cref="Add"/> and <see cref="Sample"/> allocate nothing, so the buffer can live in a game loop.
/// </summary>
/// <remarks>
/// <para>When the buffer is full, a new transition replaces the oldest one. Sampling is seeded by
/// <see cref="DeterministicRandom"/>: the same seed and the same transitions give the same batches on every machine.</para>
/// <para><c>terminal</c> means that the episode ended in a state with no future (the pole fell): the value of
/// <c>nextState</c> is not bootstrapped. An episode cut by a time limit is not terminal; store it with
/// <c>terminal: false</c> and start the next episode as usual.</para>
/// <para>Not thread-safe: use one buffer per thread, or serialise the calls.</para>
/// </remarks>
public sealed class ReplayBuffer
{
    private readonly TransitionStore _store;
    private DeterministicRandom _random;

    /// <summary>Allocates a buffer of <paramref name="capacity"/> transitions.</summary>
    /// <param name="capacity">The number of transitions kept, at least 1.</param>
    /// <param name="stateSize">The floats of one state (the network's input size), at least 1.</param>
    /// <param name="actionCount">The number of discrete actions, at least 1; actions are 0 to <c>actionCount - 1</c>.</param>
    /// <param name="seed">The seed of the sampling.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The states would not fit one array.</exception>
    public ReplayBuffer(int capacity, int stateSize, int actionCount, int seed = 0)
    {
        _store = new TransitionStore(capacity, stateSize, actionCount);
        _random = new DeterministicRandom(seed, stream: 3);
    }

    /// <summary>The most transitions the buffer keeps.</summary>
    public int Capacity => _store.Capacity;

    /// <summary>The floats of one state.</summary>
    public int StateSize => _store.StateSize;

    /// <summary>The number of discrete actions.</summary>
    public int ActionCount => _store.ActionCount;

    /// <summary>The transitions held, at most <see cref="Capacity"/>.</summary>
    public int Count => _store.Count;

    /// <summary>The transitions added since construction or <see cref="Clear"/>, including those since overwritten.</summary>
    public long Added => _store.Added;

    /// <summary>Adds a transition, replacing the oldest one when the buffer is full.</summary>
    /// <param name="state">The state the action was taken in: <see cref="StateSize"/> finite floats.</param>
    /// <param name="action">The action taken, from 0 to <see cref="ActionCount"/> - 1.</param>
    /// <param name="reward">The reward received, finite.</param>
    /// <param name="nextState">The state reached: <see cref="StateSize"/> finite floats.</param>
    /// <param name="terminal">Whether the episode ended there with no future (not a time limit).</param>
    /// <exception cref="ArgumentException">A length is wrong, or a value is NaN or infinite; nothing was added.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not an action; nothing was added.</exception>
    public void Add(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState, bool terminal)
    {
        _store.Check(state, action, reward, nextState);
        _store.Store(state, action, reward, nextState, terminal);
    }

    /// <summary>
    /// Draws <c>actions.Length</c> transitions uniformly at random, with replacement, into the caller's spans: row
    /// <c>r</c> of each span holds transition <c>r</c>.
    /// </summary>
    /// <param name="states"><c>rows * StateSize</c> floats.</param>
    /// <param name="actions">One action per row; its length is the number of rows, at least 1.</param>
    /// <param name="rewards">One reward per row.</param>
    /// <param name="nextStates"><c>rows * StateSize</c> floats.</param>
    /// <param name="terminals">One flag per row.</param>
    /// <exception cref="InvalidOperationException">The buffer is empty.</exception>
    /// <exception cref="ArgumentException">The lengths do not agree; nothing was drawn.</exception>
    public void Sample(Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates, Span<bool> terminals)
    {
        int rows = _store.CheckBatch(states, actions, rewards, nextStates, terminals);
        for (int row = 0; row < rows; row++)
        {
            _store.Copy(_random.NextInt32(_store.Count), row, states, actions, rewards, nextStates, terminals);
        }
    }

    /// <summary>Forgets every transition; the capacity and the sampling generator stay.</summary>
    public void Clear() => _store.Clear();
}
