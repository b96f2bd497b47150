using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.ModelSelection;

/// <summary>A candidate's scores and its place in the ranking.</summary>
/// <param name="Rank">1 for the best candidate.</param>
/// <param name="Candidate">The hyperparameter values.</param>
/// <param name="Score">Its scores on the held-out parts, with mean and standard deviation.</param>
public sealed record SearchResult(int Rank, SearchCandidate Candidate, CrossValidationResult Score);

/// <summary>Every candidate of a search, best first.</summary>
public sealed class SearchResults
{
    internal SearchResults(string metricName, bool greaterIsBetter, IReadOnlyList<SearchResult> ranked)
    {
        MetricName = metricName;
        GreaterIsBetter = greaterIsBetter;
        Ranked = ranked;
    }

    /// <summary>The metric the candidates were ranked by.</summary>
    public string MetricName { get; }

    /// <summary>Whether a larger score ranked higher.</summary>
    public bool GreaterIsBetter { get; }

    /// <summary>The candidates, best first; a candidate whose training diverged has a NaN mean and comes last.</summary>
    public IReadOnlyList<SearchResult> Ranked { get; }

    /// <summary>The best candidate.</summary>
    public SearchResult Best => Ranked[0];

    /// <summary>The ranked candidates as a text table: rank, mean ± standard deviation, values.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"rank  {MetricName + " (mean ± std)",-24}  candidate\n");
        foreach (SearchResult result in Ranked)
        {
            string score = double.IsNaN(result.Score.Mean)
                ? "diverged"
                : string.Create(CultureInfo.InvariantCulture, $"{result.Score.Mean:F4} ± {result.Score.StandardDeviation:F4}");
            text.Append(CultureInfo.InvariantCulture, $"{result.Rank,4}  {score,-24}  {result.Candidate}\n");
        }

        return text.ToString();
    }

    internal static SearchResults Rank(string metricName, bool greaterIsBetter, IReadOnlyList<SearchCandidate> candidates, IReadOnlyList<CrossValidationResult> scores)
    {
        var order = new int[candidates.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            double x = scores[a].Mean, y = scores[b].Mean;
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                return double.IsNaN(x) == double.IsNaN(y) ? a.CompareTo(b) : double.IsNaN(x) ? 1 : -1;
            }

            int byScore = greaterIsBetter ? y.CompareTo(x) : x.CompareTo(y);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });

        var ranked = new SearchResult[order.Length];
        for (int r = 0; r < order.Length; r++)
        {
            ranked[r] = new SearchResult(r + 1, candidates[order[r]], scores[order[r]]);
        }

        return new SearchResults(metricName, greaterIsBetter, ranked);
    }
}
