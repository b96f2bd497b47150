using System;
using NetGen;
using NetGen.Reinforcement;

namespace GameAgent;

/// <summary>
/// The agent's action values: 9 observations, two hidden layers of 32 ReLU units, one value per action. One step per
/// frame on 16 rows at a learning rate of 0.002 keeps the agent's work near 7.5 µs a frame; 32 rows at 0.001 take about
/// 13 µs and catch 11.0 targets per episode at the end of the full run, against 9.7.
/// </summary>
[Network(Arena.ObservationSize, Optimizer = Optimizer.Adam, LearningRate = 2e-3f, ClipNorm = 10f, BatchSize = 16)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(Arena.ActionCount)]
public partial class ArenaQNetwork
{
}

/// <summary>
/// The agent's brain, learning while the game runs: each frame it chooses an action epsilon-greedily, stores what the
/// last action led to in a prioritised replay buffer, and takes one Double DQN step on a batch drawn from it (Huber loss
/// weighted by the importance-sampling weights, new priorities from the errors), then moves its target network a little
/// towards the online one. Everything is allocated here; a frame allocates nothing.
/// </summary>
internal sealed class Learner
{
    private const int Observations = Arena.ObservationSize;
    private const int Actions = Arena.ActionCount;
    private const int Rows = ArenaQNetwork.BatchSize;
    private const float Gamma = 0.9f;
    private const float Tau = 0.01f;
    private const int LearningStarts = 500;

    private readonly ArenaQNetwork _online;
    private readonly ArenaQNetwork _target;
    private readonly PrioritizedReplayBuffer _replay;
    private readonly ActionSampler _sampler;
    private readonly LinearSchedule _epsilon;
    private readonly LinearSchedule _beta;
    private readonly float[] _values = new float[Actions];
    private readonly float[] _states = new float[Rows * Observations];
    private readonly float[] _nextStates = new float[Rows * Observations];
    private readonly int[] _actions = new int[Rows];
    private readonly float[] _rewards = new float[Rows];
    private readonly bool[] _terminals = new bool[Rows];
    private readonly int[] _indices = new int[Rows];
    private readonly float[] _weights = new float[Rows];
    private readonly float[] _errors = new float[Rows];
    private readonly float[] _batchValues = new float[Rows * Actions];
    private readonly float[] _nextOnline = new float[Rows * Actions];
    private readonly float[] _nextTarget = new float[Rows * Actions];
    private readonly float[] _targets = new float[Rows];
    private readonly float[] _gradients = new float[Rows * Actions];

    public Learner(int seed, long explorationFrames)
    {
        _online = new ArenaQNetwork(seed);
        _target = new ArenaQNetwork(seed);
        _online.CopyParametersTo(_target);
        _replay = new PrioritizedReplayBuffer(20_000, Observations, Actions, alpha: 0.6f, seed: seed);
        _sampler = new ActionSampler(seed);
        _epsilon = new LinearSchedule(1f, 0.05f, explorationFrames);
        _beta = new LinearSchedule(0.4f, 1f, explorationFrames * 2);
    }

    /// <summary>The frames seen.</summary>
    public long Frames { get; private set; }

    /// <summary>The current exploration rate.</summary>
    public float Epsilon => _epsilon.ValueAt(Frames);

    /// <summary>The action for this frame: random with probability <see cref="Epsilon"/>, otherwise the best valued.</summary>
    public int Choose(ReadOnlySpan<float> observation)
    {
        _online.Predict(observation, _values);
        return _sampler.EpsilonGreedy(_values, Epsilon);
    }

    /// <summary>Stores the last frame's transition and learns from one batch. The game never ends, so nothing is terminal.</summary>
    public void Learn(ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> nextObservation)
    {
        _replay.Add(observation, action, reward, nextObservation, terminal: false);
        Frames++;
        if (_replay.Count < LearningStarts)
        {
            return;
        }

        _replay.Sample(_states, _actions, _rewards, _nextStates, _terminals, _indices, _weights, _beta.ValueAt(Frames));
        _target.PredictBatch(_nextStates, _nextTarget);
        _online.PredictBatch(_nextStates, _nextOnline);
        QLearning.DoubleTargets(_rewards, _terminals, _nextOnline, _nextTarget, Gamma, _targets);
        _online.Forward(_states, _batchValues);
        QLearning.Gradient(_batchValues, _actions, _targets, _weights, _gradients, _errors, TemporalDifferenceLoss.Huber, 1f);
        _online.Backward(_gradients);
        _online.ApplyGradients();
        _replay.UpdatePriorities(_indices, _errors);
        _online.SoftUpdate(_target, Tau);
    }
}
