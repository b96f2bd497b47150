using System;

namespace NetGen.Metrics;

/// <summary>
/// Errors of real-valued predictions. Spans are row-major with <c>outputs</c> values per row;
/// MSE, MAE and RMSE average over every value, R² is computed per output and averaged uniformly
/// (scikit-learn's <c>multioutput='uniform_average'</c>).
/// </summary>
public static class RegressionMetrics
{
    /// <summary>The mean of the squared differences.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = (double)predicted[i] - actual[i];
            sum += d * d;
        }

        return sum / actual.Length;
    }

    /// <summary>The mean of the absolute differences.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs((double)predicted[i] - actual[i]);
        }

        return sum / actual.Length;
    }

    /// <summary>The square root of <see cref="MeanSquaredError"/>.</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted) =>
        Math.Sqrt(MeanSquaredError(actual, predicted));

    /// <summary>
    /// The coefficient of determination, 1 - (residual sum of squares) / (total sum of squares
    /// around the mean): 1 for perfect predictions, 0 for predicting the mean, negative for worse.
    /// When an output's true values are all equal its total sum of squares is 0 and R² is not
    /// defined: the result is then <see cref="double.NaN"/>.
    /// </summary>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The predictions.</param>
    /// <param name="outputs">Values per row (default 1).</param>
    public static double R2(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted, int outputs = 1)
    {
        Check(actual, predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (actual.Length % outputs != 0)
        {
            throw new ArgumentException($"{actual.Length} values are not a whole number of rows of {outputs}.", nameof(outputs));
        }

        int rows = actual.Length / outputs;
        double sum = 0;
        for (int o = 0; o < outputs; o++)
        {
            double mean = 0;
            for (int r = 0; r < rows; r++)
            {
                mean += actual[(r * outputs) + o];
            }

            mean /= rows;
            double residual = 0, total = 0;
            for (int r = 0; r < rows; r++)
            {
                double y = actual[(r * outputs) + o];
                double e = y - predicted[(r * outputs) + o];
                residual += e * e;
                total += (y - mean) * (y - mean);
            }

            sum += total == 0 ? double.NaN : 1 - (residual / total);
        }

        return sum / outputs;
    }

    private static void Check(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        MetricGuard.SameLength(actual.Length, predicted.Length);
        MetricGuard.NotEmpty(actual.Length);
    }
}
