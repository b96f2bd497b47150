using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>Argument checks shared by generated networks, with messages that name the expected and actual sizes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    /// <param name="actual">The length passed.</param>
    /// <param name="expected">The length required.</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <param name="meaning">What the expected length is, for example <c>"InputSize"</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int expected, string parameterName, string meaning)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, parameterName, meaning);
        }
    }

    /// <summary>
    /// The number of rows in <paramref name="inputLength"/> floats of <paramref name="inputSize"/>
    /// each; throws <see cref="ArgumentException"/> unless it is a whole number from 1 to <paramref name="batchSize"/>.
    /// </summary>
    /// <param name="inputLength">The length of the inputs passed.</param>
    /// <param name="inputSize">The floats per row.</param>
    /// <param name="batchSize">The largest number of rows.</param>
    /// <param name="parameterName">The parameter's name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rows(int inputLength, int inputSize, int batchSize, string parameterName)
    {
        int rows = inputLength / inputSize;
        if (rows < 1 || rows > batchSize || rows * inputSize != inputLength)
        {
            ThrowRows(inputLength, inputSize, batchSize, parameterName);
        }

        return rows;
    }

    /// <summary>
    /// The number of steps in <paramref name="stepsLength"/> floats of <paramref name="stepSize"/> each; throws
    /// <see cref="ArgumentException"/> unless it is a whole number (zero steps are allowed: an empty buffer is nothing to do).
    /// </summary>
    /// <param name="stepsLength">The length of the steps passed.</param>
    /// <param name="stepSize">The floats per step (StepInputSize).</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <returns>The number of steps.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Steps(int stepsLength, int stepSize, string parameterName)
    {
        int steps = stepsLength / stepSize;
        if (steps * stepSize != stepsLength)
        {
            ThrowSteps(stepsLength, stepSize, parameterName);
        }

        return steps;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> holds exactly <paramref name="rows"/> rows of <paramref name="size"/>.</summary>
    /// <param name="actual">The length passed.</param>
    /// <param name="rows">The number of rows of the inputs.</param>
    /// <param name="size">The floats per row, for example OutputSize.</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <param name="meaning">What <paramref name="size"/> is, for example <c>"OutputSize"</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RowLength(int actual, int rows, int size, string parameterName, string meaning)
    {
        if (actual != rows * size)
        {
            ThrowRowLength(actual, rows, size, parameterName, meaning);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first element of <paramref name="values"/> that is NaN or infinite.</summary>
    /// <param name="values">The values to check.</param>
    /// <param name="parameterName">The parameter's name.</param>
    public static void Finite(ReadOnlySpan<float> values, string parameterName)
    {
        int bad = IndexOfNonFinite(values);
        if (bad >= 0)
        {
            throw new ArgumentException($"'{parameterName}' holds {values[bad]} at index {bad}; every value must be finite.", parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first target that is not a class index: a whole number from 0 to
    /// <paramref name="classes"/> - 1, as the sparse categorical cross-entropy takes them.</summary>
    /// <param name="targets">The targets, <paramref name="targetSize"/> per row.</param>
    /// <param name="targetSize">The targets of one row, to name the row.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="parameterName">The parameter's name.</param>
    public static void ClassIndices(ReadOnlySpan<float> targets, int targetSize, int classes, string parameterName)
    {
        float limit = classes;
        for (int i = 0; i < targets.Length; i++)
        {
            float target = targets[i];
            if (!(target >= 0f && target < limit && MathF.Floor(target) == target))
            {
                ThrowClassIndex(targets, i, targetSize, classes, parameterName);
            }
        }
    }

    /// <summary>
    /// <paramref name="target"/> as <typeparamref name="TNetwork"/>, the generated type of the network that asked; throws
    /// when it is null or of another type, naming both types and, when they differ, both architectures.
    /// </summary>
    /// <typeparam name="TNetwork">The generated type of the network that asked.</typeparam>
    /// <param name="target">The other network.</param>
    /// <param name="architecture">The architecture of <typeparamref name="TNetwork"/>.</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not a <typeparamref name="TNetwork"/>.</exception>
    public static TNetwork SameType<TNetwork>(INetwork? target, NetworkArchitecture architecture, string parameterName)
        where TNetwork : class, INetwork
    {
        if (target is TNetwork same)
        {
            return same;
        }

        ArgumentNullException.ThrowIfNull(target, parameterName);
        string self = typeof(TNetwork).Name;
        string other = target.GetType().Name;
        ArgumentNullException.ThrowIfNull(architecture);
        string architectures = target.Architecture.Fingerprint == architecture.Fingerprint
            ? "; they have the same architecture, but only two instances of one generated type share a memory layout: copy through ExportParameters and ImportParameters"
            : $"; its architecture is {target.Architecture.Description}, not {architecture.Description}";
        throw new ArgumentException($"'{parameterName}' is a {other}; expected another {self}{architectures}.", parameterName);
    }

    /// <summary>The index of the first value of <paramref name="values"/> that is NaN or infinite, or -1 when all are finite.</summary>
    internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowClassIndex(ReadOnlySpan<float> targets, int index, int targetSize, int classes, string parameterName)
    {
        float target = targets[index];
        string what = float.IsFinite(target) && MathF.Floor(target) == target ? "out of range" : "not a whole number";
        string position = targetSize == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", position {index % targetSize}");
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' row {index / targetSize}{position} holds {target} (index {index}), which is {what}: Loss.SparseCategoricalCrossEntropy takes the index of the true class, a whole number from 0 to {classes - 1}."),
            parameterName);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, int expected, string parameterName, string meaning)
        => throw new ArgumentException($"'{parameterName}' has {actual} floats; expected {meaning} = {expected}.", parameterName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRows(int inputLength, int inputSize, int batchSize, string parameterName)
    {
        string reason = inputLength % inputSize != 0 || inputLength == 0
            ? $"which is not a whole number of rows of InputSize = {inputSize}"
            : $"which is {inputLength / inputSize} rows, more than BatchSize = {batchSize}";
        throw new ArgumentException(
            $"'{parameterName}' has {inputLength} floats, {reason}; expected 1 to {batchSize} rows of {inputSize} floats.",
            parameterName);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSteps(int stepsLength, int stepSize, string parameterName)
        => throw new ArgumentException(
            $"'{parameterName}' has {stepsLength} floats, which is not a whole number of steps of StepInputSize = {stepSize}.",
            parameterName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRowLength(int actual, int rows, int size, string parameterName, string meaning)
        => throw new ArgumentException(
            $"'{parameterName}' has {actual} floats; expected {rows} rows x {meaning} = {size}, that is {rows * size}.",
            parameterName);
}
