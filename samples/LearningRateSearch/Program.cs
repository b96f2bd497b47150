using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LearningRateSearch;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.ModelSelection;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// Grid search and random search of the learning rate and L2 penalty of a wine classifier, each
// candidate scored by 5-fold stratified cross-validation (the scaler refitted inside every fold),
// then the best candidate retrained on all training rows and scored once on the held-out test rows.
bool quick = SampleData.Start(args);
var clock = Stopwatch.StartNew();

Dataset wine = OneHotEncoder.ForClassCount(3).Transform(CsvLoader.Load(SampleData.File("wine", "wine.csv.gz")));
(Dataset train, Dataset test) = DatasetSplitter.TrainTestSplit(wine, 0.2, seed: 11, stratify: true);
int epochs = quick ? 5 : 20;
int folds = quick ? 3 : 5;
var options = new ModelSelectionOptions
{
    Metric = Metric.LogLoss,
    Folds = folds,
    Stratified = true,
    Seed = 11,
    NetworkSeed = 11,
    Fit = new FitOptions { Epochs = epochs, Seed = 11 },
    Preprocessing = StandardScaler.Fit,
};
AnsiConsole.MarkupLine($"[bold]Wine[/]: {WineNet.Architecture}");
AnsiConsole.MarkupLine($"{train.Count} rows searched with {folds}-fold stratified cross-validation ({epochs} epochs per fit), {test.Count} test rows kept apart; candidates ranked by log loss (lower is better)");

float[] rates = quick ? [0.001f, 0.01f, 0.1f, 1f] : [0.0003f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1f];
float[] penalties = quick ? [0f, 0.01f] : [0f, 0.001f, 0.01f, 0.1f];
var grid = new ParameterGrid().Add(Hyperparameter.LearningRate, rates).Add(Hyperparameter.L2, penalties);
SearchResults gridResults = Search($"Grid search: {grid.Count} candidates", grid.Count, progress => HyperparameterSearch.Grid<WineNet>(train, grid, options, progress));
Show("Grid search", gridResults, quick ? 5 : 10);

var space = new SearchSpace()
    .Add(Hyperparameter.LearningRate, ParameterDistribution.LogUniform(1e-4f, 1f))
    .Add(Hyperparameter.L2, ParameterDistribution.LogUniform(1e-5f, 0.1f));
int draws = quick ? 4 : 16;
SearchResults randomResults = Search($"Random search: {draws} candidates", draws, progress => HyperparameterSearch.Random<WineNet>(train, space, draws, options, progress));
Show("Random search (learning rate and L2 log-uniform)", randomResults, quick ? 4 : 10);

SearchResult best = gridResults.Best.Score.Mean <= randomResults.Best.Score.Mean ? gridResults.Best : randomResults.Best;
StandardScaler scaler = StandardScaler.Fit(train);
var network = new WineNet(seed: 11);
network.Hyperparameters = best.Candidate.ApplyTo(network.Hyperparameters);
network.Fit(scaler.Transform(train), options.Fit);
Dataset scaledTest = scaler.Transform(test);
float[] outputs = Predictions.Predict(network, scaledTest);
double accuracy = Metric.Accuracy.Score(outputs, 3, scaledTest);
double logLoss = Metric.LogLoss.Score(outputs, 3, scaledTest);

var series = new List<(string, double[], double[])>();
foreach (float l2 in penalties)
{
    var points = gridResults.Ranked.Where(r => r.Candidate[Hyperparameter.L2] == l2 && !double.IsNaN(r.Score.Mean))
        .OrderBy(r => r.Candidate[Hyperparameter.LearningRate]).ToArray();
    series.Add(($"L2 = {l2}", points.Select(r => Math.Log10(r.Candidate[Hyperparameter.LearningRate])).ToArray(), points.Select(r => r.Score.Mean).ToArray()));
}

string plot = Charts.Xy("learning-rate-search.png", $"Wine: {folds}-fold cross-validated log loss", "log10 learning rate", "log loss", series);
AnsiConsole.MarkupLine($"[bold]Best: {best.Candidate}[/] (cross-validated log loss {best.Score.Mean:F4} ± {best.Score.StandardDeviation:F4}); retrained on {train.Count} rows: [bold]test accuracy {accuracy:P1}, test log loss {logLoss:F4}[/]");
AnsiConsole.MarkupLine($"Plot: {SampleData.Display(plot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return accuracy >= 0.85 ? 0 : 1;

static SearchResults Search(string title, int count, Func<IProgress<SearchResult>, SearchResults> run)
{
    SearchResults? results = null;
    AnsiConsole.Progress().AutoClear(true)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
        .Start(context =>
        {
            ProgressTask task = context.AddTask(title, maxValue: count);
            results = run(new SearchProgress(task));
        });
    return results!;
}

static void Show(string title, SearchResults results, int rows)
{
    var table = new Table().AddColumns("rank", "learning rate", "L2", "log loss (mean ± std)", "per fold");
    foreach (SearchResult result in results.Ranked.Take(rows))
    {
        string score = double.IsNaN(result.Score.Mean) ? "diverged" : $"{result.Score.Mean:F4} ± {result.Score.StandardDeviation:F4}";
        table.AddRow($"{result.Rank}", $"{result.Candidate[Hyperparameter.LearningRate]:G3}", $"{result.Candidate[Hyperparameter.L2]:G3}", score,
            string.Join(" ", result.Score.Scores.Select(s => $"{s:F3}")));
    }

    AnsiConsole.MarkupLine($"[bold]{title}[/]: best {rows} of {results.Ranked.Count}");
    AnsiConsole.Write(table);
}

internal sealed class SearchProgress(ProgressTask task) : IProgress<SearchResult>
{
    public void Report(SearchResult value) => task.Increment(1);
}
