using System;
using NetGen.Data;

namespace NetGen.Metrics;

/// <summary>
/// A named score of a network's outputs on a data set, used to monitor training, stop early and
/// rank candidates in cross-validation and searches. The built-in metrics are static properties.
/// </summary>
/// <remarks>
/// Classification metrics read the true class of each row with <see cref="Dataset.ClassOf"/> and
/// the predicted class with <see cref="Predictions.Classes"/>: they work for one sigmoid output
/// (two classes) and for softmax outputs, with one-hot targets or class indices. Outputs are probabilities: a network that
/// outputs logits is scored through <see cref="Predictions.ToProbabilities"/> (<see cref="Score(INetwork, Dataset)"/> and the
/// fit loop do this).
/// </remarks>
public abstract class Metric
{
    /// <summary>Creates a metric.</summary>
    /// <param name="name">A short name, used in reports and as the key of monitored values.</param>
    /// <param name="greaterIsBetter">Whether larger scores are better.</param>
    protected Metric(string name, bool greaterIsBetter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        GreaterIsBetter = greaterIsBetter;
    }

    /// <summary>The short name, such as <c>accuracy</c> or <c>roc_auc</c>.</summary>
    public string Name { get; }

    /// <summary>Whether larger scores are better.</summary>
    public bool GreaterIsBetter { get; }

    /// <summary>The share of rows classified correctly.</summary>
    public static Metric Accuracy { get; } = new ClassMetric("accuracy", (m, _) => m.Accuracy);

    /// <summary>Precision: of the positive class for two classes, macro-averaged for more.</summary>
    public static Metric Precision { get; } = new ClassMetric("precision", (m, k) => k == 2 ? m.Precision(1) : m.Precision(Averaging.Macro));

    /// <summary>Recall: of the positive class for two classes, macro-averaged for more.</summary>
    public static Metric Recall { get; } = new ClassMetric("recall", (m, k) => k == 2 ? m.Recall(1) : m.Recall(Averaging.Macro));

    /// <summary>F1: of the positive class for two classes, macro-averaged for more.</summary>
    public static Metric F1 { get; } = new ClassMetric("f1", (m, k) => k == 2 ? m.F1(1) : m.F1(Averaging.Macro));

    /// <summary>ROC-AUC: binary for one output or two classes, one-vs-rest macro for more.</summary>
    public static Metric RocAuc { get; } = new RocAucMetric();

    /// <summary>The mean negative log-likelihood of the true classes (lower is better).</summary>
    public static Metric LogLoss { get; } = new LogLossMetric();

    /// <summary>The mean squared error over every output (lower is better).</summary>
    public static Metric MeanSquaredError { get; } = new RegressionMetric("mse", false, RegressionMetrics.MeanSquaredError);

    /// <summary>The mean absolute error over every output (lower is better).</summary>
    public static Metric MeanAbsoluteError { get; } = new RegressionMetric("mae", false, RegressionMetrics.MeanAbsoluteError);

    /// <summary>The root of the mean squared error (lower is better).</summary>
    public static Metric RootMeanSquaredError { get; } = new RegressionMetric("rmse", false, RegressionMetrics.RootMeanSquaredError);

    /// <summary>The coefficient of determination, averaged over outputs.</summary>
    public static Metric R2 { get; } = new R2Metric();

    /// <summary>Scores outputs against the targets of <paramref name="data"/>.</summary>
    /// <param name="outputs">The network's outputs for every row, row-major (see <see cref="Predictions.Predict"/>).</param>
    /// <param name="outputSize">Outputs per row.</param>
    /// <param name="data">The rows the outputs were computed for.</param>
    public abstract double Score(ReadOnlySpan<float> outputs, int outputSize, Dataset data);

    /// <summary>Runs <paramref name="network"/> over <paramref name="data"/> and scores its outputs, as probabilities when the
    /// network outputs logits (see <see cref="Predictions.PredictProbabilities"/>).</summary>
    public double Score(INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Score(Predictions.PredictProbabilities(network, data), network.OutputSize, data);
    }

    /// <summary>Whether <paramref name="candidate"/> is better than <paramref name="reference"/> by more than <paramref name="minDelta"/>.</summary>
    public bool IsImprovement(double candidate, double reference, double minDelta = 0) =>
        GreaterIsBetter ? candidate > reference + minDelta : candidate < reference - minDelta;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static int ClassCountOf(int outputSize, Dataset data) => outputSize == 1 ? 2 : Math.Max(outputSize, data.ClassCount());

    private sealed class ClassMetric(string name, Func<ConfusionMatrix, int, double> score) : Metric(name, true)
    {
        public override double Score(ReadOnlySpan<float> outputs, int outputSize, Dataset data)
        {
            ArgumentNullException.ThrowIfNull(data);
            int classCount = ClassCountOf(outputSize, data);
            return score(ConfusionMatrix.Compute(data.Classes(), Predictions.Classes(outputs, outputSize), classCount), classCount);
        }
    }

    private sealed class RocAucMetric() : Metric("roc_auc", true)
    {
        public override double Score(ReadOnlySpan<float> outputs, int outputSize, Dataset data)
        {
            ArgumentNullException.ThrowIfNull(data);
            int[] actual = data.Classes();
            return outputSize <= 2
                ? RocCurve.Auc(actual, Predictions.Scores(outputs, outputSize))
                : RocCurve.AucOneVsRest(actual, outputs, outputSize);
        }
    }

    private sealed class LogLossMetric() : Metric("log_loss", false)
    {
        public override double Score(ReadOnlySpan<float> outputs, int outputSize, Dataset data)
        {
            ArgumentNullException.ThrowIfNull(data);
            return ProbabilisticMetrics.LogLoss(data.Classes(), outputs, ClassCountOf(outputSize, data));
        }
    }

    private delegate double SpanMetric(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted);

    private sealed class RegressionMetric(string name, bool greaterIsBetter, SpanMetric metric) : Metric(name, greaterIsBetter)
    {
        public override double Score(ReadOnlySpan<float> outputs, int outputSize, Dataset data)
        {
            ArgumentNullException.ThrowIfNull(data);
            return metric(data.Targets, outputs);
        }
    }

    private sealed class R2Metric() : Metric("r2", true)
    {
        public override double Score(ReadOnlySpan<float> outputs, int outputSize, Dataset data)
        {
            ArgumentNullException.ThrowIfNull(data);
            return RegressionMetrics.R2(data.Targets, outputs, outputSize);
        }
    }
}
