using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using NetGen.Benchmarks.Reporting;

namespace NetGen.Benchmarks.Cases;

/// <summary>Every case: allocated bytes, rows/s, GFLOP/s and % of the FMA peak, grouped by category
/// with NetGen as the baseline of each, so that a peer's ratio says how many times slower it is.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(CategoriesColumn.Default, WorkColumn.RowsPerSecond, WorkColumn.Gflops, WorkColumn.PercentOfPeak);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        HideColumns(Column.Error, Column.StdDev);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value).WithMaxParameterColumnWidth(40);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
