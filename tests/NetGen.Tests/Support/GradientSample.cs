using System;
using System.Collections.Generic;

namespace NetGen.Tests.Support;

/// <summary>
/// Which parameters to check by finite differences: every one of a small tensor; for a large one
/// the first, second and last units and a few random ones, each at the first, second, last-but-one
/// and last inputs and a few random ones. Edges are where wrong tails and strides show.
/// </summary>
internal static class GradientSample
{
    public static IReadOnlyList<int> Indices(NetworkArchitecture architecture, int seed, int fullTensorLimit = 64)
    {
        var random = new Random(seed);
        var indices = new SortedSet<int>();
        foreach (ParameterTensor tensor in ParameterTensor.Of(architecture))
        {
            if (tensor.Length <= fullTensorLimit)
            {
                for (int i = 0; i < tensor.Length; i++)
                {
                    indices.Add(tensor.Offset + i);
                }

                continue;
            }

            var rows = Edges(tensor.Rows, random, 3);
            var columns = Edges(tensor.Columns, random, 4);
            foreach (int row in rows)
            {
                foreach (int column in columns)
                {
                    indices.Add(tensor.Offset + (row * tensor.Columns) + column);
                }
            }
        }

        return [.. indices];
    }

    private static SortedSet<int> Edges(int count, Random random, int extra)
    {
        var picked = new SortedSet<int> { 0, Math.Min(1, count - 1), Math.Max(0, count - 2), count - 1 };
        for (int i = 0; i < extra; i++)
        {
            picked.Add(random.Next(count));
        }

        return picked;
    }
}
