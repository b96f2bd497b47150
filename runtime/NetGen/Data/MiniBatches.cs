using System;

namespace NetGen.Data;

/// <summary>
/// Iterates over a data set in mini-batches, optionally in a shuffled order, without allocating:
/// every buffer is allocated once by the constructor. In the data set's own order a batch is a
/// slice of its arrays; in a shuffled order the rows are gathered into buffers that the next batch
/// overwrites, so use a batch before moving to the next.
/// </summary>
/// <example>
/// <code>
/// var batches = new MiniBatches(train, network.BatchSize);
/// var random = new DeterministicRandom(seed);
/// for (int epoch = 0; epoch &lt; 10; epoch++)
/// {
///     batches.Shuffle(ref random);
///     foreach (Batch batch in batches)
///     {
///         network.TrainStep(batch.Inputs, batch.Targets);
///     }
/// }
/// </code>
/// </example>
public sealed class MiniBatches
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly float[] _inputs;
    private readonly float[] _targets;
    private bool _inOriginalOrder = true;

    /// <summary>Prepares iteration over <paramref name="data"/> in batches of <paramref name="batchSize"/> rows (the last batch may be smaller).</summary>
    /// <exception cref="ArgumentException">The data set has no rows.</exception>
    public MiniBatches(Dataset data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException("The data set has no rows.", nameof(data));
        }

        _data = data;
        BatchSize = Math.Min(batchSize, data.Count);
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _inputs = new float[BatchSize * data.FeatureCount];
        _targets = new float[BatchSize * data.TargetCount];
    }

    /// <summary>The data set iterated over.</summary>
    public Dataset Data => _data;

    /// <summary>The rows per batch (the last batch may have fewer).</summary>
    public int BatchSize { get; }

    /// <summary>The number of batches per pass: the rows divided by <see cref="BatchSize"/>, rounded up.</summary>
    public int BatchCount => (int)(((long)_data.Count + BatchSize - 1) / BatchSize);

    /// <summary>Puts the rows in a new random order drawn from <paramref name="random"/> (allocates nothing).</summary>
    public void Shuffle(ref DeterministicRandom random)
    {
        random.Shuffle(_order.AsSpan());
        _inOriginalOrder = false;
    }

    /// <summary>Returns to the data set's own order.</summary>
    public void ResetOrder()
    {
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _inOriginalOrder = true;
    }

    /// <summary>Batch number <paramref name="index"/> of the current order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="BatchCount"/>.</exception>
    public Batch this[int index]
    {
        get
        {
            if ((uint)index >= (uint)BatchCount)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {BatchCount} batches.");
            }

            int start = index * BatchSize;
            int rows = Math.Min(BatchSize, _data.Count - start);
            int width = _data.FeatureCount;
            int targetWidth = _data.TargetCount;
            if (_inOriginalOrder)
            {
                return new Batch(index, rows, _data.Features.Slice(start * width, rows * width), _data.Targets.Slice(start * targetWidth, rows * targetWidth));
            }

            ReadOnlySpan<float> features = _data.Features;
            ReadOnlySpan<float> targets = _data.Targets;
            for (int r = 0; r < rows; r++)
            {
                int row = _order[start + r];
                features.Slice(row * width, width).CopyTo(_inputs.AsSpan(r * width, width));
                targets.Slice(row * targetWidth, targetWidth).CopyTo(_targets.AsSpan(r * targetWidth, targetWidth));
            }

            return new Batch(index, rows, _inputs.AsSpan(0, rows * width), _targets.AsSpan(0, rows * targetWidth));
        }
    }

    /// <summary>Enumerates the batches of the current order (allocates nothing).</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates the batches of a <see cref="MiniBatches"/>.</summary>
    public ref struct Enumerator
    {
        private readonly MiniBatches _owner;
        private int _index;

        internal Enumerator(MiniBatches owner)
        {
            _owner = owner;
            _index = -1;
        }

        /// <summary>The current batch.</summary>
        public readonly Batch Current => _owner[_index];

        /// <summary>Advances to the next batch.</summary>
        public bool MoveNext() => ++_index < _owner.BatchCount;
    }
}

/// <summary>One mini-batch: its rows' inputs and targets, row-major, valid until the next batch is read.</summary>
public readonly ref struct Batch
{
    internal Batch(int index, int rows, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        Index = index;
        Rows = rows;
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>The position of the batch in its pass, from 0.</summary>
    public int Index { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary><c>Rows * FeatureCount</c> floats.</summary>
    public ReadOnlySpan<float> Inputs { get; }

    /// <summary><c>Rows * TargetCount</c> floats.</summary>
    public ReadOnlySpan<float> Targets { get; }
}
