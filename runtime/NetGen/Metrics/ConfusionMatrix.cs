using System;
using System.Globalization;
using System.Text;

namespace NetGen.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs, with the per-class precision, recall and F1
/// they give. Rows are true classes, columns predicted classes.
/// </summary>
/// <remarks>
/// A class never predicted has precision 0; a class absent from the true labels has recall 0;
/// F1 is 0 when precision and recall are both 0 (scikit-learn's <c>zero_division=0</c>).
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    private ConfusionMatrix(int classCount, long[] counts)
    {
        ClassCount = classCount;
        _counts = counts;
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int ClassCount { get; }

    /// <summary>The number of rows counted.</summary>
    public long Total { get; private init; }

    /// <summary>The number of rows of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[(Check(actual) * ClassCount) + Check(predicted)];

    /// <summary>Counts the pairs of true and predicted classes.</summary>
    /// <param name="actual">The true class of each row, in [0, <paramref name="classCount"/>).</param>
    /// <param name="predicted">The predicted class of each row, in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes, at least 2.</param>
    /// <exception cref="ArgumentException">The lengths differ, a class is out of range, or <paramref name="classCount"/> squared does not fit one array.</exception>
    public static ConfusionMatrix Compute(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        MetricGuard.SameLength(actual.Length, predicted.Length);
        var counts = new long[ArraySize.Product(classCount, classCount, "A confusion matrix of {0} x {1} classes", nameof(classCount))];
        for (int i = 0; i < actual.Length; i++)
        {
            MetricGuard.Class(actual[i], classCount, i, nameof(actual));
            MetricGuard.Class(predicted[i], classCount, i, nameof(predicted));
            counts[(actual[i] * classCount) + predicted[i]]++;
        }

        return new ConfusionMatrix(classCount, counts) { Total = actual.Length };
    }

    /// <summary>The number of rows whose true class is <paramref name="c"/>.</summary>
    public long Support(int c)
    {
        long sum = 0;
        for (int p = 0; p < ClassCount; p++)
        {
            sum += this[c, p];
        }

        return sum;
    }

    /// <summary>The number of rows predicted as <paramref name="c"/>.</summary>
    public long PredictedCount(int c)
    {
        long sum = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            sum += this[a, c];
        }

        return sum;
    }

    /// <summary>The share of rows predicted correctly (NaN for no rows).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                correct += this[c, c];
            }

            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>Of the rows predicted as <paramref name="c"/>, the share that are <paramref name="c"/> (0 when none is predicted as it).</summary>
    public double Precision(int c)
    {
        long predicted = PredictedCount(c);
        return predicted == 0 ? 0 : (double)this[c, c] / predicted;
    }

    /// <summary>Of the rows of class <paramref name="c"/>, the share predicted as <paramref name="c"/> (0 when there are none).</summary>
    public double Recall(int c)
    {
        long support = Support(c);
        return support == 0 ? 0 : (double)this[c, c] / support;
    }

    /// <summary>The harmonic mean of <see cref="Precision(int)"/> and <see cref="Recall(int)"/> of class <paramref name="c"/> (0 when both are 0).</summary>
    public double F1(int c)
    {
        double p = Precision(c);
        double r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Precision averaged over classes.</summary>
    public double Precision(Averaging averaging) => Average(averaging, Precision);

    /// <summary>Recall averaged over classes.</summary>
    public double Recall(Averaging averaging) => Average(averaging, Recall);

    /// <summary>F1 averaged over classes (macro and weighted average the per-class F1, as scikit-learn).</summary>
    public double F1(Averaging averaging) => Average(averaging, F1);

    /// <summary>
    /// A report like scikit-learn's <c>classification_report</c>: precision, recall, F1 and
    /// support per class, then accuracy and the macro and weighted averages.
    /// </summary>
    /// <param name="classNames">Optional names of the classes, <see cref="ClassCount"/> of them.</param>
    public string Report(string[]? classNames = null)
    {
        int width = 12;
        if (classNames is not null)
        {
            if (classNames.Length != ClassCount)
            {
                throw new ArgumentException($"{classNames.Length} names were given for {ClassCount} classes.", nameof(classNames));
            }

            foreach (string name in classNames)
            {
                width = Math.Max(width, name.Length);
            }
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"class".PadRight(width)}  precision     recall         f1    support\n");
        for (int c = 0; c < ClassCount; c++)
        {
            string name = classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {Precision(c),9:F4}  {Recall(c),9:F4}  {F1(c),9:F4}  {Support(c),9}\n");
        }

        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"{"accuracy".PadRight(width)}  {"",9}  {"",9}  {Accuracy,9:F4}  {Total,9}\n");
        text.Append(CultureInfo.InvariantCulture, $"{"macro avg".PadRight(width)}  {Precision(Averaging.Macro),9:F4}  {Recall(Averaging.Macro),9:F4}  {F1(Averaging.Macro),9:F4}  {Total,9}\n");
        text.Append(CultureInfo.InvariantCulture, $"{"weighted avg".PadRight(width)}  {Precision(Averaging.Weighted),9:F4}  {Recall(Averaging.Weighted),9:F4}  {F1(Averaging.Weighted),9:F4}  {Total,9}\n");
        return text.ToString();
    }

    /// <summary>The counts as a table, true classes down and predicted classes across.</summary>
    public override string ToString()
    {
        int width = Math.Max(5, _counts.Length == 0 ? 1 : MaxDigits() + 1);
        var text = new StringBuilder();
        text.Append("true\\pred");
        for (int p = 0; p < ClassCount; p++)
        {
            text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }

        text.Append('\n');
        for (int a = 0; a < ClassCount; a++)
        {
            text.Append(a.ToString(CultureInfo.InvariantCulture).PadLeft(9));
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private int MaxDigits()
    {
        long max = 0;
        foreach (long count in _counts)
        {
            max = Math.Max(max, count);
        }

        return max.ToString(CultureInfo.InvariantCulture).Length;
    }

    private double Average(Averaging averaging, Func<int, double> perClass)
    {
        switch (averaging)
        {
            case Averaging.Macro:
                double sum = 0;
                for (int c = 0; c < ClassCount; c++)
                {
                    sum += perClass(c);
                }

                return sum / ClassCount;
            case Averaging.Weighted:
                double weighted = 0;
                for (int c = 0; c < ClassCount; c++)
                {
                    weighted += perClass(c) * Support(c);
                }

                return Total == 0 ? 0 : weighted / Total;
            case Averaging.Micro:
                // Single-label: total TP = correct rows; total FP = total FN = wrong rows.
                return Total == 0 ? 0 : Accuracy;
            default:
                throw new ArgumentOutOfRangeException(nameof(averaging), averaging, "Unknown averaging.");
        }
    }

    private int Check(int c)
    {
        if ((uint)c >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, $"Classes are 0 to {ClassCount - 1}.");
        }

        return c;
    }
}
