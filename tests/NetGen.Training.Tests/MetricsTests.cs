using System;
using NetGen.Data;
using NetGen.Metrics;
using Xunit;

namespace NetGen.Training.Tests;

public class MetricsTests
{
    [Fact]
    public void Binary_precision_recall_and_f1_match_hand_counts()
    {
        int[] actual = [0, 1, 1, 0, 1, 1];
        int[] predicted = [0, 1, 0, 0, 1, 1]; // tp 3, fp 0, fn 1, tn 2
        Assert.Equal(5.0 / 6, ClassificationMetrics.Accuracy(actual, predicted), 12);
        Assert.Equal(1.0, ClassificationMetrics.Precision(actual, predicted), 12);
        Assert.Equal(0.75, ClassificationMetrics.Recall(actual, predicted), 12);
        Assert.Equal(6.0 / 7, ClassificationMetrics.F1(actual, predicted), 12);
        Assert.Equal(0.8, ClassificationMetrics.F1(actual, predicted, positiveClass: 0), 12); // p 2/3, r 1
    }

    [Fact]
    public void Multi_class_averages_match_the_scikit_learn_documentation_example()
    {
        int[] actual = [0, 1, 2, 0, 1, 2];
        int[] predicted = [0, 2, 1, 0, 0, 1];
        Assert.Equal(2.0 / 9, ClassificationMetrics.Precision(actual, predicted, 3, Averaging.Macro), 12);
        Assert.Equal(1.0 / 3, ClassificationMetrics.Precision(actual, predicted, 3, Averaging.Micro), 12);
        Assert.Equal(2.0 / 9, ClassificationMetrics.Precision(actual, predicted, 3, Averaging.Weighted), 12);
        Assert.Equal(1.0 / 3, ClassificationMetrics.Recall(actual, predicted, 3, Averaging.Macro), 12);
        Assert.Equal(0.8 / 3, ClassificationMetrics.F1(actual, predicted, 3, Averaging.Macro), 12);
        Assert.Equal(1.0 / 3, ClassificationMetrics.F1(actual, predicted, 3, Averaging.Micro), 12);
        Assert.Equal(0.8 / 3, ClassificationMetrics.F1(actual, predicted, 3, Averaging.Weighted), 12);
    }

    [Fact]
    public void Weighted_average_weights_by_support()
    {
        int[] actual = [0, 0, 0, 1];
        int[] predicted = [0, 0, 1, 1]; // recall class 0: 2/3 (support 3), class 1: 1 (support 1)
        Assert.Equal(((2.0 / 3 * 3) + 1) / 4, ClassificationMetrics.Recall(actual, predicted, 2, Averaging.Weighted), 12);
        Assert.Equal(((2.0 / 3) + 1) / 2, ClassificationMetrics.Recall(actual, predicted, 2, Averaging.Macro), 12);
    }

    [Fact]
    public void Confusion_matrix_matches_the_scikit_learn_documentation_example()
    {
        ConfusionMatrix m = ConfusionMatrix.Compute([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3);
        long[,] expected = { { 2, 0, 0 }, { 0, 0, 1 }, { 1, 0, 2 } };
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(expected[a, p], m[a, p]);
            }
        }

        Assert.Equal(3, m.Support(2));
        Assert.Equal(3, m.PredictedCount(2));
        Assert.Contains("macro avg", m.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_confusion_matrix_too_large_for_one_array_is_an_argument_error()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([0], [0], 65536));
        Assert.Contains("65536 x 65536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Degenerate_class_metrics_are_zero_as_documented()
    {
        int[] actual = [0, 0, 0];
        int[] predicted = [0, 0, 0];
        Assert.Equal(0.0, ClassificationMetrics.Precision(actual, predicted)); // nothing predicted positive
        Assert.Equal(0.0, ClassificationMetrics.Recall(actual, predicted)); // no positive row
        Assert.Equal(0.0, ClassificationMetrics.F1(actual, predicted));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([], []));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0]));
    }

    [Fact]
    public void Roc_curve_matches_the_scikit_learn_documentation_example()
    {
        RocCurve roc = RocCurve.Compute([1, 1, 2, 2], [0.1f, 0.4f, 0.35f, 0.8f], positiveClass: 2);
        Assert.Equal(new[] { 0, 0, 0.5, 0.5, 1 }, roc.FalsePositiveRates);
        Assert.Equal(new[] { 0, 0.5, 0.5, 1, 1 }, roc.TruePositiveRates);
        Assert.Equal(new[] { float.PositiveInfinity, 0.8f, 0.4f, 0.35f, 0.1f }, roc.Thresholds);
        Assert.Equal(0.75, roc.Area, 12);
    }

    [Fact]
    public void Tied_scores_count_half_in_the_area()
    {
        // Pairs (positive, negative): 0.6>0.2, 0.6=0.6 (half), 0.9>0.2, 0.9>0.6 -> 3.5 / 4.
        Assert.Equal(0.875, RocCurve.Auc([0, 0, 1, 1], [0.2f, 0.6f, 0.6f, 0.9f]), 12);
        RocCurve allTied = RocCurve.Compute([0, 1, 0, 1], [0.5f, 0.5f, 0.5f, 0.5f]);
        Assert.Equal(2, allTied.FalsePositiveRates.Count);
        Assert.Equal(0.5, allTied.Area, 12);
    }

    [Fact]
    public void Roc_auc_with_one_class_only_is_a_clear_error()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => RocCurve.Auc([1, 1, 1], [0.2f, 0.5f, 0.9f]));
        Assert.Contains("Only one class", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_vs_rest_macro_auc_averages_per_class_areas()
    {
        int[] actual = [0, 0, 1, 2];
        float[] scores =
        [
            0.6f, 0.3f, 0.1f,
            0.2f, 0.5f, 0.3f,
            0.3f, 0.4f, 0.3f,
            0.1f, 0.2f, 0.7f,
        ];
        Assert.Equal((0.75 + (2.0 / 3) + 1) / 3, RocCurve.AucOneVsRest(actual, scores, 3), 12);
        Assert.Throws<ArgumentException>(() => RocCurve.AucOneVsRest([0, 0, 1, 1], new float[12], 3)); // class 2 absent
    }

    [Fact]
    public void Log_loss_matches_the_scikit_learn_documentation_example()
    {
        int[] actual = [1, 0, 0, 1];
        float[] probabilities = [0.1f, 0.9f, 0.9f, 0.1f, 0.8f, 0.2f, 0.35f, 0.65f];
        double expected = -(Math.Log(0.9) + Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.65)) / 4; // 0.21616...
        Assert.Equal(expected, ProbabilisticMetrics.LogLoss(actual, probabilities, 2), 6);
        Assert.Equal(0.216161, ProbabilisticMetrics.LogLoss(actual, [0.9f, 0.1f, 0.2f, 0.65f], 2), 5);
        Assert.Equal(-Math.Log(1e-15), ProbabilisticMetrics.LogLoss([1], [0f], 2), 9); // clipped, finite
    }

    [Fact]
    public void Regression_metrics_match_the_scikit_learn_documentation_example()
    {
        float[] actual = [3f, -0.5f, 2f, 7f];
        float[] predicted = [2.5f, 0f, 2f, 8f];
        Assert.Equal(0.375, RegressionMetrics.MeanSquaredError(actual, predicted), 12);
        Assert.Equal(0.5, RegressionMetrics.MeanAbsoluteError(actual, predicted), 12);
        Assert.Equal(Math.Sqrt(0.375), RegressionMetrics.RootMeanSquaredError(actual, predicted), 12);
        Assert.Equal(0.948608137, RegressionMetrics.R2(actual, predicted), 8);
    }

    [Fact]
    public void R2_of_constant_targets_is_NaN_as_documented()
    {
        Assert.True(double.IsNaN(RegressionMetrics.R2([2f, 2f, 2f], [1f, 2f, 3f])));
    }

    [Fact]
    public void Metric_objects_score_sigmoid_and_softmax_outputs()
    {
        var binary = new Dataset(new float[4], 1, [0f, 1f, 1f, 0f], 1);
        float[] sigmoid = [0.2f, 0.7f, 0.4f, 0.6f];
        Assert.Equal(0.5, Metric.Accuracy.Score(sigmoid, 1, binary), 12);
        Assert.Equal(0.75, Metric.RocAuc.Score(sigmoid, 1, binary), 12);

        var oneHot = new Dataset(new float[3], 1, [1f, 0f, 0f, 0f, 1f, 0f, 0f, 1f, 0f], 3);
        float[] softmax = [0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f, 0.1f, 0.3f, 0.6f];
        Assert.Equal(2.0 / 3, Metric.Accuracy.Score(softmax, 3, oneHot), 12);
        Assert.True(Metric.LogLoss.IsImprovement(0.1, 0.2));
        Assert.False(Metric.Accuracy.IsImprovement(0.5, 0.5));
    }
}
