using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks.Reporting;

/// <summary>Rows per second, GFLOP/s and the percentage of the measured <c>Vector512</c> FMA peak
/// (the <c>Vector512 FMA peak</c> benchmark of the same run), from each method's <see cref="WorkAttribute"/>.</summary>
public sealed class WorkColumn : IColumn
{
    private readonly Kind _kind;

    private WorkColumn(Kind kind) => _kind = kind;

    private enum Kind
    {
        RowsPerSecond,
        Gflops,
        PercentOfPeak,
    }

    public static IColumn RowsPerSecond { get; } = new WorkColumn(Kind.RowsPerSecond);

    public static IColumn Gflops { get; } = new WorkColumn(Kind.Gflops);

    public static IColumn PercentOfPeak { get; } = new WorkColumn(Kind.PercentOfPeak);

    public string Id => "Work." + _kind;

    public string ColumnName => _kind switch
    {
        Kind.RowsPerSecond => "Rows/s",
        Kind.Gflops => "GFLOP/s",
        _ => "% of peak",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _kind switch
    {
        Kind.RowsPerSecond => "Rows processed per second (rows of one call / mean time)",
        Kind.Gflops => "Billions of floating-point operations per second (a multiply-add is two)",
        _ => "GFLOP/s as a percentage of the Vector512 FMA peak measured in the same run",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        WorkAttribute? work = WorkOf(benchmarkCase);
        double? seconds = MeanSeconds(summary, benchmarkCase);
        if (work is null || seconds is not double mean)
        {
            return "-";
        }

        switch (_kind)
        {
            case Kind.RowsPerSecond:
                return work.Rows == 0 ? "-" : (work.Rows / mean).ToString("N0", CultureInfo.InvariantCulture);
            case Kind.Gflops:
                return work.Flops == 0 ? "-" : (work.Flops / mean / 1e9).ToString("F1", CultureInfo.InvariantCulture);
            default:
                double? peak = PeakGflops(summary);
                return work.Flops == 0 || peak is null ? "-" : (100 * work.Flops / mean / 1e9 / peak.Value).ToString("F0", CultureInfo.InvariantCulture) + " %";
        }
    }

    /// <summary>The GFLOP/s of the <c>Vector512</c> peak loop in <paramref name="summary"/>, if it ran.</summary>
    public static double? PeakGflops(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        BenchmarkCase? peak = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == "Vector512Peak");
        if (peak is null || WorkOf(peak) is not WorkAttribute work || MeanSeconds(summary, peak) is not double mean)
        {
            return null;
        }

        return work.Flops / mean / 1e9;
    }

    private static WorkAttribute? WorkOf(BenchmarkCase benchmarkCase) => benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkAttribute>();

    private static double? MeanSeconds(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        double? nanoseconds = report?.ResultStatistics?.Mean;
        return nanoseconds / 1e9;
    }

    public override string ToString() => ColumnName;
}
