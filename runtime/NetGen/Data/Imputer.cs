using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>How an <see cref="Imputer"/> chooses the value that replaces a missing one.</summary>
public enum ImputationStrategy
{
    /// <summary>The mean of the feature's present training values.</summary>
    Mean = 0,

    /// <summary>The median of the feature's present training values.</summary>
    Median = 1,

    /// <summary>Zero.</summary>
    Zero = 2,
}

/// <summary>
/// Replaces missing feature values (NaN, see <see cref="MissingValuePolicy.KeepNaN"/>) with a
/// statistic of the feature learnt on the training set.
/// </summary>
public sealed class Imputer : IDatasetTransform
{
    private readonly float[] _fills;

    private Imputer(float[] fills) => _fills = fills;

    /// <summary>The value that replaces a missing one, per feature.</summary>
    public IReadOnlyList<float> Fills => _fills;

    /// <summary>Learns the replacement value of every feature of <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentException">A feature has no present value to learn from (for Mean and Median).</exception>
    public static Imputer Fit(Dataset train, ImputationStrategy strategy = ImputationStrategy.Mean)
    {
        ArgumentNullException.ThrowIfNull(train);
        int width = train.FeatureCount;
        var fills = new float[width];
        for (int c = 0; c < width; c++)
        {
            fills[c] = strategy switch
            {
                ImputationStrategy.Mean => ColumnStatistics.Mean(train.Features, width, c),
                ImputationStrategy.Median => ColumnStatistics.Median(train.Features, width, c),
                ImputationStrategy.Zero => 0f,
                _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown imputation strategy."),
            };
            if (float.IsNaN(fills[c]))
            {
                throw new ArgumentException($"Feature '{train.FeatureNames[c]}' has no present value in the training set to impute from.", nameof(train));
            }
        }

        return new Imputer(fills);
    }

    /// <inheritdoc/>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        FeatureWidth.Check(data, _fills.Length, nameof(Imputer));
        float[] features = data.Features.ToArray();
        for (int i = 0; i < features.Length; i++)
        {
            if (float.IsNaN(features[i]))
            {
                features[i] = _fills[i % _fills.Length];
            }
        }

        return data.WithFeatures(features, data.FeatureCount, data.FeatureNames);
    }
}
