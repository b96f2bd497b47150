using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>
/// Min-max scaling: each feature mapped linearly so that its training minimum becomes
/// <see cref="RangeMin"/> and its training maximum <see cref="RangeMax"/> (default [0, 1]).
/// A constant feature maps to <see cref="RangeMin"/>. Values outside the training range map
/// outside the target range (no clipping), as scikit-learn's MinMaxScaler.
/// </summary>
public sealed class MinMaxScaler : IDatasetTransform
{
    private readonly float[] _minimums;
    private readonly float[] _spans;

    private MinMaxScaler(float[] minimums, float[] spans, float rangeMin, float rangeMax)
    {
        _minimums = minimums;
        _spans = spans;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
    }

    /// <summary>The training minimum of each feature.</summary>
    public IReadOnlyList<float> Minimums => _minimums;

    /// <summary>The training maximum minus minimum of each feature (1 for a constant feature).</summary>
    public IReadOnlyList<float> Spans => _spans;

    /// <summary>The value a training minimum maps to.</summary>
    public float RangeMin { get; }

    /// <summary>The value a training maximum maps to.</summary>
    public float RangeMax { get; }

    /// <summary>Learns the range of every feature of <paramref name="train"/>, ignoring NaN values.</summary>
    /// <param name="train">The training set.</param>
    /// <param name="rangeMin">What the minimum maps to.</param>
    /// <param name="rangeMax">What the maximum maps to; greater than <paramref name="rangeMin"/>.</param>
    public static MinMaxScaler Fit(Dataset train, float rangeMin = 0f, float rangeMax = 1f)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(rangeMax > rangeMin) || !float.IsFinite(rangeMin) || !float.IsFinite(rangeMax))
        {
            throw new ArgumentException($"The target range [{rangeMin}, {rangeMax}] must be finite and not empty.", nameof(rangeMax));
        }

        int width = train.FeatureCount;
        var minimums = new float[width];
        var spans = new float[width];
        for (int c = 0; c < width; c++)
        {
            (float min, float max) = ColumnStatistics.Range(train.Features, width, c);
            minimums[c] = float.IsFinite(min) ? min : 0f;
            spans[c] = max > min ? max - min : 1f;
        }

        return new MinMaxScaler(minimums, spans, rangeMin, rangeMax);
    }

    /// <inheritdoc/>
    public Dataset Transform(Dataset data) => FeatureWidth.TransformRows(data, _minimums.Length, nameof(MinMaxScaler), TransformRow);

    /// <summary>Scales one row of features in place.</summary>
    public void TransformRow(Span<float> features)
    {
        FeatureWidth.CheckRow(features.Length, _minimums.Length, nameof(MinMaxScaler), nameof(features));

        float width = RangeMax - RangeMin;
        for (int c = 0; c < features.Length; c++)
        {
            features[c] = RangeMin + ((features[c] - _minimums[c]) / _spans[c] * width);
        }
    }
}
