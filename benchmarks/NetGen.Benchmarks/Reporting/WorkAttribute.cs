using System;

namespace NetGen.Benchmarks.Reporting;

/// <summary>What one call of a benchmark method does: the rows it processes and its floating-point
/// operations (a multiply-add counts two), from which the columns derive rows/s, GFLOP/s and % of peak.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkAttribute : Attribute
{
    public WorkAttribute(long rows, long flops)
    {
        Rows = rows;
        Flops = flops;
    }

    public long Rows { get; }

    public long Flops { get; }
}

/// <summary>Operation counts of Dense networks.</summary>
public static class Flops
{
    /// <summary>Multiply-adds of one row through Dense layers of the given sizes (input first), times two.</summary>
    public static long Forward(params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        long total = 0;
        for (int l = 0; l + 1 < sizes.Length; l++)
        {
            total += 2L * sizes[l] * sizes[l + 1];
        }

        return total;
    }
}
