using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Schedules;

namespace NetGen.Training;

/// <summary>
/// The fit loop: epochs of shuffled updates (mini-batch, stochastic or full-batch), validation,
/// learning-rate schedules, early stopping, callbacks and progress, for any generated network.
/// </summary>
/// <remarks>
/// Every buffer is allocated before the first epoch; an update (gathering its rows, forward,
/// backward, the NaN check, the schedule and the optimizer step) allocates nothing. Each update
/// accumulates the gradient of its rows in chunks of the network's BatchSize and then applies it,
/// so a batch may be larger than BatchSize, and a non-finite loss is caught before its update.
/// </remarks>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> on <paramref name="train"/>.</summary>
    /// <param name="network">Any generated network; trained in place.</param>
    /// <param name="train">The training rows; features must match the network's input size and targets its target size
    /// (<see cref="INetwork.TargetSize"/>: the output size, or one class index per row for the sparse categorical cross-entropy).</param>
    /// <param name="options">The settings; null for the defaults (10 epochs, mini-batches of the network's BatchSize, shuffled with seed 0).</param>
    /// <returns>The report of every epoch and how training ended.</returns>
    /// <exception cref="ArgumentException">The data does not fit the network, or an option is out of range.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the message names the epoch and step.</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public static TrainingHistory Fit(this INetwork network, Dataset train, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new FitOptions();
        CheckData(network, train, nameof(train));
        if (options.Validation is not null)
        {
            CheckData(network, options.Validation, nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentNullException.ThrowIfNull(options.Metrics);
        ArgumentNullException.ThrowIfNull(options.Callbacks);
        if (!Enum.IsDefined(options.ScheduleUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ScheduleUnit, $"FitOptions.ScheduleUnit is {(int)options.ScheduleUnit}, which is not a ScheduleUnit ({string.Join(", ", Enum.GetNames<ScheduleUnit>())}).");
        }

        options.EarlyStopping?.Validate();
        return new FitRun(network, train, options).Run();
    }

    /// <summary>The mean loss of <paramref name="network"/> over every row of <paramref name="data"/> (inference mode, no update).</summary>
    public static double EvaluateLoss(this INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        CheckData(network, data, nameof(data));
        if (data.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        int inputs = network.InputSize;
        int targets = network.TargetSize;
        for (int start = 0; start < data.Count; start += network.BatchSize)
        {
            int rows = Math.Min(network.BatchSize, data.Count - start);
            sum += (double)network.Evaluate(data.Features.Slice(start * inputs, rows * inputs), data.Targets.Slice(start * targets, rows * targets)) * rows;
        }

        return sum / data.Count;
    }

    /// <summary>The rows per update that <paramref name="options"/> asks for on <paramref name="train"/>.</summary>
    public static int UpdateSize(INetwork network, Dataset train, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Mode)
        {
            case GradientDescentMode.Stochastic:
                if (options.BatchSize is not null and not 1)
                {
                    throw new ArgumentException($"Stochastic gradient descent uses one row per update; BatchSize is {options.BatchSize}.", nameof(options));
                }

                return 1;
            case GradientDescentMode.FullBatch:
                return Math.Max(train.Count, 1);
            case GradientDescentMode.MiniBatch:
                int size = options.BatchSize ?? network.BatchSize;
                if (size < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(options), size, "BatchSize must be at least 1.");
                }

                return size;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "Unknown gradient descent mode.");
        }
    }

    private static void CheckData(INetwork network, Dataset data, string name)
    {
        if (data.FeatureCount != network.InputSize)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The data set has {data.FeatureCount} features per row; the network takes {network.InputSize} inputs."), name);
        }

        if (data.TargetCount != network.TargetSize)
        {
            throw new ArgumentException(TargetMismatch(network, data.TargetCount), name);
        }
    }

    private static string TargetMismatch(INetwork network, int targetCount)
    {
        string message = string.Create(CultureInfo.InvariantCulture, $"The data set has {targetCount} targets per row; the network takes {network.TargetSize}");
        Loss loss = network.Architecture.Loss;
        if (loss == Loss.SparseCategoricalCrossEntropy && targetCount == network.OutputSize)
        {
            return message + " class index per output position (Loss.SparseCategoricalCrossEntropy). The targets look one-hot: use Loss.CategoricalCrossEntropy, or load the class labels without one-hot encoding.";
        }

        if (loss == Loss.CategoricalCrossEntropy && targetCount == network.Architecture.OutputShape.Positions)
        {
            return message + " (a one-hot row per output position). The targets look like class labels: one-hot encode them (OneHotEncoder), or declare Loss.SparseCategoricalCrossEntropy, which takes the class index.";
        }

        return message + ".";
    }

    /// <summary>The prefix of a metric's name for its value on the validation rows, as Keras writes it.</summary>
    private const string ValidationPrefix = "val_";

    private sealed class FitRun
    {
        private readonly INetwork _network;
        private readonly Dataset _train;
        private readonly FitOptions _options;
        private readonly MiniBatches _batches;
        private readonly float[]? _validationOutputs;
        private readonly TrainingOutputs? _trainingOutputs;
        private readonly float[]? _bestParameters;
        private readonly TrainingControl _control = new();
        private readonly ITrainingCallback[] _callbacks;
        private DeterministicRandom _random;

        public FitRun(INetwork network, Dataset train, FitOptions options)
        {
            _network = network;
            _train = train;
            _options = options;
            if (train.Count == 0)
            {
                throw new ArgumentException("The training set has no rows.", nameof(train));
            }

            _batches = new MiniBatches(train, UpdateSize(network, train, options));
            _random = new DeterministicRandom(options.Seed, stream: 3);
            _callbacks = [.. options.Callbacks];
            if (options.Validation is { Count: > 0 } validation && options.Metrics.Count > 0)
            {
                _validationOutputs = new float[ArraySize.Product(validation.Count, network.OutputSize, "The validation outputs of {0} rows of {1} values", nameof(options))];
            }

            if (options.Metrics.Count > 0)
            {
                _trainingOutputs = new TrainingOutputs(network, train.Count);
            }

            if (options.EarlyStopping is { RestoreBestWeights: true })
            {
                _bestParameters = new float[network.ParameterCount];
            }

            ValidateMonitor();
        }

        public TrainingHistory Run()
        {
            var history = new List<EpochReport>(_options.Epochs);
            var clock = Stopwatch.StartNew();
            EarlyStopping? early = _options.EarlyStopping;
            bool greaterIsBetter = early is not null && MonitorGreaterIsBetter(early.Monitor);
            double best = double.NaN;
            int bestEpoch = 0;
            int epochsWithoutImprovement = 0;
            StopReason reason = StopReason.Completed;
            string? stopMessage = null;
            _network.ZeroGradients();

            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                TimeSpan started = clock.Elapsed;
                double loss = RunEpoch(epoch);
                double trainSeconds = (clock.Elapsed - started).TotalSeconds;
                EpochReport report = Validate(epoch, loss, trainSeconds, started, clock);

                if (early is not null)
                {
                    double value = report.Value(early.Monitor);
                    bool improved = bestEpoch == 0 || (greaterIsBetter ? value > best + early.MinDelta : value < best - early.MinDelta);
                    if (improved && !double.IsNaN(value))
                    {
                        best = value;
                        bestEpoch = epoch;
                        epochsWithoutImprovement = 0;
                        if (_bestParameters is not null)
                        {
                            _network.ExportParameters(_bestParameters);
                        }
                    }
                    else
                    {
                        epochsWithoutImprovement++;
                    }
                }

                history.Add(report);
                _options.Progress?.Report(report);
                foreach (ITrainingCallback callback in _callbacks)
                {
                    callback.OnEpochEnd(report, _control);
                }

                if (early is not null && epochsWithoutImprovement >= early.Patience && epoch < _options.Epochs)
                {
                    reason = StopReason.EarlyStopping;
                    stopMessage = string.Create(CultureInfo.InvariantCulture, $"{early.Monitor} did not improve for {early.Patience} epochs after epoch {bestEpoch} ({best:G6}); stopped after epoch {epoch}.");
                    break;
                }

                if (_control.StopRequested)
                {
                    reason = StopReason.Callback;
                    stopMessage = _control.Reason;
                    break;
                }
            }

            if (_bestParameters is not null && bestEpoch > 0 && bestEpoch != history.Count)
            {
                _network.ImportParameters(_bestParameters);
            }

            return new TrainingHistory(history, reason, early is null ? null : bestEpoch, stopMessage);
        }

        private double RunEpoch(int epoch)
        {
            if (_options.Shuffle)
            {
                _batches.Shuffle(ref _random);
            }

            if (_options.Schedule is { } schedule && _options.ScheduleUnit == ScheduleUnit.Epoch)
            {
                _network.LearningRate = schedule.LearningRate(epoch - 1);
            }

            double lossSum = 0;
            _trainingOutputs?.Restart();
            int batchCount = _batches.BatchCount;
            for (int b = 0; b < batchCount; b++)
            {
                _options.CancellationToken.ThrowIfCancellationRequested();
                Batch batch = _batches[b];
                float loss = Update(batch, epoch);
                lossSum += (double)loss * batch.Rows;
                var report = new BatchReport(epoch, b, batchCount, _network.Step, batch.Rows, loss);
                foreach (ITrainingCallback callback in _callbacks)
                {
                    callback.OnBatchEnd(in report);
                }
            }

            return lossSum / _train.Count;
        }

        // One optimizer update over the batch, accumulated in chunks of the network's BatchSize.
        private float Update(Batch batch, int epoch)
        {
            if (_options.Schedule is { } schedule && _options.ScheduleUnit == ScheduleUnit.Step)
            {
                _network.LearningRate = schedule.LearningRate(_network.Step);
            }

            int chunk = _network.BatchSize;
            int inputs = _network.InputSize;
            int targets = _network.TargetSize;
            double sum = 0;
            for (int start = 0; start < batch.Rows; start += chunk)
            {
                int rows = Math.Min(chunk, batch.Rows - start);
                _trainingOutputs?.Record(batch.Inputs.Slice(start * inputs, rows * inputs), batch.Targets.Slice(start * targets, rows * targets), rows);
                float chunkLoss = _network.AccumulateGradients(batch.Inputs.Slice(start * inputs, rows * inputs), batch.Targets.Slice(start * targets, rows * targets));
                sum += (double)chunkLoss * rows;
            }

            float loss = (float)(sum / batch.Rows);
            if (!float.IsFinite(loss))
            {
                _network.ZeroGradients();
                throw new TrainingDivergedException(epoch, _network.Step + 1, batch.Index, loss);
            }

            try
            {
                _network.ApplyGradients();
            }
            catch (TrainingDivergedException diverged)
            {
                throw new TrainingDivergedException(epoch, batch.Index, diverged);
            }

            return loss;
        }

        private EpochReport Validate(int epoch, double loss, double trainSeconds, TimeSpan started, Stopwatch clock)
        {
            double validationLoss = double.NaN;
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            if (_trainingOutputs is not null)
            {
                foreach (Metric metric in _options.Metrics)
                {
                    metrics[metric.Name] = _trainingOutputs.Score(metric);
                }
            }

            if (_options.Validation is { Count: > 0 } validation)
            {
                validationLoss = _network.EvaluateLoss(validation);
                if (_validationOutputs is not null)
                {
                    Predictions.PredictInto(_network, validation, _validationOutputs);
                    Predictions.ToProbabilities(_validationOutputs, _network.Architecture);
                    foreach (Metric metric in _options.Metrics)
                    {
                        metrics[ValidationPrefix + metric.Name] = metric.Score(_validationOutputs, _network.OutputSize, validation);
                    }
                }
            }

            double rowsPerSecond = trainSeconds > 0 ? _train.Count / trainSeconds : double.PositiveInfinity;
            return new EpochReport(epoch, _options.Epochs, _network.Step, loss, validationLoss, metrics, _network.LearningRate, rowsPerSecond, clock.Elapsed - started, clock.Elapsed);
        }

        private void ValidateMonitor()
        {
            if (_options.EarlyStopping is not { } early)
            {
                return;
            }

            bool hasValidation = _options.Validation is { Count: > 0 };
            bool needsValidation = early.Monitor.StartsWith(ValidationPrefix, StringComparison.Ordinal);
            if (early.Monitor == "loss" || (!needsValidation && FindMetric(early.Monitor) is not null))
            {
                return;
            }

            if (needsValidation && !hasValidation)
            {
                throw new ArgumentException($"Early stopping monitors '{early.Monitor}', which needs validation data (FitOptions.Validation); or monitor 'loss'.", nameof(_options));
            }

            if (early.Monitor == "val_loss" || FindMetric(early.Monitor) is not null)
            {
                return;
            }

            throw new ArgumentException($"Early stopping monitors '{early.Monitor}', which is neither 'loss', 'val_loss' nor the name of a metric in FitOptions.Metrics (as 'accuracy' on the training batches or 'val_accuracy' on the validation rows).", nameof(_options));
        }

        private bool MonitorGreaterIsBetter(string monitor) => FindMetric(monitor)?.GreaterIsBetter ?? false;

        /// <summary>The metric a monitored name reports: a metric's name, or <c>val_</c> and its name when there is validation data.</summary>
        private Metric? FindMetric(string monitor)
        {
            string name = monitor;
            if (monitor.StartsWith(ValidationPrefix, StringComparison.Ordinal))
            {
                if (_options.Validation is not { Count: > 0 })
                {
                    return null;
                }

                name = monitor.Substring(ValidationPrefix.Length);
            }

            return FindMetricNamed(name);
        }

        private Metric? FindMetricNamed(string name)
        {
            foreach (Metric metric in _options.Metrics)
            {
                if (metric.Name == name)
                {
                    return metric;
                }
            }

            return null;
        }
    }
}
