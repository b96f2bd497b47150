using System.Diagnostics;
using BreastCancer;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.ModelSelection;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// The classic Keras binary classifier on the Wisconsin breast cancer data: standardisation fitted
// on the training part, a stratified 80/20 split, scores on the held-out test part, then 5-fold
// stratified cross-validation with the scaler refitted inside every fold.
bool quick = SampleData.Start(args);
int epochs = quick ? 10 : 50;
var clock = Stopwatch.StartNew();

// Labels: 0 = malignant, 1 = benign (scikit-learn's convention). The sigmoid output is P(benign).
Dataset data = CsvLoader.Load(SampleData.File("breast_cancer", "breast_cancer.csv.gz"));
(Dataset rawTrain, Dataset rawTest) = DatasetSplitter.TrainTestSplit(data, 0.2, seed: 42, stratify: true);
StandardScaler scaler = StandardScaler.Fit(rawTrain);
Dataset train = scaler.Transform(rawTrain);
Dataset test = scaler.Transform(rawTest);
AnsiConsole.MarkupLine($"[bold]Breast cancer (Wisconsin)[/]: {CancerNet.Architecture}");
AnsiConsole.MarkupLine($"{data.Count} tumours, {data.FeatureCount} features; {train.Count} training and {test.Count} test rows (stratified), standardised on the training rows; {epochs} epochs");

var network = new CancerNet(seed: 42);
var fitOptions = new FitOptions { Epochs = epochs, Seed = 42 };
TrainingHistory history = TrainingProgress.Run("Breast cancer", epochs, progress => network.Fit(train, new FitOptions
{
    Epochs = epochs,
    Seed = 42,
    Validation = test,
    Metrics = [Metric.Accuracy, Metric.RocAuc],
    Progress = progress,
}));

float[] scores = Predictions.Predict(network, test);
int[] actual = test.Classes();
int[] predicted = Predictions.Classes(scores, 1);
RocCurve roc = RocCurve.Compute(actual, scores);
ConfusionMatrix confusion = ConfusionMatrix.Compute(actual, predicted, 2);

AnsiConsole.MarkupLine("[bold]Held-out test set[/] (positive class: benign)");
var results = new Table().AddColumns("metric", "value");
results.AddRow("accuracy", $"{ClassificationMetrics.Accuracy(actual, predicted):F4}");
results.AddRow("precision", $"{ClassificationMetrics.Precision(actual, predicted):F4}");
results.AddRow("recall", $"{ClassificationMetrics.Recall(actual, predicted):F4}");
results.AddRow("F1", $"{ClassificationMetrics.F1(actual, predicted):F4}");
results.AddRow("ROC-AUC", $"{roc.Area:F4}");
results.AddRow("log loss", $"{ProbabilisticMetrics.LogLoss(actual, scores, 2):F4}");
AnsiConsole.Write(results);

var matrix = new Table().Title("Confusion matrix").AddColumns("true \\ predicted", "malignant", "benign");
matrix.AddRow("malignant", $"{confusion[0, 0]}", $"{confusion[0, 1]}");
matrix.AddRow("benign", $"{confusion[1, 0]}", $"{confusion[1, 1]}");
AnsiConsole.Write(matrix);

int folds = quick ? 3 : 5;
var validation = new ModelSelectionOptions
{
    Metric = Metric.RocAuc,
    Folds = folds,
    Stratified = true,
    Seed = 7,
    NetworkSeed = 42,
    Fit = fitOptions,
    Preprocessing = StandardScaler.Fit,
};
CrossValidationResult auc = null!;
CrossValidationResult accuracy = null!;
AnsiConsole.Status().Start($"{folds}-fold cross-validation...", _ =>
{
    auc = CrossValidation.Run<CancerNet>(data, validation);
    accuracy = CrossValidation.Run<CancerNet>(data, new ModelSelectionOptions
    {
        Metric = Metric.Accuracy,
        Folds = folds,
        Stratified = true,
        Seed = 7,
        NetworkSeed = 42,
        Fit = fitOptions,
        Preprocessing = StandardScaler.Fit,
    });
});

var cv = new Table().Title($"{folds}-fold stratified cross-validation (scaler refitted per fold)").AddColumn("metric");
for (int f = 0; f < folds; f++)
{
    cv.AddColumn($"fold {f + 1}");
}

cv.AddColumn("mean ± std");
foreach (CrossValidationResult result in new[] { accuracy, auc })
{
    var cells = new string[folds + 2];
    cells[0] = result.MetricName;
    for (int f = 0; f < folds; f++)
    {
        cells[f + 1] = $"{result.Scores[f]:F4}";
    }

    cells[^1] = $"{result.Mean:F4} ± {result.StandardDeviation:F4}";
    cv.AddRow(cells);
}

AnsiConsole.Write(cv);

string rocPlot = Charts.Roc("breast-cancer-roc.png", "Breast cancer, held-out test set", roc.FalsePositiveRates, roc.TruePositiveRates, roc.Area);
string curvePlot = Charts.Lines("breast-cancer-training.png", "Breast cancer 30-128-64-1, Adam", "epoch", "binary cross-entropy",
    [("training loss", history.Losses), ("test loss", history.ValidationLosses)]);
AnsiConsole.MarkupLine($"[bold]Test ROC-AUC {roc.Area:F4}, accuracy {confusion.Accuracy:F4}; cross-validated ROC-AUC {auc.Mean:F4} ± {auc.StandardDeviation:F4}[/]");
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(rocPlot)}, {SampleData.Display(curvePlot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return roc.Area >= 0.95 && auc.Mean >= 0.95 ? 0 : 1;
