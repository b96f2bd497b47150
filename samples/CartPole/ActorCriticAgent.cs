using System;
using NetGen;
using NetGen.Reinforcement;

namespace CartPole;

/// <summary>The choices of the actor-critic agent.</summary>
internal sealed record ActorCriticSettings
{
    public float ActorLearningRate { get; init; } = 1e-3f;
    public float CriticLearningRate { get; init; } = 2e-3f;
    public float Gamma { get; init; } = 0.99f;
    public int Rollout { get; init; } = 32;
    public float EntropyCoefficient { get; init; } = 0.01f;
}

/// <summary>
/// Advantage actor-critic (A2C) with two networks: every <see cref="ActorCriticSettings.Rollout"/> steps of the
/// environment, the bootstrapped n-step returns <c>G</c> train the critic <c>V(s)</c>, and the advantages <c>G - V(s)</c>
/// move the softmax policy, with an entropy bonus. Actions are sampled from the policy while training; the learned
/// policy takes the most probable action. After construction it allocates nothing.
/// </summary>
internal sealed class ActorCriticAgent : IAgent
{
    private const int Actions = CartPoleEnvironment.ActionCount;
    private const int States = CartPoleEnvironment.StateSize;

    private readonly ActorCriticSettings _settings;
    private readonly PolicyNetwork _actor;
    private readonly ValueNetwork _critic;
    private readonly ActionSampler _sampler;
    private readonly float[] _logits = new float[Actions];
    private readonly float[] _value = new float[1];
    private readonly float[] _states;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminals;
    private readonly float[] _returns;
    private readonly float[] _values;
    private readonly float[] _advantages;
    private readonly float[] _batchLogits;
    private readonly float[] _actorGradients;
    private readonly float[] _criticGradients;
    private int _rows;

    public ActorCriticAgent(ActorCriticSettings settings, int seed)
    {
        int rows = settings.Rollout;
        if (rows < 1 || rows > PolicyNetwork.BatchSize || rows > ValueNetwork.BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), rows, "The rollout must fit one batch of both networks.");
        }

        _settings = settings;
        _actor = new PolicyNetwork(seed) { LearningRate = settings.ActorLearningRate };
        _critic = new ValueNetwork(seed + 1) { LearningRate = settings.CriticLearningRate };
        _sampler = new ActionSampler(seed);
        _states = new float[rows * States];
        _actions = new int[rows];
        _rewards = new float[rows];
        _terminals = new bool[rows];
        _returns = new float[rows];
        _values = new float[rows];
        _advantages = new float[rows];
        _batchLogits = new float[rows * Actions];
        _actorGradients = new float[rows * Actions];
        _criticGradients = new float[rows];
    }

    public long Steps { get; private set; }

    public long Updates => _actor.Step;

    public int Explore(ReadOnlySpan<float> state)
    {
        _actor.Predict(state, _logits);
        return _sampler.Softmax(_logits);
    }

    public int Act(ReadOnlySpan<float> state)
    {
        _actor.Predict(state, _logits);
        return ActionSampler.Greedy(_logits);
    }

    public void Observe(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState, bool terminated, bool truncated)
    {
        state.CopyTo(_states.AsSpan(_rows * States, States));
        _actions[_rows] = action;
        _rewards[_rows] = reward;
        _terminals[_rows] = terminated || truncated;
        if (truncated && !terminated)
        {
            // The time limit cut the episode, not the task: its future is worth V(s'), folded into the last reward.
            _rewards[_rows] += _settings.Gamma * Value(nextState);
        }

        _rows++;
        Steps++;
        if (_rows == _settings.Rollout)
        {
            Learn(_terminals[_rows - 1] ? 0f : Value(nextState));
            _rows = 0;
        }
    }

    private float Value(ReadOnlySpan<float> state)
    {
        _critic.Predict(state, _value);
        return _value[0];
    }

    private void Learn(float bootstrapValue)
    {
        int rows = _rows;
        ReadOnlySpan<float> states = _states.AsSpan(0, rows * States);
        PolicyGradient.DiscountedReturns(_rewards.AsSpan(0, rows), _terminals.AsSpan(0, rows), _settings.Gamma, bootstrapValue, _returns);

        _critic.Forward(states, _values);
        for (int r = 0; r < rows; r++)
        {
            _advantages[r] = _returns[r] - _values[r];
        }

        ActorCritic.CriticGradient(_values, _returns, _criticGradients);
        _critic.Backward(_criticGradients);
        _critic.ApplyGradients();

        _actor.Forward(states, _batchLogits);
        ActorCritic.ActorGradient(_batchLogits, _actions, _advantages, _actorGradients, _settings.EntropyCoefficient);
        _actor.Backward(_actorGradients);
        _actor.ApplyGradients();
    }
}
