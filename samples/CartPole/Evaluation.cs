using System;

namespace CartPole;

/// <summary>An agent's learned policy, without exploration.</summary>
internal interface IPolicy
{
    /// <summary>The action for a scaled observation.</summary>
    int Act(ReadOnlySpan<float> state);
}

/// <summary>An agent that learns while it acts, one environment step at a time.</summary>
internal interface IAgent : IPolicy
{
    /// <summary>The environment steps seen.</summary>
    long Steps { get; }

    /// <summary>The gradient steps taken.</summary>
    long Updates { get; }

    /// <summary>The action for a training step (with exploration).</summary>
    int Explore(ReadOnlySpan<float> state);

    /// <summary>
    /// Learns from one step: <paramref name="terminated"/> when the pole fell or the cart left the track (no future),
    /// <paramref name="truncated"/> when the time limit cut the episode (its future is still worth something).
    /// </summary>
    void Observe(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState, bool terminated, bool truncated);
}

/// <summary>
/// The task's criterion: the mean return over 100 consecutive episodes of the learned policy (no exploration, no
/// learning) must reach the threshold, 475 for CartPole-v1. The episodes come from an environment of their own, which
/// goes on from one evaluation to the next, so that every evaluation meets new initial states.
/// </summary>
internal sealed class Evaluator(int seed)
{
    private readonly CartPoleEnvironment _environment = new(seed);
    private readonly float[] _observation = new float[CartPoleEnvironment.StateSize];
    private readonly float[] _state = new float[CartPoleEnvironment.StateSize];

    /// <summary>
    /// Runs up to <paramref name="episodes"/> episodes and stops early once the threshold can no longer be reached
    /// (even with 500 in every remaining episode).
    /// </summary>
    public Evaluation Run(IPolicy policy, int episodes, double threshold)
    {
        double total = 0;
        for (int episode = 1; episode <= episodes; episode++)
        {
            total += Episode(policy);
            if (total + ((episodes - episode) * (double)CartPoleEnvironment.MaxSteps) < threshold * episodes)
            {
                return new Evaluation(total / episode, episode, Solved: false);
            }
        }

        return new Evaluation(total / episodes, episodes, total / episodes >= threshold);
    }

    private int Episode(IPolicy policy)
    {
        _environment.Reset(_observation);
        while (true)
        {
            CartPoleEnvironment.Scale(_observation, _state);
            _environment.Step(policy.Act(_state), _observation, out bool terminated, out bool truncated);
            if (terminated || truncated)
            {
                return _environment.Steps;
            }
        }
    }
}

/// <summary>One evaluation: the mean return of the episodes run, how many ran, and whether the mean reached the threshold over all of them.</summary>
internal readonly record struct Evaluation(double Mean, int Episodes, bool Solved);
