using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace CartPole;

/// <summary>What one training run gave: its training returns, its evaluations, and whether and when it solved the task.</summary>
internal sealed record RunResult(string Agent, int Seed, bool Solved, int Episodes, long Steps, long Updates, double Seconds, double EvaluationMean, int Evaluations, double[] Returns);

/// <summary>When a run counts as solved: the mean return of the greedy policy over a number of consecutive episodes.</summary>
internal sealed record Criterion(double Threshold, int EvaluationEpisodes, int MaxEpisodes);

/// <summary>Trains an agent episode after episode until an evaluation of its policy reaches the threshold or the budget is spent.</summary>
internal static class Training
{
    /// <summary>The training episodes between two evaluations at least.</summary>
    private const int EvaluationGap = 5;

    public static RunResult Run(string name, IAgent agent, int seed, Criterion criterion)
    {
        var clock = Stopwatch.StartNew();
        var environment = new CartPoleEnvironment(seed);
        var evaluator = new Evaluator(seed + 100_000);
        var observation = new float[CartPoleEnvironment.StateSize];
        var state = new float[CartPoleEnvironment.StateSize];
        var next = new float[CartPoleEnvironment.StateSize];
        var returns = new List<double>();
        int lastEvaluation = -EvaluationGap;
        int evaluations = 0;
        Evaluation evaluation = default;
        for (int episode = 1; episode <= criterion.MaxEpisodes; episode++)
        {
            environment.Reset(observation);
            CartPoleEnvironment.Scale(observation, state);
            float total = 0;
            while (true)
            {
                int action = agent.Explore(state);
                float reward = environment.Step(action, observation, out bool terminated, out bool truncated);
                CartPoleEnvironment.Scale(observation, next);
                agent.Observe(state, action, reward, next, terminated, truncated);
                total += reward;
                if (terminated || truncated)
                {
                    break;
                }

                next.CopyTo(state, 0);
            }

            returns.Add(total);

            // The greedy policy is evaluated, on episodes of its own, once a training episode reaches the threshold.
            if (total >= criterion.Threshold && episode - lastEvaluation >= EvaluationGap)
            {
                lastEvaluation = episode;
                evaluations++;
                evaluation = evaluator.Run(agent, criterion.EvaluationEpisodes, criterion.Threshold);
                if (evaluation.Solved)
                {
                    return new RunResult(name, seed, true, episode, agent.Steps, agent.Updates, clock.Elapsed.TotalSeconds, evaluation.Mean, evaluations, returns.ToArray());
                }
            }
        }

        return new RunResult(name, seed, false, criterion.MaxEpisodes, agent.Steps, agent.Updates, clock.Elapsed.TotalSeconds, evaluation.Mean, evaluations, returns.ToArray());
    }
}
