using System;

namespace NetGen.Data;

/// <summary>The check that a fitted transform is applied to data of the width it was fitted on.</summary>
internal static class FeatureWidth
{
    public static void Check(Dataset data, int fitted, string transform)
    {
        if (data.FeatureCount != fitted)
        {
            throw new ArgumentException($"The data set has {data.FeatureCount} features; the {transform} was fitted on {fitted}.", nameof(data));
        }
    }
}
