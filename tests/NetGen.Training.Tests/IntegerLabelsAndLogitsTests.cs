using System;
using System.IO;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.ModelSelection;
using NetGen.Training;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>
/// The workflow with integer labels (<see cref="Loss.SparseCategoricalCrossEntropy"/>: one class index per row, no one-hot
/// step) and with logits outputs (a cross-entropy after a last layer without activation), as Keras and PyTorch scripts write
/// them: loaders, Fit, metrics, cross-validation, search and the messages for targets of the wrong kind. The training
/// metrics are named as Keras names them.
/// </summary>
public class IntegerLabelsAndLogitsTests
{
    [Fact]
    public void Sizes_say_one_target_per_row_for_integer_labels()
    {
        Assert.Equal(3, SparseLogitsClassifierNet.OutputSize);
        Assert.Equal(1, SparseLogitsClassifierNet.TargetSize);
        Assert.Equal(3, ClassifierNet.TargetSize);
        INetwork network = new SparseLogitsClassifierNet();
        Assert.Equal(1, network.TargetSize);
        Assert.True(network.Architecture.OutputsLogits);
        Assert.False(SparseClassifierNet.Architecture.OutputsLogits);
        Assert.True(BinaryLogitClassifierNet.Architecture.OutputsLogits);
        Assert.False(ClassifierNet.Architecture.OutputsLogits);
    }

    [Fact]
    public void Integer_labels_train_to_the_accuracy_of_one_hot_targets()
    {
        Dataset labels = TestData.BlobLabels(240, seed: 8);
        Dataset oneHot = TestData.Blobs(240, seed: 8);
        (Dataset train, Dataset test) = DatasetSplitter.TrainTestSplit(labels, 0.25, seed: 1, stratify: true);
        var options = new FitOptions { Epochs = 30, Seed = 2 };

        var sparse = new SparseLogitsClassifierNet(seed: 4);
        sparse.Fit(train, options);
        double accuracy = Metric.Accuracy.Score(sparse, test);
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");

        (Dataset trainOneHot, Dataset testOneHot) = DatasetSplitter.TrainTestSplit(oneHot, 0.25, seed: 1, stratify: true);
        var dense = new ClassifierNet(seed: 4);
        dense.Fit(trainOneHot, options);
        Assert.True(Metric.Accuracy.Score(dense, testOneHot) > 0.9);
    }

    [Fact]
    public void Sparse_and_one_hot_cross_entropy_give_the_same_loss_and_step_for_the_same_rows()
    {
        Dataset labels = TestData.BlobLabels(8, seed: 3);
        Dataset oneHot = TestData.Blobs(8, seed: 3);
        var sparse = new SparseClassifierNet(seed: 6);
        var reference = new ClassifierNetWithoutDropout(seed: 6);
        float[] parameters = new float[SparseClassifierNet.ParameterCount];
        sparse.ExportParameters(parameters);
        reference.ImportParameters(parameters);

        Assert.Equal(reference.Evaluate(oneHot.Features, oneHot.Targets), sparse.Evaluate(labels.Features, labels.Targets), 6);
        sparse.TrainStep(labels.Features, labels.Targets);
        reference.TrainStep(oneHot.Features, oneHot.Targets);
        var a = new float[SparseClassifierNet.ParameterCount];
        var b = new float[SparseClassifierNet.ParameterCount];
        sparse.ExportParameters(a);
        reference.ExportParameters(b);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(b[i], a[i], 6);
        }
    }

    [Theory]
    [InlineData(3f, "'targets' row 2 holds 3 (index 2), which is out of range")]
    [InlineData(-1f, "'targets' row 2 holds -1 (index 2), which is out of range")]
    [InlineData(1.5f, "'targets' row 2 holds 1.5 (index 2), which is not a whole number")]
    [InlineData(float.NaN, "'targets' row 2 holds NaN (index 2), which is not a whole number")]
    public void A_label_outside_the_classes_or_not_whole_throws_naming_the_row_and_changes_nothing(float label, string expected)
    {
        var network = new SparseLogitsClassifierNet(seed: 1);
        float[] before = new float[SparseLogitsClassifierNet.ParameterCount];
        network.ExportParameters(before);
        float[] inputs = new float[4 * 3];
        float[] targets = [0f, 2f, label, 1f];

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.TrainStep(inputs, targets));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("takes the index of the true class, a whole number from 0 to 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => network.Evaluate(inputs, targets));
        Assert.Throws<ArgumentException>(() => network.AccumulateGradients(inputs, targets));

        float[] after = new float[SparseLogitsClassifierNet.ParameterCount];
        network.ExportParameters(after);
        Assert.Equal(before, after);
        Assert.Equal(0, network.Step);
    }

    [Fact]
    public void Fit_with_one_hot_targets_for_integer_labels_says_how_to_fix_it()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new SparseLogitsClassifierNet().Fit(TestData.Blobs(30, seed: 1), new FitOptions { Epochs = 1 }));
        Assert.Contains("The data set has 3 targets per row; the network takes 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("The targets look one-hot: use Loss.CategoricalCrossEntropy", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => new ClassifierNet().Fit(TestData.BlobLabels(30, seed: 1), new FitOptions { Epochs = 1 }));
        Assert.Contains("The data set has 1 targets per row; the network takes 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("declare Loss.SparseCategoricalCrossEntropy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_logits_network_predicts_logits_and_metrics_score_its_probabilities()
    {
        Dataset data = TestData.BlobLabels(60, seed: 5);
        var network = new SparseLogitsClassifierNet(seed: 2);
        network.Fit(data, new FitOptions { Epochs = 10, Seed = 1 });

        float[] logits = Predictions.Predict(network, data);
        float[] probabilities = Predictions.PredictProbabilities(network, data);
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<float> z = logits.AsSpan(row * 3, 3);
            ReadOnlySpan<float> p = probabilities.AsSpan(row * 3, 3);
            double sum = Math.Exp(z[0]) + Math.Exp(z[1]) + Math.Exp(z[2]);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(Math.Exp(z[k]) / sum, p[k], 5);
            }
        }

        Assert.True(logits.Any(value => value < 0f || value > 1f), "logits are not probabilities");

        // Log loss needs probabilities: scored through the network it is that of the softmax, not of the raw logits.
        double logLoss = Metric.LogLoss.Score(network, data);
        Assert.Equal(Metric.LogLoss.Score(probabilities, 3, data), logLoss, 12);
        Assert.Equal(network.EvaluateLoss(data), logLoss, 4);
        Assert.Equal(Metric.Accuracy.Score(logits, 3, data), Metric.Accuracy.Score(network, data), 12);
    }

    [Fact]
    public void A_binary_logit_network_scores_roc_auc_and_log_loss_on_sigmoid_probabilities()
    {
        Dataset blobs = TestData.BlobLabels(90, seed: 7);
        float[] yes = new float[blobs.Count];
        for (int i = 0; i < yes.Length; i++)
        {
            yes[i] = blobs.Targets[i] == 0f ? 1f : 0f;
        }

        Dataset data = blobs.WithTargets(yes, 1);
        var network = new BinaryLogitClassifierNet(seed: 3);
        TrainingHistory history = network.Fit(data, new FitOptions { Epochs = 20, Seed = 1, Validation = data, Metrics = [Metric.RocAuc, Metric.LogLoss] });

        float[] logits = Predictions.Predict(network, data);
        float[] probabilities = Predictions.PredictProbabilities(network, data);
        for (int i = 0; i < logits.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-logits[i])), probabilities[i], 5);
        }

        Assert.True(history.Values("val_roc_auc")[^1] > 0.95);
        Assert.Equal(network.EvaluateLoss(data), history.Values("val_log_loss")[^1], 4);
    }

    [Fact]
    public void Cross_validation_and_search_take_integer_labels()
    {
        Dataset data = TestData.BlobLabels(90, seed: 9);
        var options = new ModelSelectionOptions { Metric = Metric.Accuracy, Folds = 3, Stratified = true, Seed = 1, Fit = new FitOptions { Epochs = 15 } };
        CrossValidationResult result = CrossValidation.Run<SparseLogitsClassifierNet>(data, options);
        Assert.All(result.Scores, score => Assert.True(score > 0.8, $"accuracy {score}"));

        SearchResults search = HyperparameterSearch.Grid<SparseLogitsClassifierNet>(
            data,
            new ParameterGrid().Add(Hyperparameter.LearningRate, 1e-5f, 0.02f),
            new ModelSelectionOptions { Metric = Metric.LogLoss, Folds = 3, Stratified = true, Seed = 1, Fit = new FitOptions { Epochs = 15 } });
        Assert.Equal(0.02f, search.Best.Candidate[Hyperparameter.LearningRate]);
    }

    [Fact]
    public void Csv_and_idx_loaders_give_integer_labels_without_a_one_hot_step()
    {
        string csv = "a,b,c,label\n2.1,0.1,-0.2,0\n0.3,1.9,0.1,1\n-0.1,0.2,2.2,2\n2.0,-0.3,0.4,0\n";
        Dataset fromCsv = CsvLoader.Read(new StringReader(csv), "blobs.csv");
        Assert.Equal(1, fromCsv.TargetCount);
        var network = new SparseLogitsClassifierNet(seed: 1);
        TrainingHistory history = network.Fit(fromCsv, new FitOptions { Epochs = 2 });
        Assert.Equal(2, history.Epochs.Count);

        string images = Path.GetTempFileName();
        string labelFile = Path.GetTempFileName();
        try
        {
            // Three 1x3 "images" and their labels, in the IDX format (magic 0x0803 / 0x0801, big-endian sizes).
            File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 3, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
            File.WriteAllBytes(labelFile, [0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 2]);
            Dataset fromIdx = IdxLoader.LoadImagesAndLabels(images, labelFile, classCount: 3, oneHot: false);
            Assert.Equal(1, fromIdx.TargetCount);
            Assert.Equal([0f, 1f, 2f], fromIdx.Targets.ToArray());
            Assert.Equal(2, network.Fit(fromIdx, new FitOptions { Epochs = 2 }).Epochs.Count);
        }
        finally
        {
            File.Delete(images);
            File.Delete(labelFile);
        }
    }

    [Fact]
    public void Training_and_validation_metrics_are_named_as_Keras_names_them()
    {
        Dataset data = TestData.BlobLabels(48, seed: 2);
        var network = new SparseLogitsClassifierNet(seed: 5);
        double before = Metric.Accuracy.Score(network, data);

        // One full-batch epoch: every row is scored with the weights before the epoch's only update.
        TrainingHistory history = network.Fit(data, new FitOptions { Epochs = 1, Mode = GradientDescentMode.FullBatch, Validation = data, Metrics = [Metric.Accuracy] });
        EpochReport report = history.Epochs[0];
        Assert.Equal(["accuracy", "val_accuracy"], report.Metrics.Keys.OrderBy(key => key, StringComparer.Ordinal));
        Assert.Equal(before, report.Metrics["accuracy"], 12);
        Assert.Equal(Metric.Accuracy.Score(network, data), report.Metrics["val_accuracy"], 12);

        string line = report.ToString();
        int loss = line.IndexOf("  loss ", StringComparison.Ordinal);
        int accuracy = line.IndexOf("  accuracy ", StringComparison.Ordinal);
        int validationLoss = line.IndexOf("  val_loss ", StringComparison.Ordinal);
        int validationAccuracy = line.IndexOf("  val_accuracy ", StringComparison.Ordinal);
        Assert.True(loss < accuracy && accuracy < validationLoss && validationLoss < validationAccuracy, line);
    }

    [Fact]
    public void Early_stopping_can_monitor_a_training_metric_without_validation_data_but_not_a_validation_one()
    {
        Dataset data = TestData.BlobLabels(48, seed: 2);
        var network = new SparseLogitsClassifierNet(seed: 5);
        TrainingHistory history = network.Fit(data, new FitOptions
        {
            Epochs = 30,
            Metrics = [Metric.Accuracy],
            EarlyStopping = new EarlyStopping { Monitor = "accuracy", Patience = 3 },
        });
        double[] accuracy = history.Values("accuracy");
        Assert.Equal(accuracy.Max(), accuracy[history.BestEpoch!.Value - 1]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.Fit(data, new FitOptions
        {
            Metrics = [Metric.Accuracy],
            EarlyStopping = new EarlyStopping { Monitor = "val_accuracy" },
        }));
        Assert.Contains("needs validation data", error.Message, StringComparison.Ordinal);
    }
}

/// <summary><see cref="ClassifierNet"/> without its dropout and with a softmax, for exact comparisons with <see cref="SparseClassifierNet"/>.</summary>
[Network(3, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class ClassifierNetWithoutDropout
{
}
