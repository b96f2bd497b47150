using System;
using System.Diagnostics;
using LeNet;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Schedules;
using NetGen.Training;
using Spectre.Console;

// LeNet-5 on MNIST: two convolutions with max pooling, then three Dense layers, trained with
// softmax cross-entropy and Adam on 8,000 handwritten digits, scored on 2,000 others. The learning
// rate starts at the network's 0.003 and falls to 0 along a half cosine over the epochs. --seed N
// chooses the initialisation and the order of the batches (1 by default).
bool quick = SampleData.Start(args);
int seed = SampleData.Seed(args, 1);
int epochs = quick ? 2 : 15;
var clock = Stopwatch.StartNew();

Dataset train = IdxLoader.LoadImagesAndLabels(SampleData.File("mnist", "train8k-images-idx3-ubyte.gz"), SampleData.File("mnist", "train8k-labels-idx1-ubyte.gz"));
Dataset test = IdxLoader.LoadImagesAndLabels(SampleData.File("mnist", "test2k-images-idx3-ubyte.gz"), SampleData.File("mnist", "test2k-labels-idx1-ubyte.gz"));

// Trained on all 8,000 images for a fixed number of epochs, as PyTorch's twin is; the test images are only watched per
// epoch (no early stopping, no choice made on them), so the curves show the test loss and accuracy.
Dataset fit = train;
Dataset validation = test;
AnsiConsole.MarkupLine($"[bold]MNIST, LeNet-5[/]: {LeNet5.Architecture}");
AnsiConsole.MarkupLine($"{fit.Count} training and {test.Count} test images; {LeNet5.ParameterCount:N0} parameters; {epochs} epochs of batches of {LeNet5.BatchSize}");

var network = new LeNet5(seed);
float peakRate = network.LearningRate;
TrainingHistory history = TrainingProgress.Run("LeNet-5", epochs, progress => network.Fit(fit, new FitOptions
{
    Epochs = epochs,
    Seed = seed,
    Schedule = LearningRateSchedule.CosineAnnealing(peakRate, epochs),
    Validation = validation,
    Metrics = [Metric.Accuracy],
    Progress = progress,
}));

float[] outputs = Predictions.Predict(network, test);
int[] actual = test.Classes();
int[] predicted = Predictions.Classes(outputs, LeNet5.OutputSize);
ConfusionMatrix confusion = ConfusionMatrix.Compute(actual, predicted, 10);

var epochsTable = new Table().Title("Training").AddColumns("epoch", "loss", "test loss", "test accuracy", "rows/s", "s/epoch");
foreach (EpochReport report in history.Epochs)
{
    epochsTable.AddRow($"{report.Epoch}", $"{report.Loss:F4}", $"{report.ValidationLoss:F4}", $"{report.Metrics["accuracy"]:P2}", $"{report.RowsPerSecond:N0}", $"{report.Duration.TotalSeconds:F2}");
}

AnsiConsole.Write(epochsTable);

ClassificationReport.PerClass(confusion, "digit");
ClassificationReport.Matrix(confusion, "digit");

string lossPlot = Charts.Lines("lenet-loss.png", $"MNIST LeNet-5, Adam, cosine from {peakRate}, seed {seed}", "epoch", "cross-entropy",
    [("training loss", history.Losses), ("test loss", history.ValidationLosses)]);
string accuracyPlot = Charts.Lines("lenet-accuracy.png", "MNIST LeNet-5 test accuracy", "epoch", "accuracy",
    [("test accuracy", history.Values("accuracy"))]);

double accuracy = confusion.Accuracy;
AnsiConsole.MarkupLine($"[bold]Test accuracy: {accuracy:P2}[/] ({confusion.Total} images), macro F1 {confusion.F1(Averaging.Macro):F4}");
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(lossPlot)}, {SampleData.Display(accuracyPlot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return accuracy >= (quick ? 0.90 : 0.975) ? 0 : 1;
