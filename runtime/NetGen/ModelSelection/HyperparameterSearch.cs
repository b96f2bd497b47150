using System;
using System.Collections.Generic;
using NetGen.Data;

namespace NetGen.ModelSelection;

/// <summary>
/// Grid search and random search over run-time hyperparameters: every candidate is applied to a
/// freshly created network (same seed for all), trained, and scored by cross-validation or on a
/// validation split (<see cref="ModelSelectionOptions.ValidationFraction"/>); the results come
/// back ranked.
/// </summary>
public static class HyperparameterSearch
{
#if NET
    /// <summary>Tries every combination of <paramref name="grid"/> on networks of type <typeparamref name="TNetwork"/>.</summary>
    /// <param name="data">The rows to train and score on (keep a test set apart).</param>
    /// <param name="grid">The values of each hyperparameter.</param>
    /// <param name="options">Metric, folds or validation fraction, training and preprocessing.</param>
    /// <param name="progress">Receives each candidate's result as soon as it is scored (rank 0 until the end), or null.</param>
    public static SearchResults Grid<TNetwork>(Dataset data, ParameterGrid grid, ModelSelectionOptions options, IProgress<SearchResult>? progress = null)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Run(data, grid.Candidates(), options, TNetwork.Create, progress);
    }

    /// <summary>Tries <paramref name="count"/> candidates drawn from <paramref name="space"/> (seeded by <see cref="ModelSelectionOptions.Seed"/>).</summary>
    /// <param name="data">The rows to train and score on (keep a test set apart).</param>
    /// <param name="space">The distribution of each hyperparameter.</param>
    /// <param name="count">The number of candidates.</param>
    /// <param name="options">Metric, folds or validation fraction, training and preprocessing.</param>
    /// <param name="progress">Receives each candidate's result as soon as it is scored (rank 0 until the end), or null.</param>
    public static SearchResults Random<TNetwork>(Dataset data, SearchSpace space, int count, ModelSelectionOptions options, IProgress<SearchResult>? progress = null)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        return Run(data, space.Sample(count, options.Seed), options, TNetwork.Create, progress);
    }
#else
    /// <summary>Tries every combination of <paramref name="grid"/> on networks made by <paramref name="createNetwork"/>.</summary>
    /// <param name="data">The rows to train and score on (keep a test set apart).</param>
    /// <param name="grid">The values of each hyperparameter.</param>
    /// <param name="options">Metric, folds or validation fraction, training and preprocessing.</param>
    /// <param name="createNetwork">Makes a fresh network from a seed: the generated type's <c>Create</c>.</param>
    /// <param name="progress">Receives each candidate's result as soon as it is scored (rank 0 until the end), or null.</param>
    public static SearchResults Grid(Dataset data, ParameterGrid grid, ModelSelectionOptions options, Func<int, INetwork> createNetwork, IProgress<SearchResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Run(data, grid.Candidates(), options, createNetwork, progress);
    }

    /// <summary>Tries <paramref name="count"/> candidates drawn from <paramref name="space"/> (seeded by <see cref="ModelSelectionOptions.Seed"/>)
    /// on networks made by <paramref name="createNetwork"/>.</summary>
    /// <param name="data">The rows to train and score on (keep a test set apart).</param>
    /// <param name="space">The distribution of each hyperparameter.</param>
    /// <param name="count">The number of candidates.</param>
    /// <param name="options">Metric, folds or validation fraction, training and preprocessing.</param>
    /// <param name="createNetwork">Makes a fresh network from a seed: the generated type's <c>Create</c>.</param>
    /// <param name="progress">Receives each candidate's result as soon as it is scored (rank 0 until the end), or null.</param>
    public static SearchResults Random(Dataset data, SearchSpace space, int count, ModelSelectionOptions options, Func<int, INetwork> createNetwork, IProgress<SearchResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        return Run(data, space.Sample(count, options.Seed), options, createNetwork, progress);
    }
#endif

    /// <summary>Scores the given candidates on networks made by <paramref name="createNetwork"/>.</summary>
    public static SearchResults Run(Dataset data, IReadOnlyList<SearchCandidate> candidates, ModelSelectionOptions options, Func<int, INetwork> createNetwork, IProgress<SearchResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(createNetwork);
        options.Validate();
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There are no candidates to try.", nameof(candidates));
        }

        if (options.Fit.Schedule is not null)
        {
            foreach (SearchCandidate candidate in candidates)
            {
                foreach (KeyValuePair<Hyperparameter, float> pair in candidate.Values)
                {
                    if (pair.Key == Hyperparameter.LearningRate)
                    {
                        throw new ArgumentException("The fit options' learning-rate schedule would override the searched learning rate: search the schedule's parameters instead, or remove it.", nameof(options));
                    }
                }
            }
        }

        DatasetSplit? holdout = options.ValidationFraction > 0
            ? DatasetSplitter.Split(data, options.ValidationFraction, 0, options.Seed, options.Stratified)
            : null;
        var scores = new List<CrossValidationResult>(candidates.Count);
        foreach (SearchCandidate candidate in candidates)
        {
            Func<int, INetwork> create = seed =>
            {
                INetwork network = createNetwork(seed);
                network.Hyperparameters = candidate.ApplyTo(network.Hyperparameters);
                return network;
            };
            CrossValidationResult score = holdout is null
                ? CrossValidation.Run(data, options, create)
                : new CrossValidationResult(options.Metric.Name, [CrossValidation.Score(holdout.Train, holdout.Validation, options, create)]);
            scores.Add(score);
            progress?.Report(new SearchResult(0, candidate, score));
        }

        return SearchResults.Rank(options.Metric.Name, options.Metric.GreaterIsBetter, candidates, scores);
    }
}
