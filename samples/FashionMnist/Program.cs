using System.Diagnostics;
using FashionMnist;
using NetGen;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// The classic TensorFlow Fashion-MNIST example: 784-128-10 with dropout and Adam, stopped early
// on a validation split (restoring the best weights), scored on the official 10,000 test images;
// then a convolutional network of LeNet-5's shape trained the same way, and both accuracies side by side.
bool quick = SampleData.Start(args);
int epochs = quick ? 2 : 20;
var clock = Stopwatch.StartNew();
string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

Dataset train = IdxLoader.LoadImagesAndLabels(SampleData.File("fashion_mnist", "train20k-images-idx3-ubyte.gz"), SampleData.File("fashion_mnist", "train20k-labels-idx1-ubyte.gz"));
Dataset test = IdxLoader.LoadImagesAndLabels(SampleData.File("fashion_mnist", "t10k-images-idx3-ubyte.gz"), SampleData.File("fashion_mnist", "t10k-labels-idx1-ubyte.gz"));
(Dataset fit, Dataset validation) = DatasetSplitter.TrainTestSplit(train, 0.1, seed: 2, stratify: true);
AnsiConsole.MarkupLine($"[bold]Fashion-MNIST[/]: {fit.Count} training, {validation.Count} validation and {test.Count} test images; up to {epochs} epochs, early stopping on validation loss (patience 3)");

(double denseAccuracy, string densePlot) = TrainAndScore(new FashionNet(seed: 2), "dense", "fashion-mnist-training.png");
(double convAccuracy, string convPlot) = TrainAndScore(new FashionConvNet(seed: 2), "convolutional", "fashion-mnist-conv-training.png");

AnsiConsole.MarkupLine($"[bold]Test accuracy: dense {denseAccuracy:P2}, convolutional {convAccuracy:P2}[/] ({test.Count} images)");
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(densePlot)}, {SampleData.Display(convPlot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return denseAccuracy >= (quick ? 0.78 : 0.85) && convAccuracy >= (quick ? 0.78 : 0.85) ? 0 : 1;

// Trains one network with early stopping on the validation split, prints its epochs and its per-class scores on the
// test images, plots its curves, and returns its test accuracy and the plot's path.
(double Accuracy, string Plot) TrainAndScore(INetwork network, string kind, string plotFile)
{
    AnsiConsole.MarkupLine($"[bold]{kind}[/]: {network.Architecture}");
    TrainingHistory history = TrainingProgress.Run($"Fashion-MNIST, {kind}", epochs, progress => network.Fit(fit, new FitOptions
    {
        Epochs = epochs,
        Seed = 2,
        Validation = validation,
        Metrics = [Metric.Accuracy],
        EarlyStopping = new EarlyStopping { Monitor = "val_loss", Patience = 3 },
        Progress = progress,
    }));

    var epochsTable = new Table().Title($"Training, {kind}").AddColumns("epoch", "loss", "val loss", "val accuracy", "rows/s");
    foreach (EpochReport report in history.Epochs)
    {
        string marker = report.Epoch == history.BestEpoch ? " [green](best)[/]" : "";
        epochsTable.AddRow($"{report.Epoch}{marker}", $"{report.Loss:F4}", $"{report.ValidationLoss:F4}", $"{report.Metrics["val_accuracy"]:P2}", $"{report.RowsPerSecond:N0}");
    }

    AnsiConsole.Write(epochsTable);
    AnsiConsole.MarkupLine(history.StopMessage is null
        ? $"Ran all {history.Epochs.Count} epochs; the weights of epoch {history.BestEpoch} (lowest validation loss) were kept."
        : Markup.Escape(history.StopMessage) + $" The weights of epoch {history.BestEpoch} were restored.");

    float[] outputs = Predictions.Predict(network, test);
    ConfusionMatrix confusion = ConfusionMatrix.Compute(test.Classes(), Predictions.Classes(outputs, network.OutputSize), 10);
    ClassificationReport.PerClass(confusion, "class", names);
    string plot = Charts.Lines(plotFile, $"Fashion-MNIST, {kind}: {network.Architecture}", "epoch", "value",
        [("training loss", history.Losses), ("validation loss", history.ValidationLosses), ("validation accuracy", history.Values("val_accuracy"))]);
    AnsiConsole.MarkupLine($"{kind}: test accuracy {confusion.Accuracy:P2}, macro F1 {confusion.F1(Averaging.Macro):F4}, test log loss {ProbabilisticMetrics.LogLoss(test.Classes(), outputs, 10):F4}");
    return (confusion.Accuracy, plot);
}
