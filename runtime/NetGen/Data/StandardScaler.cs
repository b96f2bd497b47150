using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>
/// Standardisation: each feature minus its training mean, divided by its training standard
/// deviation (the population one, dividing by the count, as scikit-learn's StandardScaler).
/// A constant feature is only centred (its scale is taken as 1).
/// </summary>
public sealed class StandardScaler : IDatasetTransform
{
    private readonly float[] _means;
    private readonly float[] _scales;

    private StandardScaler(float[] means, float[] scales)
    {
        _means = means;
        _scales = scales;
    }

    /// <summary>The mean of each feature on the training set.</summary>
    public IReadOnlyList<float> Means => _means;

    /// <summary>The divisor of each feature (its standard deviation, or 1 for a constant feature).</summary>
    public IReadOnlyList<float> Scales => _scales;

    /// <summary>Learns the mean and standard deviation of every feature of <paramref name="train"/>, ignoring NaN values.</summary>
    public static StandardScaler Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int width = train.FeatureCount;
        var means = new float[width];
        var scales = new float[width];
        for (int c = 0; c < width; c++)
        {
            means[c] = ColumnStatistics.Mean(train.Features, width, c);
            float std = ColumnStatistics.StandardDeviation(train.Features, width, c, means[c]);
            scales[c] = std > 0f ? std : 1f;
        }

        return new StandardScaler(means, scales);
    }

    /// <inheritdoc/>
    public Dataset Transform(Dataset data) => FeatureWidth.TransformRows(data, _means.Length, nameof(StandardScaler), TransformRow);

    /// <summary>Standardises one row of features in place (for rows seen after training).</summary>
    public void TransformRow(Span<float> features)
    {
        FeatureWidth.CheckRow(features.Length, _means.Length, nameof(StandardScaler), nameof(features));

        for (int c = 0; c < features.Length; c++)
        {
            features[c] = (features[c] - _means[c]) / _scales[c];
        }
    }
}
