using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using CartPole;
using NetGen.Samples;
using Spectre.Console;

// Cart-pole balancing (CartPole-v1's physics, 500-step limit and reward), learned online by two agents: Double DQN with
// experience replay and a soft-updated target network, then advantage actor-critic. A run is solved when the greedy
// policy's mean return over 100 consecutive episodes reaches 475. --quick (for CI) runs one seed of each to a lower
// threshold; the process exits with 1 when a run falls short.
bool quick = SampleData.Start(args);
var clock = Stopwatch.StartNew();
int[] seeds = quick ? [1] : [1, 2, 3];
Criterion dqnCriterion = quick ? new Criterion(195, 20, 400) : new Criterion(475, 100, 1500);
Criterion actorCriticCriterion = quick ? new Criterion(195, 20, 1500) : new Criterion(475, 100, 5000);

AnsiConsole.MarkupLine("[bold]CartPole-v1[/]: push a cart left or right to keep its pole up, 1 point a step, at most 500");
AnsiConsole.MarkupLine($"Q-network {QNetwork.Architecture}");
AnsiConsole.MarkupLine($"actor {PolicyNetwork.Architecture}, critic {ValueNetwork.Architecture}");
AnsiConsole.MarkupLine(quick
    ? $"--quick: seed {seeds[0]}, solved at a mean of {dqnCriterion.Threshold} over {dqnCriterion.EvaluationEpisodes} greedy episodes"
    : $"seeds {string.Join(", ", seeds)}, solved at a mean of {dqnCriterion.Threshold} over {dqnCriterion.EvaluationEpisodes} consecutive greedy episodes");

var results = new List<RunResult>();
foreach (int seed in seeds)
{
    results.Add(Training.Run("Double DQN", new DqnAgent(new DqnSettings(), seed), seed, dqnCriterion));
    Report(results[^1]);
}

foreach (int seed in seeds)
{
    results.Add(Training.Run("actor-critic", new ActorCriticAgent(new ActorCriticSettings(), seed), seed, actorCriticCriterion));
    Report(results[^1]);
}

var table = new Table().AddColumn("agent").AddColumn(new TableColumn("seed").RightAligned()).AddColumn("solved")
    .AddColumn(new TableColumn("episodes").RightAligned()).AddColumn(new TableColumn("env steps").RightAligned())
    .AddColumn(new TableColumn("updates").RightAligned()).AddColumn(new TableColumn("greedy mean").RightAligned())
    .AddColumn(new TableColumn("wall time").RightAligned());
foreach (RunResult r in results)
{
    table.AddRow(r.Agent, $"{r.Seed}", r.Solved ? "yes" : "[red]no[/]", $"{r.Episodes}", $"{r.Steps:N0}", $"{r.Updates:N0}", $"{r.EvaluationMean:F1}", $"{r.Seconds:F1} s");
}

AnsiConsole.Write(table);
string plot = Charts.Lines(
    "cartpole-returns.png",
    "CartPole-v1: training episode return (mean of the last 10)",
    "episode",
    "return",
    results.Select(r => ($"{r.Agent}, seed {r.Seed}", MovingAverage(r.Returns, 10))).ToList());
AnsiConsole.MarkupLine($"Plot: {SampleData.Display(plot)}");
int failed = results.Count(r => !r.Solved);
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s: {results.Count - failed} of {results.Count} runs solved");
return failed == 0 ? 0 : 1;

static void Report(RunResult r) => AnsiConsole.MarkupLine(r.Solved
    ? $"{r.Agent}, seed {r.Seed}: solved after {r.Episodes} episodes ({r.Steps:N0} steps) in {r.Seconds:F1} s, greedy mean {r.EvaluationMean:F1}"
    : $"[red]{r.Agent}, seed {r.Seed}: not solved in {r.Episodes} episodes[/] ({r.Steps:N0} steps, {r.Seconds:F1} s; last greedy mean {r.EvaluationMean:F1})");

static double[] MovingAverage(double[] values, int window)
{
    var averages = new double[values.Length];
    double sum = 0;
    for (int i = 0; i < values.Length; i++)
    {
        sum += values[i];
        if (i >= window)
        {
            sum -= values[i - window];
        }

        averages[i] = sum / Math.Min(i + 1, window);
    }

    return averages;
}
