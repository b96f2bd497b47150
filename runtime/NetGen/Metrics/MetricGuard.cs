using System;
using System.Globalization;

namespace NetGen.Metrics;

/// <summary>Argument checks shared by the metrics.</summary>
internal static class MetricGuard
{
    public static void SameLength(int actual, int predicted)
    {
        if (actual != predicted)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"There are {actual} true values but {predicted} predictions."));
        }
    }

    public static void NotEmpty(int length)
    {
        if (length == 0)
        {
            throw new ArgumentException("A metric needs at least one row.");
        }
    }

    public static void Class(int value, int classCount, int row, string name)
    {
        if ((uint)value >= (uint)classCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Row {row} of {name} has the class {value}; classes are 0 to {classCount - 1}."), name);
        }
    }
}
