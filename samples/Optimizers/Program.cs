using System;
using System.Collections.Generic;
using System.Diagnostics;
using NetGen;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Training;
using Optimizers;
using Spectre.Console;

// Every update rule NetGen generates, first minimising f(x) = x² from x = 3 (learning rate 0.1) with a
// ParameterOptimizer on the caller's own array, then training the same 13-16-3 classifier on the wine
// data (learning rate 0.01). Each rule must
// reach the results documented in README.md (the table below); the sample exits with 1 otherwise.
bool quick = SampleData.Start(args);
var clock = Stopwatch.StartNew();
string[] names = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"];

// The documented results, in the order of names: |x| after 100 steps at most; wine test accuracy at
// least, after 5 epochs (--quick) and after 30.
double[] maxDistance = [1e-8, 0.02, 1e-5, 1.5, 1e-6, 0.05, 0.05];
double[] minAccuracyQuick = [0.80, 0.93, 0.93, 0.88, 0.93, 0.93, 0.93];
double[] minAccuracyFull = [0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95];

// Part 1: f(x) = x², minimised with a ParameterOptimizer on a one-element array, as the numpy examples do by hand: the
// gradient 2x is computed here and the optimizer applies it with the update rule a generated network runs.
Optimizer[] rules = [Optimizer.Sgd, Optimizer.Momentum, Optimizer.Nesterov, Optimizer.AdaGrad, Optimizer.RMSProp, Optimizer.Adam, Optimizer.AdamW];
const int steps = 100; // microseconds in all, so --quick shortens only the wine training
int[] shown = [0, 1, 2, 3, 5, 10, 20, 50, 100];
var trajectories = new List<(string, double[])>();
var quadraticTable = new Table().AddColumn(new TableColumn("step").RightAligned());
foreach (string name in names)
{
    quadraticTable.AddColumn(new TableColumn(name).RightAligned());
}

var xs = new double[names.Length][];
for (int o = 0; o < rules.Length; o++)
{
    var optimizer = new ParameterOptimizer(rules[o], parameterCount: 1, Hyperparameters.Defaults(rules[o]) with { LearningRate = 0.1f });
    float[] x = [3f];
    float[] gradient = new float[1];
    xs[o] = new double[steps + 1];
    var fx = new double[steps + 1];
    for (int t = 0; t <= steps; t++)
    {
        xs[o][t] = x[0];
        fx[t] = (double)x[0] * x[0];
        if (t < steps)
        {
            gradient[0] = 2f * x[0];
            optimizer.Step(x, gradient);
        }
    }

    trajectories.Add((names[o], fx));
}

foreach (int t in shown)
{
    var cells = new List<string> { $"{t}" };
    for (int o = 0; o < names.Length; o++)
    {
        cells.Add($"{xs[o][t]:F4}");
    }

    quadraticTable.AddRow(cells.ToArray());
}

AnsiConsole.MarkupLine("[bold]Minimising f(x) = x² from x = 3[/] (learning rate 0.1; x after each number of steps)");
AnsiConsole.Write(quadraticTable);

// Part 2: the wine classifier, standardised features, the same split, seed and batches for all.
Dataset wine = CsvLoader.Load(SampleData.File("wine", "wine.csv.gz"));
(Dataset rawTrain, Dataset rawTest) = DatasetSplitter.TrainTestSplit(wine, 0.25, seed: 5, stratify: true);
StandardScaler scaler = StandardScaler.Fit(rawTrain);
OneHotEncoder encoder = OneHotEncoder.Fit(rawTrain);
Dataset train = encoder.Transform(scaler.Transform(rawTrain));
Dataset test = encoder.Transform(scaler.Transform(rawTest));
Func<int, INetwork>[] classifiers =
[
    WineSgd.Create, WineMomentum.Create, WineNesterov.Create, WineAdaGrad.Create,
    WineRMSProp.Create, WineAdam.Create, WineAdamW.Create,
];
int epochs = quick ? 5 : 30;
var histories = new TrainingHistory[names.Length];
var accuracies = new double[names.Length];
for (int o = 0; o < classifiers.Length; o++)
{
    INetwork network = classifiers[o](5);
    histories[o] = TrainingProgress.Run(names[o], epochs, progress => network.Fit(train, new FitOptions { Epochs = epochs, Seed = 5, Progress = progress }));
    accuracies[o] = Metric.Accuracy.Score(network, test);
}

AnsiConsole.MarkupLine($"[bold]Wine[/] ({train.Count} training, {test.Count} test rows): 13-16(ReLU)-3(softmax), cross-entropy, learning rate 0.01, batches of 16; training loss per epoch");
var wineTable = new Table().AddColumn(new TableColumn("epoch").RightAligned());
foreach (string name in names)
{
    wineTable.AddColumn(new TableColumn(name).RightAligned());
}

foreach (int epoch in new[] { 1, 2, 3, 5, 10, 15, 20, 25, 30 })
{
    if (epoch > epochs)
    {
        continue;
    }

    var cells = new List<string> { $"{epoch}" };
    foreach (TrainingHistory history in histories)
    {
        cells.Add($"{history.Epochs[epoch - 1].Loss:F4}");
    }

    wineTable.AddRow(cells.ToArray());
}

var accuracyCells = new List<string> { "test accuracy" };
foreach (double accuracy in accuracies)
{
    accuracyCells.Add($"{accuracy:P1}");
}

wineTable.AddEmptyRow();
wineTable.AddRow(accuracyCells.ToArray());
AnsiConsole.Write(wineTable);

var curves = new List<(string, double[])>();
for (int o = 0; o < names.Length; o++)
{
    curves.Add((names[o], histories[o].Losses));
}

string quadraticPlot = Charts.Lines("optimizers-quadratic.png", "f(x) = x² from x = 3, learning rate 0.1", "step", "f(x)", trajectories, logY: true);
string winePlot = Charts.Lines("optimizers-wine.png", "Wine 13-16-3, learning rate 0.01", "epoch", "training loss", curves);
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(quadraticPlot)}, {SampleData.Display(winePlot)}");

// Every rule against its documented results.
double[] minAccuracy = quick ? minAccuracyQuick : minAccuracyFull;
var checks = new Table()
    .AddColumn("optimizer")
    .AddColumn(new TableColumn($"|x| after {steps} steps").RightAligned())
    .AddColumn(new TableColumn("at most").RightAligned())
    .AddColumn(new TableColumn($"accuracy after {epochs} epochs").RightAligned())
    .AddColumn(new TableColumn("at least").RightAligned())
    .AddColumn("result");
var failed = new List<string>();
for (int o = 0; o < names.Length; o++)
{
    double distance = Math.Abs(xs[o][steps]);
    bool reached = distance <= maxDistance[o] && accuracies[o] >= minAccuracy[o];
    if (!reached)
    {
        failed.Add(names[o]);
    }

    checks.AddRow(names[o], $"{distance:G3}", $"{maxDistance[o]:G3}", $"{accuracies[o]:P1}", $"{minAccuracy[o]:P0}", reached ? "reached" : "[red]NOT REACHED[/]");
}

AnsiConsole.Write(checks);
AnsiConsole.MarkupLine(failed.Count == 0
    ? "Every optimizer reached its documented distance and accuracy."
    : $"[red]Below the documented results: {string.Join(", ", failed)}[/]");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return failed.Count == 0 ? 0 : 1;
