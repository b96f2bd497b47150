using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.ModelSelection;
using NetGen.Schedules;
using NetGen.Training;
using Xunit;

namespace NetGen.Training.Tests;

public class ModelSelectionTests
{
    [Fact]
    public void Cross_validation_result_has_the_mean_and_population_deviation()
    {
        var result = new CrossValidationResult("accuracy", [1, 2, 3, 4]);
        Assert.Equal(2.5, result.Mean, 12);
        Assert.Equal(Math.Sqrt(1.25), result.StandardDeviation, 12);
        Assert.Equal("accuracy 2.5000 ± 1.1180 (4 folds)", result.ToString());
    }

    [Fact]
    public void Cross_validation_trains_a_fresh_network_per_fold_with_preprocessing_fitted_on_its_training_part()
    {
        Dataset data = TestData.Linear(50, seed: 1);
        var fittedRows = new List<int>();
        var created = new List<INetwork>();
        var options = new ModelSelectionOptions
        {
            Metric = Metric.R2,
            Folds = 5,
            Fit = new FitOptions { Epochs = 20 },
            Preprocessing = train =>
            {
                fittedRows.Add(train.Count);
                return StandardScaler.Fit(train);
            },
        };
        CrossValidationResult result = CrossValidation.Run(data, options, seed =>
        {
            var network = new LinearNet(seed);
            created.Add(network);
            return network;
        });

        Assert.Equal(5, result.Scores.Count);
        Assert.Equal(new[] { 40, 40, 40, 40, 40 }, fittedRows);
        Assert.Equal(5, created.Distinct().Count());
        Assert.All(result.Scores, score => Assert.True(score > 0.99, $"R2 {score}"));
        Assert.Equal(result.Scores.Average(), result.Mean, 12);
    }

    [Fact]
    public void Cross_validation_is_deterministic_for_the_same_seeds()
    {
        Dataset data = TestData.Blobs(60, seed: 3);
        var options = new ModelSelectionOptions { Metric = Metric.Accuracy, Folds = 3, Stratified = true, Seed = 4, NetworkSeed = 2, Fit = new FitOptions { Epochs = 3 } };
        CrossValidationResult a = CrossValidation.Run<ClassifierNet>(data, options);
        CrossValidationResult b = CrossValidation.Run<ClassifierNet>(data, options);
        Assert.Equal(a.Scores, b.Scores);
    }

    [Fact]
    public void Grid_candidates_are_every_combination_with_the_last_axis_fastest()
    {
        var grid = new ParameterGrid().Add(Hyperparameter.LearningRate, 0.1f, 0.01f).Add(Hyperparameter.L2, 0f, 1e-3f, 1e-2f);
        IReadOnlyList<SearchCandidate> candidates = grid.Candidates();
        Assert.Equal(6, grid.Count);
        Assert.Equal(6, candidates.Count);
        Assert.Equal("LearningRate=0.1, L2=0", candidates[0].ToString());
        Assert.Equal("LearningRate=0.1, L2=0.001", candidates[1].ToString());
        Assert.Equal(0.01f, candidates[5][Hyperparameter.LearningRate]);
        Assert.Equal(1e-2f, candidates[5][Hyperparameter.L2]);
        Assert.Throws<ArgumentException>(() => grid.Add(Hyperparameter.L2, 1f));
    }

    [Fact]
    public void Grid_search_ranks_candidates_and_puts_diverged_ones_last()
    {
        Dataset data = TestData.Linear(40, seed: 5);
        var grid = new ParameterGrid().Add(Hyperparameter.LearningRate, 1e-4f, 0.1f, 80f);
        var reported = new List<SearchResult>();
        SearchResults results = HyperparameterSearch.Grid<LinearNet>(data, grid, new ModelSelectionOptions
        {
            Metric = Metric.MeanSquaredError,
            Folds = 4,
            Fit = new FitOptions { Epochs = 15 },
        }, new SynchronousProgress<SearchResult>(reported));

        Assert.Equal(3, reported.Count);
        Assert.Equal(0.1f, results.Best.Candidate[Hyperparameter.LearningRate]);
        Assert.Equal(1e-4f, results.Ranked[1].Candidate[Hyperparameter.LearningRate]);
        Assert.True(double.IsNaN(results.Ranked[2].Score.Mean));
        Assert.Equal(new[] { 1, 2, 3 }, results.Ranked.Select(r => r.Rank));
        string table = results.ToTable();
        Assert.Contains("diverged", table, StringComparison.Ordinal);
        Assert.Contains("LearningRate=0.1", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_search_draws_reproducible_values_inside_the_ranges_and_can_use_a_validation_split()
    {
        var space = new SearchSpace()
            .Add(Hyperparameter.LearningRate, ParameterDistribution.LogUniform(1e-3f, 1e-1f))
            .Add(Hyperparameter.L2, ParameterDistribution.Choice(0f, 1e-4f));
        IReadOnlyList<SearchCandidate> a = space.Sample(50, seed: 7);
        IReadOnlyList<SearchCandidate> b = space.Sample(50, seed: 7);
        Assert.Equal(a.Select(c => c.ToString()), b.Select(c => c.ToString()));
        Assert.All(a, c => Assert.InRange(c[Hyperparameter.LearningRate], 1e-3f, 1e-1f));
        Assert.Contains(a, c => c[Hyperparameter.LearningRate] < 1e-2f);
        Assert.Contains(a, c => c[Hyperparameter.LearningRate] > 1e-2f);
        Assert.All(a, c => Assert.Contains(c[Hyperparameter.L2], new[] { 0f, 1e-4f }));

        Dataset data = TestData.Blobs(60, seed: 8);
        SearchResults results = HyperparameterSearch.Random<ClassifierNet>(data, space, 3, new ModelSelectionOptions
        {
            Metric = Metric.Accuracy,
            ValidationFraction = 0.25,
            Stratified = true,
            Fit = new FitOptions { Epochs = 2 },
        });
        Assert.Equal(3, results.Ranked.Count);
        Assert.All(results.Ranked, r => Assert.Single(r.Score.Scores));
        Assert.True(results.Ranked[0].Score.Mean >= results.Ranked[2].Score.Mean);
    }

    [Fact]
    public void Searching_the_learning_rate_under_a_schedule_or_with_fit_validation_data_is_rejected()
    {
        Dataset data = TestData.Linear(20, seed: 9);
        var grid = new ParameterGrid().Add(Hyperparameter.LearningRate, 0.1f);
        Assert.Contains("schedule", Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid<LinearNet>(data, grid, new ModelSelectionOptions
        {
            Metric = Metric.MeanSquaredError,
            Fit = new FitOptions { Schedule = LearningRateSchedule.Constant(0.1f) },
        })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CrossValidation.Run<LinearNet>(data, new ModelSelectionOptions { Metric = Metric.R2, Fit = new FitOptions { Validation = data } }));
    }

    [Fact]
    public void Hyperparameter_access_reads_and_replaces_every_field()
    {
        var values = new LinearNet().Hyperparameters;
        foreach (Hyperparameter name in Enum.GetValues<Hyperparameter>())
        {
            Hyperparameters changed = values.With(name, 0.125f);
            Assert.Equal(0.125f, changed.Get(name));
            foreach (Hyperparameter other in Enum.GetValues<Hyperparameter>().Where(o => o != name))
            {
                Assert.Equal(values.Get(other), changed.Get(other));
            }
        }
    }

    private sealed class SynchronousProgress<T>(List<T> items) : IProgress<T>
    {
        public void Report(T value) => items.Add(value);
    }
}
