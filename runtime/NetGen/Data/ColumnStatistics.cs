using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>Statistics of one feature column of row-major data, skipping NaN (missing) values.</summary>
internal static class ColumnStatistics
{
    /// <summary>The mean of the present values of column <paramref name="column"/>, NaN when there are none.</summary>
    public static float Mean(ReadOnlySpan<float> data, int width, int column)
    {
        double sum = 0;
        long count = 0;
        for (int i = column; i < data.Length; i += width)
        {
            if (!float.IsNaN(data[i]))
            {
                sum += data[i];
                count++;
            }
        }

        return count == 0 ? float.NaN : (float)(sum / count);
    }

    /// <summary>The median of the present values of column <paramref name="column"/> (the mean of the middle two for an even count), NaN when there are none.</summary>
    public static float Median(ReadOnlySpan<float> data, int width, int column)
    {
        var values = new List<float>();
        for (int i = column; i < data.Length; i += width)
        {
            if (!float.IsNaN(data[i]))
            {
                values.Add(data[i]);
            }
        }

        if (values.Count == 0)
        {
            return float.NaN;
        }

        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (float)((values[middle - 1] + (double)values[middle]) / 2);
    }

    /// <summary>The smallest and largest present values of column <paramref name="column"/>.</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> data, int width, int column)
    {
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        for (int i = column; i < data.Length; i += width)
        {
            float value = data[i];
            if (!float.IsNaN(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        return (min, max);
    }

    /// <summary>The population standard deviation (divided by the count) of the present values around <paramref name="mean"/>.</summary>
    public static float StandardDeviation(ReadOnlySpan<float> data, int width, int column, float mean)
    {
        double sum = 0;
        long count = 0;
        for (int i = column; i < data.Length; i += width)
        {
            if (!float.IsNaN(data[i]))
            {
                double d = data[i] - (double)mean;
                sum += d * d;
                count++;
            }
        }

        return count == 0 ? float.NaN : (float)Math.Sqrt(sum / count);
    }
}
