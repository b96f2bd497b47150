using System;

namespace NetGen.Reinforcement;

/// <summary>
/// Prioritised experience replay (Schaul, Quan, Antonoglou and Silver, 2016, proportional variant): transition
/// <c>i</c> is drawn with probability <c>p_i^alpha / sum_k p_k^alpha</c>, where its priority <c>p_i</c> is the magnitude of
/// its last temporal-difference error plus a small offset, so that surprising transitions are replayed more often. The
/// bias this introduces is corrected by importance-sampling weights <c>(N P(i))^-beta</c>, divided by the largest weight of
/// the batch, which the loss multiplies in (see <see cref="QLearning.Gradient(ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, TemporalDifferenceLoss, float)"/>).
/// </summary>
/// <remarks>
/// <para>A new transition gets the largest priority seen so far, so that it is replayed at least once soon. Sampling is
/// stratified: the total priority is cut into as many equal segments as rows, and one transition is drawn in each.
/// Every buffer is allocated in the constructor; <see cref="Add"/>, <see cref="Sample"/> and
/// <see cref="UpdatePriorities"/> allocate nothing and take O(log capacity) per transition.</para>
/// <para>Not thread-safe: use one buffer per thread, or serialise the calls.</para>
/// </remarks>
public sealed class PrioritizedReplayBuffer
{
    private readonly TransitionStore _store;
    private readonly SumTree _tree;
    private readonly float[] _priorities;
    private DeterministicRandom _random;
    private double _maxPriority = 1;

    /// <summary>Allocates a buffer of <paramref name="capacity"/> transitions.</summary>
    /// <param name="capacity">The number of transitions kept, at least 1.</param>
    /// <param name="stateSize">The floats of one state (the network's input size), at least 1.</param>
    /// <param name="actionCount">The number of discrete actions, at least 1.</param>
    /// <param name="alpha">How strongly priorities shape sampling, in [0, 1]: 0 is uniform; 0.6 is the paper's choice for DQN.</param>
    /// <param name="priorityOffset">Added to each error's magnitude, so that no transition has priority 0; in (0, 1].</param>
    /// <param name="seed">The seed of the sampling.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or <paramref name="alpha"/> or <paramref name="priorityOffset"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The states would not fit one array.</exception>
    public PrioritizedReplayBuffer(int capacity, int stateSize, int actionCount, float alpha = 0.6f, float priorityOffset = 1e-5f, int seed = 0)
    {
        Checks.Range(alpha, 0f, 1f, nameof(alpha));
        Checks.Range(priorityOffset, float.Epsilon, 1f, nameof(priorityOffset));
        _store = new TransitionStore(capacity, stateSize, actionCount);
        _tree = new SumTree(capacity);
        _priorities = new float[capacity];
        _random = new DeterministicRandom(seed, stream: 4);
        Alpha = alpha;
        PriorityOffset = priorityOffset;
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

    /// <summary>The exponent of the priorities.</summary>
    public float Alpha { get; }

    /// <summary>The offset added to each error's magnitude.</summary>
    public float PriorityOffset { get; }

    /// <summary>The priority (before the exponent <see cref="Alpha"/>) of the transition in <paramref name="index"/>, an index <see cref="Sample"/> returned.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> holds no transition.</exception>
    public float Priority(int index)
    {
        CheckIndex(index, nameof(index), -1);
        return _priorities[index];
    }

    /// <summary>Adds a transition with the largest priority seen so far, replacing the oldest one when the buffer is full.</summary>
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
        int slot = _store.Store(state, action, reward, nextState, terminal);
        SetPriority(slot, _maxPriority);
    }

    /// <summary>
    /// Draws <c>actions.Length</c> transitions in proportion to their priorities into the caller's spans, with the
    /// index of each (for <see cref="UpdatePriorities"/>) and its importance-sampling weight.
    /// </summary>
    /// <param name="states"><c>rows * StateSize</c> floats.</param>
    /// <param name="actions">One action per row; its length is the number of rows, at least 1.</param>
    /// <param name="rewards">One reward per row.</param>
    /// <param name="nextStates"><c>rows * StateSize</c> floats.</param>
    /// <param name="terminals">One flag per row.</param>
    /// <param name="indices">One index per row: where the transition is, for <see cref="UpdatePriorities"/>.</param>
    /// <param name="weights">One weight per row: <c>(N P(i))^-beta</c> divided by the largest of the batch, in (0, 1].</param>
    /// <param name="beta">How fully the weights correct the sampling bias, in [0, 1]; the paper anneals it from 0.4 to 1.</param>
    /// <exception cref="InvalidOperationException">The buffer is empty.</exception>
    /// <exception cref="ArgumentException">The lengths do not agree; nothing was drawn.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is out of range; nothing was drawn.</exception>
    public void Sample(Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates, Span<bool> terminals, Span<int> indices, Span<float> weights, float beta)
    {
        Checks.Range(beta, 0f, 1f, nameof(beta));
        int rows = _store.CheckBatch(states, actions, rewards, nextStates, terminals);
        Checks.Length(indices.Length, rows, nameof(indices), "one per row of 'actions'");
        Checks.Length(weights.Length, rows, nameof(weights), "one per row of 'actions'");
        double total = _tree.Total;
        double segment = total / rows;
        double largest = 0;
        for (int row = 0; row < rows; row++)
        {
            double value = Math.Min((row + _random.NextDouble()) * segment, total);
            int slot = Math.Min(_tree.Find(value), _store.Count - 1);
            _store.Copy(slot, row, states, actions, rewards, nextStates, terminals);
            indices[row] = slot;

            // (N P(i))^-beta, from the leaf's share of the total.
            double weight = Math.Pow(_store.Count * _tree[slot] / total, -beta);
            weights[row] = (float)weight;
            largest = Math.Max(largest, weight);
        }

        for (int row = 0; row < rows; row++)
        {
            weights[row] = (float)(weights[row] / largest);
        }
    }

    /// <summary>Sets the priorities of sampled transitions from their new temporal-difference errors: <c>|error| + PriorityOffset</c>.</summary>
    /// <param name="indices">Indices <see cref="Sample"/> returned.</param>
    /// <param name="errors">One error per index, finite (see <see cref="QLearning"/>'s errors).</param>
    /// <exception cref="ArgumentException">The lengths differ, or an error is NaN or infinite; no priority changed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index holds no transition; no priority changed.</exception>
    public void UpdatePriorities(ReadOnlySpan<int> indices, ReadOnlySpan<float> errors)
    {
        Checks.Length(errors.Length, indices.Length, nameof(errors), "one per index");
        Checks.Finite(errors, nameof(errors));
        for (int i = 0; i < indices.Length; i++)
        {
            CheckIndex(indices[i], nameof(indices), i);
        }

        for (int i = 0; i < indices.Length; i++)
        {
            double priority = Math.Abs((double)errors[i]) + PriorityOffset;
            _maxPriority = Math.Max(_maxPriority, priority);
            SetPriority(indices[i], priority);
        }
    }

    /// <summary>Forgets every transition and the largest priority; the capacity and the sampling generator stay.</summary>
    public void Clear()
    {
        _store.Clear();
        _tree.Clear();
        _maxPriority = 1;
    }

    private void SetPriority(int slot, double priority)
    {
        _priorities[slot] = (float)priority;
        _tree.Set(slot, Math.Pow(priority, Alpha));
    }

    private void CheckIndex(int index, string parameterName, int position)
    {
        if ((uint)index >= (uint)_store.Count)
        {
            string where = position < 0 ? string.Empty : $"[{position}]";
            throw new ArgumentOutOfRangeException(parameterName, index, $"'{parameterName}{where}' is {index}; the buffer holds transitions 0 to {_store.Count - 1}.");
        }
    }
}
