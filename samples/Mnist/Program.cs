using System;
using System.Diagnostics;
using Mnist;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// The classic PyTorch MNIST example: a 784-128-10 perceptron trained with softmax cross-entropy
// and SGD (momentum 0.9) on 8,000 handwritten digits, scored on 2,000 others.
bool quick = SampleData.Start(args);
int epochs = quick ? 2 : 15;
var clock = Stopwatch.StartNew();

Dataset train = IdxLoader.LoadImagesAndLabels(SampleData.File("mnist", "train8k-images-idx3-ubyte.gz"), SampleData.File("mnist", "train8k-labels-idx1-ubyte.gz"));
Dataset test = IdxLoader.LoadImagesAndLabels(SampleData.File("mnist", "test2k-images-idx3-ubyte.gz"), SampleData.File("mnist", "test2k-labels-idx1-ubyte.gz"));
(Dataset fit, Dataset validation) = DatasetSplitter.TrainTestSplit(train, 0.1, seed: 1, stratify: true);
AnsiConsole.MarkupLine($"[bold]MNIST[/]: {MnistNet.Architecture}");
AnsiConsole.MarkupLine($"{fit.Count} training, {validation.Count} validation and {test.Count} test images; {MnistNet.ParameterCount:N0} parameters; {epochs} epochs of batches of {MnistNet.BatchSize}");

var network = new MnistNet(seed: 1);
TrainingHistory history = TrainingProgress.Run("MNIST", epochs, progress => network.Fit(fit, new FitOptions
{
    Epochs = epochs,
    Seed = 1,
    Validation = validation,
    Metrics = [Metric.Accuracy],
    Progress = progress,
}));

float[] outputs = Predictions.Predict(network, test);
int[] actual = test.Classes();
int[] predicted = Predictions.Classes(outputs, MnistNet.OutputSize);
ConfusionMatrix confusion = ConfusionMatrix.Compute(actual, predicted, 10);

var epochsTable = new Table().Title("Training").AddColumns("epoch", "loss", "val loss", "val accuracy", "rows/s");
foreach (EpochReport report in history.Epochs)
{
    epochsTable.AddRow($"{report.Epoch}", $"{report.Loss:F4}", $"{report.ValidationLoss:F4}", $"{report.Metrics["val_accuracy"]:P2}", $"{report.RowsPerSecond:N0}");
}

AnsiConsole.Write(epochsTable);

ClassificationReport.PerClass(confusion, "digit");
ClassificationReport.Matrix(confusion, "digit");

string lossPlot = Charts.Lines("mnist-loss.png", "MNIST 784-128-10, SGD momentum 0.9", "epoch", "cross-entropy",
    [("training loss", history.Losses), ("validation loss", history.ValidationLosses)]);
string accuracyPlot = Charts.Lines("mnist-accuracy.png", "MNIST validation accuracy", "epoch", "accuracy",
    [("validation accuracy", history.Values("val_accuracy"))]);

double accuracy = confusion.Accuracy;
AnsiConsole.MarkupLine($"[bold]Test accuracy: {accuracy:P2}[/] ({confusion.Total} images), macro F1 {confusion.F1(Averaging.Macro):F4}");
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(lossPlot)}, {SampleData.Display(accuracyPlot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return accuracy >= (quick ? 0.85 : 0.93) ? 0 : 1;
