using System.Collections.Generic;
using System.Diagnostics;
using DeepResidual;
using NetGen;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// Depth on Fashion-MNIST: eight hidden Dense(128) sigmoid layers trained with SGD and momentum, plain,
// with batch normalisation after each Dense layer, and as residual blocks with layer normalisation;
// the same data, epochs, optimizer and seed for all three. A plain stack of sigmoids this deep passes
// back little gradient to its first layers; normalisation and skip connections are what let it train.
bool quick = SampleData.Start(args);
int epochs = quick ? 2 : 10;
var clock = Stopwatch.StartNew();

Dataset train = IdxLoader.LoadImagesAndLabels(SampleData.File("fashion_mnist", "train20k-images-idx3-ubyte.gz"), SampleData.File("fashion_mnist", "train20k-labels-idx1-ubyte.gz"));
Dataset test = IdxLoader.LoadImagesAndLabels(SampleData.File("fashion_mnist", "t10k-images-idx3-ubyte.gz"), SampleData.File("fashion_mnist", "t10k-labels-idx1-ubyte.gz"));
AnsiConsole.MarkupLine($"[bold]Fashion-MNIST, eight hidden layers[/]: {train.Count} training and {test.Count} test images, {epochs} epochs each, SGD with momentum 0.9");

var runs = new List<(string Name, INetwork Network, TrainingHistory History, double Accuracy, double Seconds)>();
foreach ((string name, INetwork network) in new (string, INetwork)[]
{
    ("plain", new PlainDeepNet(seed: 4)),
    ("BatchNorm", new BatchNormDeepNet(seed: 4)),
    ("residual + LayerNorm", new ResidualDeepNet(seed: 4)),
})
{
    AnsiConsole.MarkupLine($"[bold]{name}[/]: {network.Architecture}");
    var started = Stopwatch.StartNew();
    TrainingHistory history = TrainingProgress.Run(name, epochs, progress => network.Fit(train, new FitOptions
    {
        Epochs = epochs,
        Seed = 4,
        Validation = test,
        Metrics = [Metric.Accuracy],
        Progress = progress,
    }));
    double accuracy = ConfusionMatrix.Compute(test.Classes(), Predictions.Classes(Predictions.Predict(network, test), 10), 10).Accuracy;
    runs.Add((name, network, history, accuracy, started.Elapsed.TotalSeconds));
}

var table = new Table().Title("Test set after the last epoch").AddColumns("network", "parameters", "loss, epoch 1", "loss, last epoch", "test loss", "test accuracy", "seconds");
foreach (var run in runs)
{
    table.AddRow(run.Name, $"{run.Network.ParameterCount:N0}", $"{run.History.Losses[0]:F4}", $"{run.History.Losses[^1]:F4}", $"{run.History.ValidationLosses[^1]:F4}", $"{run.Accuracy:P2}", $"{run.Seconds:F1}");
}

AnsiConsole.Write(table);
var curves = new List<(string, double[])>();
foreach (var run in runs)
{
    curves.Add(($"{run.Name}, training", run.History.Losses));
    curves.Add(($"{run.Name}, test", run.History.ValidationLosses));
}

string plot = Charts.Lines("deep-residual-loss.png", "Fashion-MNIST, eight sigmoid layers: cross-entropy per epoch", "epoch", "cross-entropy", curves);
AnsiConsole.MarkupLine($"Plot: {SampleData.Display(plot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");

// The normalised and residual networks must both end clearly ahead of the plain one.
double plain = runs[0].Accuracy;
return runs[1].Accuracy > plain + 0.02 && runs[2].Accuracy > plain + 0.02 ? 0 : 1;
