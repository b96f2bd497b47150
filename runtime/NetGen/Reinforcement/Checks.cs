using System;
using System.Globalization;

namespace NetGen.Reinforcement;

/// <summary>Argument checks shared by the reinforcement learning helpers; each message names the argument, the index and the value.</summary>
internal static class Checks
{
    /// <summary>The number of columns of <paramref name="length"/> floats holding <paramref name="rows"/> rows; at least 1.</summary>
    public static int Columns(int length, int rows, string parameterName, string meaning)
    {
        if (rows < 1)
        {
            throw new ArgumentException($"There are no rows: '{parameterName}' needs at least one row of {meaning}.", parameterName);
        }

        int columns = length / rows;
        if (columns < 1 || columns * rows != length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {length} floats, which is not {rows} rows of one or more {meaning}."),
                parameterName);
        }

        return columns;
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    public static void Length(int actual, int expected, string parameterName, string meaning)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {actual} elements; expected {expected} ({meaning})."),
                parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="rows"/> rows of <paramref name="width"/>; the message is built only then.</summary>
    public static void RowsLength(int actual, int rows, int width, string parameterName, string widthMeaning)
    {
        if (actual != rows * width)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {actual} elements; expected {rows * width} ({rows} rows x {widthMeaning} {width})."),
                parameterName);
        }
    }

    /// <summary>Throws unless every value is finite, naming the first that is not.</summary>
    public static void Finite(ReadOnlySpan<float> values, string parameterName) => NetworkGuard.Finite(values, parameterName);

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static void Finite(float value, string parameterName)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' is {value}; it must be finite."), parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is in [<paramref name="minimum"/>, <paramref name="maximum"/>] (NaN is not).</summary>
    public static void Range(float value, float minimum, float maximum, string parameterName)
    {
        if (!(value >= minimum && value <= maximum))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' must be in [{minimum}, {maximum}]."));
        }
    }

    /// <summary>Throws unless every action is in [0, <paramref name="actionCount"/>), naming the first that is not.</summary>
    public static void Actions(ReadOnlySpan<int> actions, int actionCount, string parameterName)
    {
        for (int i = 0; i < actions.Length; i++)
        {
            Action(actions[i], actionCount, parameterName, i);
        }
    }

    /// <summary>Throws unless <paramref name="action"/> is in [0, <paramref name="actionCount"/>).</summary>
    public static void Action(int action, int actionCount, string parameterName, int index = -1)
    {
        if ((uint)action >= (uint)actionCount)
        {
            string where = index < 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"[{index}]");
            throw new ArgumentOutOfRangeException(
                parameterName,
                action,
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}{where}' is {action}; an action is an index from 0 to {actionCount - 1}."));
        }
    }
}
