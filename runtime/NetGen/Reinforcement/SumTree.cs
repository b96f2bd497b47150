using System;

namespace NetGen.Reinforcement;

/// <summary>
/// A binary tree of sums over a fixed number of non-negative leaves: setting a leaf and finding the leaf where a running
/// sum crosses a value both take O(log n). Each inner node is recomputed from its children, so sums never drift.
/// </summary>
internal sealed class SumTree
{
    private readonly double[] _nodes;
    private readonly int _leaves;

    public SumTree(int capacity)
    {
        int leaves = 1;
        while (leaves < capacity)
        {
            leaves <<= 1;
        }

        _leaves = leaves;
        _nodes = new double[2 * leaves];
    }

    /// <summary>The sum of every leaf.</summary>
    public double Total => _nodes[1];

    public double this[int leaf] => _nodes[_leaves + leaf];

    public void Set(int leaf, double value)
    {
        int node = _leaves + leaf;
        _nodes[node] = value;
        for (node >>= 1; node >= 1; node >>= 1)
        {
            _nodes[node] = _nodes[2 * node] + _nodes[(2 * node) + 1];
        }
    }

    /// <summary>The leaf whose interval of the running sum holds <paramref name="value"/> (in [0, <see cref="Total"/>)),
    /// never a leaf of weight 0 while the total is positive.</summary>
    public int Find(double value)
    {
        int node = 1;
        while (node < _leaves)
        {
            int left = 2 * node;
            if (value < _nodes[left] || _nodes[left + 1] <= 0)
            {
                node = left;
            }
            else
            {
                value -= _nodes[left];
                node = left + 1;
            }
        }

        return node - _leaves;
    }

    public void Clear() => Array.Clear(_nodes);
}
