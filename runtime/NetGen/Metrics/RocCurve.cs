using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Metrics;

/// <summary>
/// The receiver operating characteristic of scores for a binary problem: the false and true
/// positive rates at every distinct score used as a threshold (predict positive when the score is
/// at least the threshold), from (0, 0) to (1, 1), and the area under it.
/// </summary>
/// <remarks>
/// Rows with equal scores cross the threshold together, so ties give a diagonal segment and count
/// half in the area (the Mann-Whitney statistic), as scikit-learn's <c>roc_curve</c> and
/// <c>roc_auc_score</c>. With only one class among the true labels the curve is undefined and
/// <see cref="Compute"/> throws <see cref="ArgumentException"/>.
/// </remarks>
public sealed class RocCurve
{
    private RocCurve(double[] falsePositiveRates, double[] truePositiveRates, float[] thresholds, double area)
    {
        FalsePositiveRates = falsePositiveRates;
        TruePositiveRates = truePositiveRates;
        Thresholds = thresholds;
        Area = area;
    }

    /// <summary>The false positive rate of each point, ascending from 0 to 1.</summary>
    public IReadOnlyList<double> FalsePositiveRates { get; }

    /// <summary>The true positive rate (recall) of each point, ascending from 0 to 1.</summary>
    public IReadOnlyList<double> TruePositiveRates { get; }

    /// <summary>The threshold of each point, descending; the first is +infinity (nothing predicted positive).</summary>
    public IReadOnlyList<float> Thresholds { get; }

    /// <summary>The area under the curve (ROC-AUC), by the trapezoidal rule.</summary>
    public double Area { get; }

    /// <summary>Computes the curve of <paramref name="scores"/> (higher means more likely positive) for the true classes <paramref name="actual"/>.</summary>
    /// <param name="actual">The true class of each row: <paramref name="positiveClass"/> is positive, anything else negative.</param>
    /// <param name="scores">The score of each row; NaN is not allowed.</param>
    /// <param name="positiveClass">The class counted as positive.</param>
    /// <exception cref="ArgumentException">The lengths differ, a score is NaN, or only one class is present.</exception>
    public static RocCurve Compute(ReadOnlySpan<int> actual, ReadOnlySpan<float> scores, int positiveClass = 1)
    {
        MetricGuard.SameLength(actual.Length, scores.Length);
        var order = new int[scores.Length];
        long positives = 0;
        for (int i = 0; i < order.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The score of row {i} is NaN."), nameof(scores));
            }

            order[i] = i;
            positives += actual[i] == positiveClass ? 1 : 0;
        }

        long negatives = actual.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Only one class is present among the {actual.Length} true labels ({positives} positive, {negatives} negative); the ROC curve and its area are not defined."), nameof(actual));
        }

        float[] sortedScores = scores.ToArray();
        Array.Sort(sortedScores, order);
        Array.Reverse(sortedScores);
        Array.Reverse(order);

        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thresholds = new List<float> { float.PositiveInfinity };
        long tp = 0, fp = 0;
        double area = 0;
        int k = 0;
        while (k < order.Length)
        {
            float threshold = sortedScores[k];
            while (k < order.Length && sortedScores[k] == threshold)
            {
                if (actual[order[k]] == positiveClass)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                k++;
            }

            double x = (double)fp / negatives;
            double y = (double)tp / positives;
            area += (x - fpr[^1]) * (y + tpr[^1]) / 2;
            fpr.Add(x);
            tpr.Add(y);
            thresholds.Add(threshold);
        }

        return new RocCurve([.. fpr], [.. tpr], [.. thresholds], area);
    }

    /// <summary>The area under the ROC curve of <paramref name="scores"/> (see <see cref="Compute"/>).</summary>
    public static double Auc(ReadOnlySpan<int> actual, ReadOnlySpan<float> scores, int positiveClass = 1) =>
        Compute(actual, scores, positiveClass).Area;

    /// <summary>
    /// One-vs-rest ROC-AUC for several classes, macro-averaged: for each class, the area of its
    /// score column against "this class or not", then the unweighted mean.
    /// </summary>
    /// <param name="actual">The true class of each row, in [0, <paramref name="classCount"/>).</param>
    /// <param name="scores">Row-major scores, <paramref name="classCount"/> per row (for example softmax probabilities).</param>
    /// <param name="classCount">The number of classes, at least 2.</param>
    /// <exception cref="ArgumentException">A class has no rows (its one-vs-rest curve is undefined), or the sizes disagree.</exception>
    public static double AucOneVsRest(ReadOnlySpan<int> actual, ReadOnlySpan<float> scores, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (scores.Length != (long)actual.Length * classCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{actual.Length} rows of {classCount} classes need {(long)actual.Length * classCount} scores; there are {scores.Length}."), nameof(scores));
        }

        var column = new float[actual.Length];
        double sum = 0;
        for (int c = 0; c < classCount; c++)
        {
            for (int i = 0; i < actual.Length; i++)
            {
                MetricGuard.Class(actual[i], classCount, i, nameof(actual));
                column[i] = scores[(i * classCount) + c];
            }

            sum += Compute(actual, column, c).Area;
        }

        return sum / classCount;
    }
}
