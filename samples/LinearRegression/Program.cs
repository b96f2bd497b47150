using System;
using System.Collections.Generic;
using System.Diagnostics;
using LinearRegression;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Schedules;
using NetGen.Training;
using Spectre.Console;

// Linear regression on the diabetes data by gradient descent in its three forms: batch (one
// update per pass over every training row), stochastic (one row per update) and mini-batch (32
// rows), each with momentum 0.9 and the inverse square-root decay lr0 / (sqrt(t) + 1) per
// update, side by side with the exact least-squares solution.
bool quick = SampleData.Start(args);
var clock = Stopwatch.StartNew();

Dataset data = CsvLoader.Load(SampleData.File("diabetes", "diabetes.csv.gz"));
(Dataset rawTrain, Dataset rawTest) = DatasetSplitter.TrainTestSplit(data, 0.2, seed: 3);
StandardScaler scaler = StandardScaler.Fit(rawTrain);
Dataset train = scaler.Transform(rawTrain);
Dataset test = scaler.Transform(rawTest);
AnsiConsole.MarkupLine($"[bold]Diabetes regression[/]: {RegressionNet.Architecture}");
AnsiConsole.MarkupLine($"{data.Count} patients, {data.FeatureCount} standardised features; {train.Count} training and {test.Count} test rows; target: disease progression after one year");

var runs = new List<(string Name, GradientDescentMode Mode, int Epochs, float Lr0, RegressionNet Network, TrainingHistory History, double Seconds)>();
foreach ((string name, GradientDescentMode mode, int epochs, float lr0) in new[]
{
    ("batch", GradientDescentMode.FullBatch, quick ? 100 : 1000, 0.5f),
    ("stochastic", GradientDescentMode.Stochastic, quick ? 5 : 40, 0.01f),
    ("mini-batch (32)", GradientDescentMode.MiniBatch, quick ? 20 : 150, 0.1f),
})
{
    var network = new RegressionNet(seed: 3);
    var started = Stopwatch.StartNew();
    TrainingHistory history = TrainingProgress.Run(name, epochs, progress => network.Fit(train, new FitOptions
    {
        Epochs = epochs,
        Mode = mode,
        Seed = 3,
        Schedule = LearningRateSchedule.InverseSquareRoot(lr0, beta: 1f),
        ScheduleUnit = ScheduleUnit.Step,
        Validation = test,
        Progress = progress,
    }));
    runs.Add((name, mode, epochs, lr0, network, history, started.Elapsed.TotalSeconds));
}

double[] exact = LeastSquares.Fit(train.Features, train.FeatureCount, train.Targets);
var exactPredictions = new float[test.Count];
for (int r = 0; r < test.Count; r++)
{
    double y = exact[^1];
    ReadOnlySpan<float> row = test.FeatureRow(r);
    for (int i = 0; i < row.Length; i++)
    {
        y += exact[i] * row[i];
    }

    exactPredictions[r] = (float)y;
}

var coefficients = new Table().AddColumn("coefficient");
foreach (var run in runs)
{
    coefficients.AddColumn(new TableColumn(run.Name).RightAligned());
}

coefficients.AddColumn(new TableColumn("least squares").RightAligned());
var parameters = new List<float[]>();
foreach (var run in runs)
{
    var p = new float[RegressionNet.ParameterCount];
    run.Network.ExportParameters(p);
    parameters.Add(p);
}

for (int i = 0; i <= data.FeatureCount; i++)
{
    var cells = new List<string> { i < data.FeatureCount ? data.FeatureNames[i] : "intercept" };
    foreach (float[] p in parameters)
    {
        cells.Add($"{p[i]:F2}");
    }

    cells.Add($"{exact[i]:F2}");
    coefficients.AddRow(cells.ToArray());
}

AnsiConsole.MarkupLine("[bold]Coefficients[/] (per standard deviation of each feature)");
AnsiConsole.Write(coefficients);

var results = new Table().AddColumns("method", "updates", "epochs", "lr0", "test MSE", "test R²", "train MSE", "seconds");
double worstGap = 0;
double exactR2 = RegressionMetrics.R2(test.Targets, exactPredictions);
foreach (var run in runs)
{
    float[] predictions = Predictions.Predict(run.Network, test);
    double r2 = RegressionMetrics.R2(test.Targets, predictions);
    worstGap = Math.Max(worstGap, Math.Abs(r2 - exactR2));
    results.AddRow(run.Name, $"{run.Network.Step:N0}", $"{run.Epochs}", $"{run.Lr0}", $"{RegressionMetrics.MeanSquaredError(test.Targets, predictions):F1}", $"{r2:F4}",
        $"{Metric.MeanSquaredError.Score(run.Network, train):F1}", $"{run.Seconds:F2}");
}

results.AddRow("least squares", "-", "-", "-", $"{RegressionMetrics.MeanSquaredError(test.Targets, exactPredictions):F1}", $"{exactR2:F4}", "-", "-");
AnsiConsole.MarkupLine("[bold]Results[/] (momentum 0.9, learning rate lr0 / (sqrt(t) + 1) at update t)");
AnsiConsole.Write(results);

var series = new List<(string, double[])>();
foreach (var run in runs)
{
    series.Add((run.Name + " (test)", run.History.ValidationLosses));
}

string plot = Charts.Lines("linear-regression-test-mse.png", "Diabetes linear regression: test MSE per epoch", "epoch", "MSE", series, logY: true);
AnsiConsole.MarkupLine($"Plot: {SampleData.Display(plot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return worstGap <= (quick ? 0.1 : 0.02) ? 0 : 1;
