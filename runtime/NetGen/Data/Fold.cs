using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>One fold of a k-fold partition: the rows held out for testing and the others for training.</summary>
public sealed class Fold
{
    private readonly int[] _train;
    private readonly int[] _test;

    internal Fold(int index, int[] train, int[] test)
    {
        Index = index;
        _train = train;
        _test = test;
    }

    /// <summary>The position of the fold, from 0.</summary>
    public int Index { get; }

    /// <summary>The row indices to train on, ascending.</summary>
    public IReadOnlyList<int> TrainIndices => _train;

    /// <summary>The row indices held out, ascending.</summary>
    public IReadOnlyList<int> TestIndices => _test;

    /// <summary>The training rows of <paramref name="data"/>.</summary>
    public Dataset Train(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Subset(_train);
    }

    /// <summary>The held-out rows of <paramref name="data"/>.</summary>
    public Dataset Test(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Subset(_test);
    }
}
