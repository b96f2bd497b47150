using System;

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

    public double ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        Gradient = new double[Parameters.Length];
        return Model.LossAndGradient(Parameters, inputs, targets, Rows(inputs), Gradient);
    }

    public double TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        double loss = ComputeGradients(inputs, targets);
        Optimizer.Update(Parameters, Gradient, Hyperparameters);
        return loss;
    }
}
