using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// Rows of features and targets, each stored contiguously (row-major), the way a network's
/// <see cref="INetwork.TrainStep"/> takes them. A data set is immutable: splits, subsets and
/// transforms return new data sets.
/// </summary>
/// <remarks>
/// For classification the targets are either one class label per row (0, 1, ... as a float),
/// one 0/1 value per row for a binary sigmoid output, or one-hot rows (see
/// <see cref="OneHotEncoder"/>); <see cref="ClassOf"/> reads the class of a row in every case.
/// </remarks>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly float[] _targets;

    /// <summary>Creates a data set from row-major arrays, which it keeps (not copies).</summary>
    /// <param name="features"><c>count * featureCount</c> floats.</param>
    /// <param name="featureCount">Features per row, at least 1.</param>
    /// <param name="targets"><c>count * targetCount</c> floats.</param>
    /// <param name="targetCount">Targets per row, at least 1.</param>
    /// <param name="featureNames">Optional names of the features, <paramref name="featureCount"/> of them.</param>
    /// <param name="targetNames">Optional names of the target columns, <paramref name="targetCount"/> of them.</param>
    /// <exception cref="ArgumentException">The lengths do not describe the same whole number of rows.</exception>
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount, IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? targetNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"The features hold {features.Length} floats, which is not a whole number of rows of {featureCount}.", nameof(features));
        }

        int count = features.Length / featureCount;
        if (targets.Length != (long)count * targetCount)
        {
            throw new ArgumentException($"The features hold {count} rows, so the targets need {(long)count * targetCount} floats ({targetCount} per row); they hold {targets.Length}.", nameof(targets));
        }

        if (featureNames is not null && featureNames.Count != featureCount)
        {
            throw new ArgumentException($"{featureNames.Count} feature names were given for {featureCount} features.", nameof(featureNames));
        }

        if (targetNames is not null && targetNames.Count != targetCount)
        {
            throw new ArgumentException($"{targetNames.Count} target names were given for {targetCount} targets.", nameof(targetNames));
        }

        _features = features;
        _targets = targets;
        Count = count;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        FeatureNames = new ReadOnlyCollection<string>(featureNames is null ? DefaultNames("x", featureCount) : [.. featureNames]);
        TargetNames = new ReadOnlyCollection<string>(targetNames is null ? DefaultNames("y", targetCount) : [.. targetNames]);
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per row.</summary>
    public int TargetCount { get; }

    /// <summary>The names of the features (from a CSV header, or <c>x0, x1, ...</c>).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The names of the target columns (from a CSV header, or <c>y0, y1, ...</c>).</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Every feature, row after row.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>Every target, row after row.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>The features of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> FeatureRow(int row) => _features.AsSpan(CheckRow(row) * FeatureCount, FeatureCount);

    /// <summary>The targets of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> TargetRow(int row) => _targets.AsSpan(CheckRow(row) * TargetCount, TargetCount);

    /// <summary>
    /// The class of row <paramref name="row"/>: the position of the largest target for one-hot
    /// rows, or the target itself when there is one target per row (which must then be a
    /// whole number from 0 on, such as a class label or a 0/1 binary target).
    /// </summary>
    /// <exception cref="InvalidOperationException">The single target is not a non-negative whole number.</exception>
    public int ClassOf(int row)
    {
        ReadOnlySpan<float> targets = TargetRow(row);
        if (targets.Length == 1)
        {
            float value = targets[0];
            if (!(value >= 0f && value <= int.MaxValue && MathF.Floor(value) == value))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Row {row} has the target {value}, which is not a class label (a whole number from 0 on)."));
            }

            return (int)value;
        }

        int best = 0;
        for (int i = 1; i < targets.Length; i++)
        {
            if (targets[i] > targets[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The class of every row (see <see cref="ClassOf"/>).</summary>
    public int[] Classes()
    {
        var classes = new int[Count];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = ClassOf(i);
        }

        return classes;
    }

    /// <summary>The number of classes: the number of targets per row for one-hot rows, else the largest class label plus one.</summary>
    public int ClassCount()
    {
        if (TargetCount > 1)
        {
            return TargetCount;
        }

        int max = -1;
        for (int i = 0; i < Count; i++)
        {
            max = Math.Max(max, ClassOf(i));
        }

        return max + 1;
    }

    /// <summary>A new data set of the rows at <paramref name="indices"/>, in that order (copied; an index may repeat).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the rows.</exception>
    /// <exception cref="ArgumentException">The rows' features or targets would not fit one array.</exception>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var features = new float[ArraySize.Product(indices.Length, FeatureCount, "A subset of {0} rows of {1} features", nameof(indices))];
        var targets = new float[ArraySize.Product(indices.Length, TargetCount, "A subset of {0} rows of {1} targets", nameof(indices))];
        for (int i = 0; i < indices.Length; i++)
        {
            int row = indices[i];
            FeatureRow(row).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            TargetRow(row).CopyTo(targets.AsSpan(i * TargetCount, TargetCount));
        }

        return new Dataset(features, FeatureCount, targets, TargetCount, FeatureNames, TargetNames);
    }

    /// <summary>A new data set with the same features and other targets.</summary>
    /// <param name="targets"><c>Count * targetCount</c> floats, kept (not copied).</param>
    /// <param name="targetCount">Targets per row.</param>
    /// <param name="targetNames">Optional names of the target columns.</param>
    public Dataset WithTargets(float[] targets, int targetCount, IReadOnlyList<string>? targetNames = null) =>
        new(_features, FeatureCount, targets, targetCount, FeatureNames, targetNames);

    /// <summary>A new data set with other features and the same targets.</summary>
    /// <param name="features"><c>Count * featureCount</c> floats, kept (not copied).</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="featureNames">Optional names of the features.</param>
    public Dataset WithFeatures(float[] features, int featureCount, IReadOnlyList<string>? featureNames = null) =>
        new(features, featureCount, _targets, TargetCount, featureNames, TargetNames);

    /// <summary>Copies the rows into a new data set in an order drawn from <paramref name="seed"/>.</summary>
    public Dataset Shuffle(int seed)
    {
        int[] order = DatasetSplitter.Permutation(Count, seed);
        return Subset(order);
    }

    /// <summary>A short description such as <c>569 rows, 30 features, 1 target</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} rows, {FeatureCount} features, {TargetCount} target{(TargetCount == 1 ? "" : "s")}");

    private int CheckRow(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The data set has {Count} rows.");
        }

        return row;
    }

    private static string[] DefaultNames(string prefix, int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }
}
