using System;

namespace NetGen.Metrics;

/// <summary>
/// Accuracy, precision, recall and F1 of predicted classes against true classes, for two
/// classes (with a positive class) and for several (macro, micro or weighted averages).
/// </summary>
/// <remarks>
/// Degenerate cases follow scikit-learn with <c>zero_division=0</c>: precision is 0 when nothing
/// is predicted positive, recall is 0 when no row is positive, F1 is 0 when both are 0. Empty
/// inputs throw <see cref="ArgumentException"/>.
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>The share of rows whose predicted class equals the true class.</summary>
    public static double Accuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        MetricGuard.SameLength(actual.Length, predicted.Length);
        MetricGuard.NotEmpty(actual.Length);
        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            correct += actual[i] == predicted[i] ? 1 : 0;
        }

        return (double)correct / actual.Length;
    }

    /// <summary>Binary precision: of the rows predicted <paramref name="positiveClass"/>, the share that are.</summary>
    public static double Precision(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int positiveClass = 1)
    {
        (long tp, long fp, _) = Counts(actual, predicted, positiveClass);
        return tp + fp == 0 ? 0 : (double)tp / (tp + fp);
    }

    /// <summary>Binary recall: of the rows that are <paramref name="positiveClass"/>, the share predicted so.</summary>
    public static double Recall(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int positiveClass = 1)
    {
        (long tp, _, long fn) = Counts(actual, predicted, positiveClass);
        return tp + fn == 0 ? 0 : (double)tp / (tp + fn);
    }

    /// <summary>Binary F1: the harmonic mean of precision and recall of <paramref name="positiveClass"/>.</summary>
    public static double F1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int positiveClass = 1)
    {
        (long tp, long fp, long fn) = Counts(actual, predicted, positiveClass);
        long denominator = (2 * tp) + fp + fn;
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    /// <summary>Precision over <paramref name="classCount"/> classes, combined by <paramref name="averaging"/>.</summary>
    public static double Precision(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, Averaging averaging) =>
        Matrix(actual, predicted, classCount).Precision(averaging);

    /// <summary>Recall over <paramref name="classCount"/> classes, combined by <paramref name="averaging"/>.</summary>
    public static double Recall(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, Averaging averaging) =>
        Matrix(actual, predicted, classCount).Recall(averaging);

    /// <summary>F1 over <paramref name="classCount"/> classes, combined by <paramref name="averaging"/>.</summary>
    public static double F1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, Averaging averaging) =>
        Matrix(actual, predicted, classCount).F1(averaging);

    private static ConfusionMatrix Matrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        MetricGuard.NotEmpty(actual.Length);
        return ConfusionMatrix.Compute(actual, predicted, classCount);
    }

    private static (long TruePositives, long FalsePositives, long FalseNegatives) Counts(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int positiveClass)
    {
        MetricGuard.SameLength(actual.Length, predicted.Length);
        MetricGuard.NotEmpty(actual.Length);
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            bool isPositive = actual[i] == positiveClass;
            bool saidPositive = predicted[i] == positiveClass;
            tp += isPositive && saidPositive ? 1 : 0;
            fp += !isPositive && saidPositive ? 1 : 0;
            fn += isPositive && !saidPositive ? 1 : 0;
        }

        return (tp, fp, fn);
    }
}
