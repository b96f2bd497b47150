using System;
using System.Collections.Generic;

namespace NetGen.Tests.Reference;

/// <summary>
/// A trainable double-precision twin of a generated network: the same architecture and
/// hyperparameters, parameters copied from it, and the contract's step in double.
/// </summary>
internal sealed class ReferenceNetwork
{
    public ReferenceNetwork(INetwork network)
    {
        Model = new ReferenceModel(network.Architecture);
        Hyperparameters = network.Hyperparameters;
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        Parameters = Array.ConvertAll(parameters, value => (double)value);
        Optimizer = new ReferenceOptimizer(network.Architecture.Optimizer, Model.IsWeight);
    }

    public ReferenceModel Model { get; }

    public ReferenceOptimizer Optimizer { get; }

    public Hyperparameters Hyperparameters { get; set; }

    /// <summary>The parameters in canonical order.</summary>
    public double[] Parameters { get; }

    /// <summary>The gradient of the last <see cref="ComputeGradients"/> or <see cref="TrainStep"/>.</summary>
    public double[] Gradient { get; private set; } = [];

    public int Rows(ReadOnlySpan<float> inputs) => inputs.Length / Model.Architecture.InputSize;

    public double[] Predict(ReadOnlySpan<float> inputs) => Model.Predict(Parameters, inputs, Rows(inputs));

    public double Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => Model.Loss(Parameters, inputs, targets, Rows(inputs));

    /// <summary>The loss and gradient of a training call; <paramref name="dropoutMasks"/> are the masks the network drew
    /// for it (see <see cref="DropoutMasks"/>), or null for a network without dropout (or rate 0).</summary>
    public double ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, IReadOnlyList<double[]>? dropoutMasks = null)
    {
        Gradient = new double[Parameters.Length];
        return Model.LossAndGradient(Parameters, inputs, targets, Rows(inputs), Gradient, dropoutMasks);
    }

    /// <summary>One update with the gradient of the last <see cref="ComputeGradients"/>.</summary>
    public void ApplyGradients() => Optimizer.Update(Parameters, Gradient, Hyperparameters);

    public double TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, IReadOnlyList<double[]>? dropoutMasks = null)
    {
        double loss = ComputeGradients(inputs, targets, dropoutMasks);
        ApplyGradients();
        return loss;
    }
}
