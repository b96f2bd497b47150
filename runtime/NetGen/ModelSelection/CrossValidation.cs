using System;
using System.Collections.Generic;
using NetGen.Data;
using NetGen.Training;

namespace NetGen.ModelSelection;

/// <summary>
/// k-fold cross-validation: for each fold, a fresh network is trained on the other folds
/// (preprocessing fitted on them) and scored on the held-out fold.
/// </summary>
public static class CrossValidation
{
#if NET
    /// <summary>Cross-validates the generated network type <typeparamref name="TNetwork"/>, creating each network with <see cref="ModelSelectionOptions.NetworkSeed"/>.</summary>
    /// <param name="data">Every row; the folds are drawn from it.</param>
    /// <param name="options">Metric, folds, training and preprocessing.</param>
    /// <param name="configure">Changes each new network before training (for example its hyperparameters), or null.</param>
    public static CrossValidationResult Run<TNetwork>(Dataset data, ModelSelectionOptions options, Action<TNetwork>? configure = null)
        where TNetwork : class, INetwork<TNetwork>
    {
        return Run(data, options, seed =>
        {
            TNetwork network = TNetwork.Create(seed);
            configure?.Invoke(network);
            return network;
        });
    }
#endif

    /// <summary>Cross-validates networks made by <paramref name="createNetwork"/> from a seed.</summary>
    /// <param name="data">Every row; the folds are drawn from it.</param>
    /// <param name="options">Metric, folds, training and preprocessing.</param>
    /// <param name="createNetwork">Makes a fresh network from <see cref="ModelSelectionOptions.NetworkSeed"/>.</param>
    public static CrossValidationResult Run(Dataset data, ModelSelectionOptions options, Func<int, INetwork> createNetwork)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(createNetwork);
        options.Validate();
        IReadOnlyList<Fold> folds = options.Stratified
            ? DatasetSplitter.StratifiedKFold(data, options.Folds, options.Seed)
            : DatasetSplitter.KFold(data.Count, options.Folds, options.Seed);
        var scores = new double[folds.Count];
        for (int i = 0; i < folds.Count; i++)
        {
            scores[i] = Score(folds[i].Train(data), folds[i].Test(data), options, createNetwork);
        }

        return new CrossValidationResult(options.Metric.Name, scores);
    }

    /// <summary>
    /// Trains a fresh network on <paramref name="train"/> (after preprocessing fitted on it) and
    /// scores it on <paramref name="test"/>; NaN when training diverges.
    /// </summary>
    internal static double Score(Dataset train, Dataset test, ModelSelectionOptions options, Func<int, INetwork> createNetwork)
    {
        if (options.Preprocessing is { } preprocessing)
        {
            IDatasetTransform transform = preprocessing(train);
            train = transform.Transform(train);
            test = transform.Transform(test);
        }

        INetwork network = createNetwork(options.NetworkSeed);
        try
        {
            network.Fit(train, options.Fit);
        }
        catch (TrainingDivergedException)
        {
            return double.NaN;
        }

        return options.Metric.Score(network, test);
    }
}
