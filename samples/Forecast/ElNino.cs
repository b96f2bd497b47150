using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Forecast;

/// <summary>The monthly series of data/elnino and the windows cut from it.</summary>
internal static class ElNino
{
    /// <summary>The months a forecast looks back on.</summary>
    public const int Window = 24;

    /// <summary>The first year of the series.</summary>
    public const int FirstYear = 1950;

    /// <summary>Reads the file's rows (a year, then twelve monthly means) as one series, month after month.</summary>
    /// <exception cref="InvalidDataException">A row does not hold a year and twelve numbers, or the years are not consecutive.</exception>
    public static double[] ReadMonthly(string path)
    {
        var values = new List<double>();
        string[] lines = File.ReadAllLines(path);
        for (int line = 1; line < lines.Length; line++)
        {
            if (lines[line].Length == 0)
            {
                continue;
            }

            string[] fields = lines[line].Split(',');
            if (fields.Length != 13 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int year) || year != FirstYear + (line - 1))
            {
                throw new InvalidDataException($"{path}, line {line + 1}: expected the year {FirstYear + line - 1} and twelve monthly values, found '{lines[line]}'.");
            }

            for (int month = 1; month <= 12; month++)
            {
                if (!double.TryParse(fields[month], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new InvalidDataException($"{path}, line {line + 1}, month {month}: '{fields[month]}' is not a number.");
                }

                values.Add(value);
            }
        }

        return values.ToArray();
    }

    /// <summary>
    /// The windows whose target month is in [<paramref name="firstTarget"/>, <paramref name="endTarget"/>): each row holds
    /// the <see cref="Window"/> standardised months before its target, and the target is the standardised month itself.
    /// </summary>
    public static (float[] Inputs, float[] Targets) Windows(double[] standardised, int firstTarget, int endTarget)
    {
        int rows = endTarget - firstTarget;
        var inputs = new float[rows * Window];
        var targets = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            int target = firstTarget + r;
            for (int k = 0; k < Window; k++)
            {
                inputs[(r * Window) + k] = (float)standardised[target - Window + k];
            }

            targets[r] = (float)standardised[target];
        }

        return (inputs, targets);
    }
}
