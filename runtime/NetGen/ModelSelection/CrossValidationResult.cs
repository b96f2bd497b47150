using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.ModelSelection;

/// <summary>The scores of a model on each held-out part, with their mean and standard deviation.</summary>
public sealed class CrossValidationResult
{
    /// <summary>Summarises the scores of one model.</summary>
    /// <param name="metricName">The metric's name.</param>
    /// <param name="scores">One score per fold (NaN for a fold whose training diverged).</param>
    public CrossValidationResult(string metricName, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        ArgumentNullException.ThrowIfNull(scores);
        MetricName = metricName;
        Scores = scores;
        double sum = 0;
        foreach (double score in scores)
        {
            sum += score;
        }

        Mean = scores.Count == 0 ? double.NaN : sum / scores.Count;
        double squares = 0;
        foreach (double score in scores)
        {
            squares += (score - Mean) * (score - Mean);
        }

        StandardDeviation = scores.Count == 0 ? double.NaN : Math.Sqrt(squares / scores.Count);
    }

    /// <summary>The metric's name.</summary>
    public string MetricName { get; }

    /// <summary>One score per fold, in fold order.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>The mean score (NaN when any fold diverged).</summary>
    public double Mean { get; }

    /// <summary>The population standard deviation of the scores (dividing by the number of folds, as NumPy's <c>std()</c> that scikit-learn examples print).</summary>
    public double StandardDeviation { get; }

    /// <summary>For example <c>roc_auc 0.9931 ± 0.0052 (5 folds)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MetricName} {Mean:F4} ± {StandardDeviation:F4} ({Scores.Count} folds)");
}
