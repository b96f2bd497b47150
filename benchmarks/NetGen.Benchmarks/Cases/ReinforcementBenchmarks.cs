using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Networks;
using NetGen.Reinforcement;

namespace NetGen.Benchmarks.Cases;

/// <summary>
/// One frame of online learning as a game runs it, with CartPole's Q-network (4-64-64-2 ReLU, Adam): store the frame's
/// transition in a replay buffer, choose the next action epsilon-greedily, then one Double DQN step on a sampled batch
/// (target and online values of the next states, targets, forward, Huber gradient on the taken actions, backward,
/// optimizer update) and a soft update of the target network. Every call must allocate 0 B.
/// </summary>
[MemoryDiagnoser]
public class ReinforcementBenchmarks
{
    private const int States = 4;
    private const int Actions = 2;
    private readonly float[] _state = new float[States];
    private readonly float[] _nextState = new float[States];
    private readonly float[] _values = new float[Actions];
    private QValueNet _online = null!;
    private QValueNet _target = null!;
    private ReplayBuffer _replay = null!;
    private ActionSampler _sampler = null!;
    private DeterministicRandom _random;
    private float[] _states = null!;
    private float[] _nextStates = null!;
    private int[] _actions = null!;
    private float[] _rewards = null!;
    private bool[] _terminals = null!;
    private float[] _batchValues = null!;
    private float[] _nextOnline = null!;
    private float[] _nextTarget = null!;
    private float[] _targets = null!;
    private float[] _gradients = null!;

    /// <summary>The transitions of one training step.</summary>
    [Params(32, 64)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _online = new QValueNet(seed: 1);
        _target = new QValueNet(seed: 2);
        _online.CopyParametersTo(_target);
        _replay = new ReplayBuffer(50_000, States, Actions, seed: 1);
        _sampler = new ActionSampler(seed: 1);
        _random = new DeterministicRandom(7);
        _states = new float[Rows * States];
        _nextStates = new float[Rows * States];
        _actions = new int[Rows];
        _rewards = new float[Rows];
        _terminals = new bool[Rows];
        _batchValues = new float[Rows * Actions];
        _nextOnline = new float[Rows * Actions];
        _nextTarget = new float[Rows * Actions];
        _targets = new float[Rows];
        _gradients = new float[Rows * Actions];

        // A buffer that holds varied experience, as after the first minutes of a game.
        for (int i = 0; i < 10_000; i++)
        {
            Frame(learn: false);
        }
    }

    [Benchmark(Description = "Double DQN frame: Add, epsilon-greedy Predict, train on a batch, SoftUpdate")]
    public float DqnFrame() => Frame(learn: true);

    private float Frame(bool learn)
    {
        for (int i = 0; i < States; i++)
        {
            _nextState[i] = Math.Clamp(_state[i] + ((_random.NextSingle() - 0.5f) * 0.1f), -1f, 1f);
        }

        _online.Predict(_state, _values);
        int action = _sampler.EpsilonGreedy(_values, 0.05f);
        bool terminal = _random.NextSingle() < 0.02f;
        _replay.Add(_state, action, 1f, _nextState, terminal);
        if (terminal)
        {
            _state.AsSpan().Clear();
        }
        else
        {
            _nextState.AsSpan().CopyTo(_state);
        }

        if (!learn)
        {
            return 0f;
        }

        _replay.Sample(_states, _actions, _rewards, _nextStates, _terminals);
        _target.PredictBatch(_nextStates, _nextTarget);
        _online.PredictBatch(_nextStates, _nextOnline);
        QLearning.DoubleTargets(_rewards, _terminals, _nextOnline, _nextTarget, 0.99f, _targets);
        _online.Forward(_states, _batchValues);
        float loss = QLearning.Gradient(_batchValues, _actions, _targets, _gradients);
        _online.Backward(_gradients);
        _online.ApplyGradients();
        _online.SoftUpdate(_target, 0.005f);
        return loss;
    }
}
