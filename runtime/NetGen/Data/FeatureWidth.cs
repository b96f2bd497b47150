using System;

namespace NetGen.Data;

/// <summary>Scales one row of features in place.</summary>
/// <param name="row">The row's features.</param>
internal delegate void RowTransform(Span<float> row);

/// <summary>
/// The checks that a fitted transform is applied to data of the width it was fitted on, and its
/// application row by row to a copy of a data set.
/// </summary>
internal static class FeatureWidth
{
    public static void Check(Dataset data, int fitted, string transform)
    {
        if (data.FeatureCount != fitted)
        {
            throw new ArgumentException($"The data set has {data.FeatureCount} features; the {transform} was fitted on {fitted}.", nameof(data));
        }
    }

    /// <summary>Throws when a single row of <paramref name="length"/> features, the argument <paramref name="parameter"/>, does not
    /// have the fitted width.</summary>
    public static void CheckRow(int length, int fitted, string transform, string parameter)
    {
        if (length != fitted)
        {
            throw new ArgumentException($"The row has {length} features; the {transform} was fitted on {fitted}.", parameter);
        }
    }

    /// <summary>A copy of <paramref name="data"/> with <paramref name="transformRow"/> applied to every row of features.</summary>
    public static Dataset TransformRows(Dataset data, int fitted, string transform, RowTransform transformRow)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(data, fitted, transform);
        float[] features = data.Features.ToArray();
        for (int offset = 0; offset < features.Length; offset += fitted)
        {
            transformRow(features.AsSpan(offset, fitted));
        }

        return data.WithFeatures(features, data.FeatureCount, data.FeatureNames);
    }
}
