using System;
using System.Globalization;

namespace NetGen.Metrics;

/// <summary>Metrics of predicted probabilities.</summary>
public static class ProbabilisticMetrics
{
    /// <summary>The clipping of probabilities in <see cref="LogLoss"/>: each is kept in [eps, 1 - eps].</summary>
    public const double Epsilon = 1e-15;

    /// <summary>
    /// The mean negative log-likelihood of the true classes (cross-entropy), in nats.
    /// Probabilities are clipped to [<see cref="Epsilon"/>, 1 - <see cref="Epsilon"/>] so a
    /// confident mistake costs a large but finite amount.
    /// </summary>
    /// <param name="actual">The true class of each row.</param>
    /// <param name="probabilities">Row-major probabilities: <paramref name="classCount"/> per row, or for two classes
    /// optionally one per row, the probability of class 1 (a sigmoid output).</param>
    /// <param name="classCount">The number of classes, at least 2.</param>
    /// <exception cref="ArgumentException">The sizes disagree, a class is out of range, or there are no rows.</exception>
    public static double LogLoss(ReadOnlySpan<int> actual, ReadOnlySpan<float> probabilities, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        MetricGuard.NotEmpty(actual.Length);
        bool binaryColumn = classCount == 2 && probabilities.Length == actual.Length;
        if (!binaryColumn && probabilities.Length != (long)actual.Length * classCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{actual.Length} rows of {classCount} classes need {(long)actual.Length * classCount} probabilities; there are {probabilities.Length}."), nameof(probabilities));
        }

        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            MetricGuard.Class(actual[i], classCount, i, nameof(actual));
            double p = binaryColumn
                ? (actual[i] == 1 ? probabilities[i] : 1.0 - probabilities[i])
                : probabilities[(i * classCount) + actual[i]];
            sum -= Math.Log(Math.Clamp(p, Epsilon, 1 - Epsilon));
        }

        return sum / actual.Length;
    }
}
