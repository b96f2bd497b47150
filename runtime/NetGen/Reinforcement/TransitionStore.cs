using System;

namespace NetGen.Reinforcement;

/// <summary>
/// The fixed-capacity ring of transitions behind both replay buffers: every array is allocated once, in the constructor;
/// a new transition overwrites the oldest when the ring is full.
/// </summary>
internal sealed class TransitionStore
{
    private readonly float[] _states;
    private readonly float[] _nextStates;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminals;
    private int _next;

    public TransitionStore(int capacity, int stateSize, int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        int length = ArraySize.Product(capacity, stateSize, "A replay buffer of {0} transitions of {1} floats per state", nameof(capacity));
        _states = new float[length];
        _nextStates = new float[length];
        _actions = new int[capacity];
        _rewards = new float[capacity];
        _terminals = new bool[capacity];
        Capacity = capacity;
        StateSize = stateSize;
        ActionCount = actionCount;
    }

    public int Capacity { get; }

    public int StateSize { get; }

    public int ActionCount { get; }

    public int Count { get; private set; }

    public long Added { get; private set; }

    /// <summary>Checks a transition; nothing is stored when it is refused.</summary>
    public void Check(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState)
    {
        Checks.Length(state.Length, StateSize, nameof(state), "the buffer's state size");
        Checks.Length(nextState.Length, StateSize, nameof(nextState), "the buffer's state size");
        Checks.Action(action, ActionCount, nameof(action));
        Checks.Finite(reward, nameof(reward));
        Checks.Finite(state, nameof(state));
        Checks.Finite(nextState, nameof(nextState));
    }

    /// <summary>Stores a checked transition over the oldest one when full and returns its slot.</summary>
    public int Store(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState, bool terminal)
    {
        int slot = _next;
        state.CopyTo(_states.AsSpan(slot * StateSize, StateSize));
        nextState.CopyTo(_nextStates.AsSpan(slot * StateSize, StateSize));
        _actions[slot] = action;
        _rewards[slot] = reward;
        _terminals[slot] = terminal;
        _next = slot + 1 == Capacity ? 0 : slot + 1;
        Count = Math.Min(Count + 1, Capacity);
        Added++;
        return slot;
    }

    /// <summary>
    /// Checks the spans of a batch against each other and the buffer, and that there is something to sample; returns
    /// the number of rows (the length of <paramref name="actions"/>).
    /// </summary>
    public int CheckBatch(Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates, Span<bool> terminals)
    {
        int rows = actions.Length;
        if (rows == 0)
        {
            throw new ArgumentException("'actions' is empty; a batch has at least one row, and its length is the number of transitions sampled.", nameof(actions));
        }

        Checks.RowsLength(states.Length, rows, StateSize, nameof(states), "state size");
        Checks.RowsLength(nextStates.Length, rows, StateSize, nameof(nextStates), "state size");
        Checks.Length(rewards.Length, rows, nameof(rewards), "one per row of 'actions'");
        Checks.Length(terminals.Length, rows, nameof(terminals), "one per row of 'actions'");
        if (Count == 0)
        {
            throw new InvalidOperationException("The replay buffer is empty: Add at least one transition before sampling.");
        }

        return rows;
    }

    /// <summary>Copies the transition in <paramref name="slot"/> into row <paramref name="row"/> of a batch.</summary>
    public void Copy(int slot, int row, Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates, Span<bool> terminals)
    {
        _states.AsSpan(slot * StateSize, StateSize).CopyTo(states.Slice(row * StateSize, StateSize));
        _nextStates.AsSpan(slot * StateSize, StateSize).CopyTo(nextStates.Slice(row * StateSize, StateSize));
        actions[row] = _actions[slot];
        rewards[row] = _rewards[slot];
        terminals[row] = _terminals[slot];
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
        Added = 0;
    }
}
