using System;
using NetGen.Reinforcement;

namespace CartPole;

/// <summary>The choices of the DQN agent.</summary>
internal sealed record DqnSettings
{
    public float LearningRate { get; init; } = 1e-3f;
    public float Gamma { get; init; } = 0.99f;
    public int ReplayCapacity { get; init; } = 50_000;
    public int LearningStarts { get; init; } = 1_000;
    public float Tau { get; init; } = 0.005f;
    public float EpsilonStart { get; init; } = 1f;
    public float EpsilonEnd { get; init; } = 0.05f;
    public int EpsilonSteps { get; init; } = 10_000;
    public int Batch { get; init; } = QNetwork.BatchSize;
    public bool DoubleDqn { get; init; } = true;
    public TemporalDifferenceLoss Loss { get; init; } = TemporalDifferenceLoss.Huber;
}

/// <summary>
/// Double DQN with experience replay and a Polyak-averaged target network: one gradient step on a sampled batch for every
/// step of the environment. After its first steps it allocates nothing.
/// </summary>
internal sealed class DqnAgent : IAgent
{
    private const int Actions = CartPoleEnvironment.ActionCount;
    private const int States = CartPoleEnvironment.StateSize;

    private readonly DqnSettings _settings;
    private readonly QNetwork _online;
    private readonly QNetwork _target;
    private readonly ReplayBuffer _replay;
    private readonly ActionSampler _sampler;
    private readonly LinearSchedule _epsilon;
    private readonly float[] _values = new float[Actions];
    private readonly float[] _states;
    private readonly float[] _nextStates;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminals;
    private readonly float[] _batchValues;
    private readonly float[] _nextOnline;
    private readonly float[] _nextTarget;
    private readonly float[] _targets;
    private readonly float[] _gradients;

    public DqnAgent(DqnSettings settings, int seed)
    {
        _settings = settings;
        _online = new QNetwork(seed) { LearningRate = settings.LearningRate };
        _target = new QNetwork(seed);
        _online.CopyParametersTo(_target);
        _replay = new ReplayBuffer(settings.ReplayCapacity, States, Actions, seed);
        _sampler = new ActionSampler(seed);
        _epsilon = new LinearSchedule(settings.EpsilonStart, settings.EpsilonEnd, settings.EpsilonSteps);
        int rows = settings.Batch;
        _states = new float[rows * States];
        _nextStates = new float[rows * States];
        _actions = new int[rows];
        _rewards = new float[rows];
        _terminals = new bool[rows];
        _batchValues = new float[rows * Actions];
        _nextOnline = new float[rows * Actions];
        _nextTarget = new float[rows * Actions];
        _targets = new float[rows];
        _gradients = new float[rows * Actions];
    }

    /// <summary>The environment steps seen.</summary>
    public long Steps { get; private set; }

    /// <summary>The gradient steps taken.</summary>
    public long Updates => _online.Step;

    /// <summary>The exploration rate of the next training step.</summary>
    public float Epsilon => _epsilon.ValueAt(Steps);

    /// <summary>The action for a training step: epsilon-greedy.</summary>
    public int Explore(ReadOnlySpan<float> state)
    {
        _online.Predict(state, _values);
        return _sampler.EpsilonGreedy(_values, Epsilon);
    }

    /// <summary>The action of the learned policy: greedy.</summary>
    public int Act(ReadOnlySpan<float> state)
    {
        _online.Predict(state, _values);
        return ActionSampler.Greedy(_values);
    }

    /// <summary>Stores a transition and, once the replay buffer holds enough, learns from one sampled batch.</summary>
    public void Observe(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState, bool terminated, bool truncated)
    {
        // A time limit is not a terminal state: the next state's value is still bootstrapped.
        _replay.Add(state, action, reward, nextState, terminated);
        Steps++;
        if (_replay.Count >= _settings.LearningStarts)
        {
            Learn();
        }
    }

    private void Learn()
    {
        _replay.Sample(_states, _actions, _rewards, _nextStates, _terminals);
        _target.PredictBatch(_nextStates, _nextTarget);
        if (_settings.DoubleDqn)
        {
            _online.PredictBatch(_nextStates, _nextOnline);
            QLearning.DoubleTargets(_rewards, _terminals, _nextOnline, _nextTarget, _settings.Gamma, _targets);
        }
        else
        {
            QLearning.Targets(_rewards, _terminals, _nextTarget, _settings.Gamma, _targets);
        }

        _online.Forward(_states, _batchValues);
        QLearning.Gradient(_batchValues, _actions, _targets, _gradients, _settings.Loss);
        _online.Backward(_gradients);
        _online.ApplyGradients();
        _online.SoftUpdate(_target, _settings.Tau);
    }
}
