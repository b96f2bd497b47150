using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace CartPole;

/// <summary>What one training run gave: its training returns, its evaluations, and whether and when it solved the task.</summary>
internal sealed record RunResult(int Seed, bool Solved, int Episodes, long Steps, long Updates, double Seconds, double EvaluationMean, int Evaluations, double[] Returns);

/// <summary>Trains an agent episode after episode until an evaluation of its policy reaches the threshold or the budget is spent.</summary>
internal static class Training
{
    /// <summary>The training episodes between two evaluations at least.</summary>
    private const int EvaluationGap = 5;

    public static RunResult Dqn(DqnSettings settings, int seed, double threshold, int evaluationEpisodes, int maxEpisodes)
    {
        var clock = Stopwatch.StartNew();
        var agent = new DqnAgent(settings, seed);
        var environment = new CartPoleEnvironment(seed);
        var evaluator = new Evaluator(seed + 100_000);
        var observation = new float[CartPoleEnvironment.StateSize];
        var state = new float[CartPoleEnvironment.StateSize];
        var next = new float[CartPoleEnvironment.StateSize];
        var returns = new List<double>();
        int lastEvaluation = -EvaluationGap;
        int evaluations = 0;
        Evaluation evaluation = default;
        for (int episode = 1; episode <= maxEpisodes; episode++)
        {
            environment.Reset(observation);
            CartPoleEnvironment.Scale(observation, state);
            float total = 0;
            while (true)
            {
                int action = agent.Explore(state);
                float reward = environment.Step(action, observation, out bool terminated, out bool truncated);
                CartPoleEnvironment.Scale(observation, next);
                agent.Observe(state, action, reward, next, terminated);
                total += reward;
                if (terminated || truncated)
                {
                    break;
                }

                next.CopyTo(state, 0);
            }

            returns.Add(total);
            if (total >= threshold && episode - lastEvaluation >= EvaluationGap)
            {
                lastEvaluation = episode;
                evaluations++;
                evaluation = evaluator.Run(agent, evaluationEpisodes, threshold);
                if (evaluation.Solved)
                {
                    return new RunResult(seed, true, episode, agent.Steps, agent.Updates, clock.Elapsed.TotalSeconds, evaluation.Mean, evaluations, returns.ToArray());
                }
            }
        }

        return new RunResult(seed, false, maxEpisodes, agent.Steps, agent.Updates, clock.Elapsed.TotalSeconds, evaluation.Mean, evaluations, returns.ToArray());
    }
}
