using System;
using System.Globalization;
using CartPole;
using NetGen.Samples;

bool quick = SampleData.Start(args);
var settings = new DqnSettings();
foreach (string arg in args)
{
    string[] kv = arg.Split('=');
    if (kv.Length != 2) continue;
    float v = float.Parse(kv[1], CultureInfo.InvariantCulture);
    settings = kv[0] switch
    {
        "lr" => settings with { LearningRate = v },
        "tau" => settings with { Tau = v },
        "eps" => settings with { EpsilonSteps = (int)v },
        "epsend" => settings with { EpsilonEnd = v },
        "start" => settings with { LearningStarts = (int)v },
        "cap" => settings with { ReplayCapacity = (int)v },
        "double" => settings with { DoubleDqn = v != 0 },
        _ => settings,
    };
}

Console.WriteLine(settings);
for (int seed = 1; seed <= 3; seed++)
{
    RunResult r = Training.Dqn(settings, seed, 475, 100, 1500);
    Console.WriteLine($"seed {seed}: solved {r.Solved} episodes {r.Episodes} steps {r.Steps} updates {r.Updates} seconds {r.Seconds:F1} eval {r.EvaluationMean:F1} evaluations {r.Evaluations}");
}
