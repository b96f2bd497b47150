using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// One-hot encoding of class labels: learns the distinct labels of the training targets (one
/// target per row, any numbers), in ascending order, and turns each row's label into a row of
/// as many targets with a 1 at the label's position, as softmax cross-entropy needs.
/// </summary>
public sealed class OneHotEncoder : IDatasetTransform
{
    private readonly float[] _classes;

    private OneHotEncoder(float[] classes) => _classes = classes;

    /// <summary>The distinct labels seen in training, ascending; position <c>i</c> is class <c>i</c>.</summary>
    public IReadOnlyList<float> Classes => _classes;

    /// <summary>Learns the labels of <paramref name="train"/>, which must have one target per row.</summary>
    /// <exception cref="ArgumentException">The data set has more than one target per row.</exception>
    public static OneHotEncoder Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.TargetCount != 1)
        {
            throw new ArgumentException($"One-hot encoding needs one label per row; the data set has {train.TargetCount} targets per row.", nameof(train));
        }

        var distinct = new SortedSet<float>();
        foreach (float label in train.Targets)
        {
            distinct.Add(label);
        }

        return new OneHotEncoder([.. distinct]);
    }

    /// <summary>Learns the labels 0 to <paramref name="classCount"/> - 1, whatever a training set holds.</summary>
    public static OneHotEncoder ForClassCount(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var classes = new float[classCount];
        for (int i = 0; i < classCount; i++)
        {
            classes[i] = i;
        }

        return new OneHotEncoder(classes);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A row has a label not seen in training, or the one-hot targets would not fit one array.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TargetCount != 1)
        {
            throw new ArgumentException($"One-hot encoding needs one label per row; the data set has {data.TargetCount} targets per row.", nameof(data));
        }

        int k = _classes.Length;
        var targets = new float[ArraySize.Product(data.Count, k, "One-hot targets for {0} rows of {1} classes", nameof(data))];
        for (int row = 0; row < data.Count; row++)
        {
            float label = data.TargetRow(row)[0];
            int position = Array.BinarySearch(_classes, label);
            if (position < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Row {row} has the label {label}, which the encoder did not see in training ({string.Join(", ", _classes)})."), nameof(data));
            }

            targets[(row * k) + position] = 1f;
        }

        var names = new string[k];
        for (int i = 0; i < k; i++)
        {
            names[i] = data.TargetNames[0] + "=" + _classes[i].ToString(CultureInfo.InvariantCulture);
        }

        return data.WithTargets(targets, k, names);
    }
}
