using System;
using NetGen.Data;
using NetGen.Metrics;

namespace NetGen.Training;

/// <summary>
/// The outputs and targets of an epoch's training batches, kept in the order they were trained, so that the fit loop reports
/// metrics on the training data as Keras does (<c>accuracy</c> next to <c>val_accuracy</c>) without a second pass over the
/// set. Every array is allocated once, for the whole run.
/// </summary>
internal sealed class TrainingOutputs
{
    private readonly INetwork _network;
    private readonly float[] _outputs;
    private readonly float[] _targets;
    private readonly Dataset _seen;
    private int _rows;
    private bool _probabilities;

    public TrainingOutputs(INetwork network, int rows)
    {
        _network = network;
        _outputs = new float[ArraySize.Product(rows, network.OutputSize, "The training outputs of {0} rows of {1} values", nameof(rows))];
        _targets = new float[ArraySize.Product(rows, network.TargetSize, "The training targets of {0} rows of {1} values", nameof(rows))];

        // Metrics read only the targets; the data set keeps (not copies) the target array that Record fills.
        _seen = new Dataset(new float[rows], 1, _targets, network.TargetSize);
    }

    /// <summary>Starts an epoch.</summary>
    public void Restart()
    {
        _rows = 0;
        _probabilities = false;
    }

    /// <summary>Records the outputs of rows about to be trained, with the current weights.</summary>
    public void Record(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows)
    {
        _network.PredictBatch(inputs, _outputs.AsSpan(_rows * _network.OutputSize, rows * _network.OutputSize));
        targets.CopyTo(_targets.AsSpan(_rows * _network.TargetSize));
        _rows += rows;
    }

    /// <summary>Scores the epoch's recorded outputs.</summary>
    public double Score(Metric metric)
    {
        if (!_probabilities)
        {
            Predictions.ToProbabilities(_outputs, _network.Architecture);
            _probabilities = true;
        }

        return metric.Score(_outputs, _network.OutputSize, _seen);
    }
}
