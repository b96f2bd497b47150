using System;
using System.Collections.Generic;

namespace NetGen.Tests.Reference;

/// <summary>
/// A plain double-precision implementation of the contract's forward pass, losses and
/// backpropagation for any <see cref="NetworkArchitecture"/>, over parameters in canonical
/// (PyTorch <c>state_dict</c>) order. Dropout layers are the identity here (inference mode, or
/// rate 0 in training), unless masks are given.
/// </summary>
internal sealed class ReferenceModel
{
    public ReferenceModel(NetworkArchitecture architecture)
    {
        Architecture = architecture;
        var isWeight = new bool[architecture.ParameterCount];
        foreach (LayerInfo layer in architecture.Layers)
        {
            for (int i = 0; i < layer.WeightCount; i++)
            {
                isWeight[layer.ParameterOffset + i] = true;
            }
        }

        IsWeight = isWeight;
    }

    public NetworkArchitecture Architecture { get; }

    /// <summary>For each canonical parameter, whether it is a weight (penalties and decay apply) rather than a bias.</summary>
    public IReadOnlyList<bool> IsWeight { get; }

    /// <summary>The outputs of <paramref name="rows"/> rows, rows x OutputSize.</summary>
    public double[] Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<float> inputs, int rows)
        => Forward(parameters, inputs, rows, null).Output;

    /// <summary>The mean data loss of the rows.</summary>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows)
    {
        Trace trace = Forward(parameters, inputs, rows, null);
        DenseStep last = trace.Dense[^1];
        return ReferenceLosses.Evaluate(Architecture.Loss, last.Layer.Activation, last.Z, last.Y, targets, rows, null);
    }

    /// <summary>The mean data loss of the rows and its gradient by backpropagation, in canonical order.</summary>
    /// <param name="parameters">The parameters in canonical order.</param>
    /// <param name="inputs">rows x InputSize.</param>
    /// <param name="targets">rows x OutputSize.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="gradient">Receives the gradient (ParameterCount values).</param>
    /// <param name="dropoutMasks">For each Dropout layer in order, rows x width multipliers; null for the identity.</param>
    public double LossAndGradient(ReadOnlySpan<double> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows, Span<double> gradient, IReadOnlyList<double[]>? dropoutMasks = null)
    {
        Trace trace = Forward(parameters, inputs, rows, dropoutMasks);
        gradient.Clear();
        DenseStep last = trace.Dense[^1];
        var dz = new double[last.Z.Length];
        double loss = ReferenceLosses.Evaluate(Architecture.Loss, last.Layer.Activation, last.Z, last.Y, targets, rows, dz);

        for (int d = trace.Dense.Count - 1; d >= 0; d--)
        {
            DenseStep step = trace.Dense[d];
            LayerInfo layer = step.Layer;
            int units = layer.OutputSize;
            int width = layer.InputSize;
            ReadOnlySpan<double> w = parameters.Slice(layer.ParameterOffset, layer.WeightCount);
            Span<double> dw = gradient.Slice(layer.ParameterOffset, layer.WeightCount);
            Span<double> db = gradient.Slice(layer.BiasOffset, units);
            var dx = new double[rows * width];
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < units; o++)
                {
                    double g = dz[(r * units) + o];
                    db[o] += g;
                    for (int i = 0; i < width; i++)
                    {
                        dw[(o * width) + i] += g * step.Input[(r * width) + i];
                        dx[(r * width) + i] += g * w[(o * width) + i];
                    }
                }
            }

            if (d == 0)
            {
                break;
            }

            // Back through the dropout layers between this Dense layer and the previous one.
            foreach (double[] mask in step.MasksBefore)
            {
                for (int i = 0; i < dx.Length; i++)
                {
                    dx[i] *= mask[i];
                }
            }

            DenseStep previous = trace.Dense[d - 1];
            dz = new double[dx.Length];
            for (int r = 0; r < rows; r++)
            {
                ReferenceActivations.Backward(
                    previous.Layer.Activation,
                    previous.Z.AsSpan(r * width, width),
                    previous.Y.AsSpan(r * width, width),
                    dx.AsSpan(r * width, width),
                    dz.AsSpan(r * width, width));
            }
        }

        return loss;
    }

    private Trace Forward(ReadOnlySpan<double> parameters, ReadOnlySpan<float> inputs, int rows, IReadOnlyList<double[]>? dropoutMasks)
    {
        if (parameters.Length != Architecture.ParameterCount || inputs.Length != rows * Architecture.InputSize)
        {
            throw new ArgumentException("The reference was given lengths that do not match its architecture.");
        }

        var current = new double[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            current[i] = inputs[i];
        }

        var dense = new List<DenseStep>();
        var pendingMasks = new List<double[]>();
        int dropoutIndex = 0;
        foreach (LayerInfo layer in Architecture.Layers)
        {
            if (layer.Kind == LayerKind.Dropout)
            {
                if (dropoutMasks is not null)
                {
                    double[] mask = dropoutMasks[dropoutIndex];
                    var dropped = new double[current.Length];
                    for (int i = 0; i < current.Length; i++)
                    {
                        dropped[i] = current[i] * mask[i];
                    }

                    current = dropped;
                    pendingMasks.Insert(0, mask);
                }

                dropoutIndex++;
                continue;
            }

            int units = layer.OutputSize;
            int width = layer.InputSize;
            ReadOnlySpan<double> w = parameters.Slice(layer.ParameterOffset, layer.WeightCount);
            ReadOnlySpan<double> b = parameters.Slice(layer.BiasOffset, units);
            var z = new double[rows * units];
            var y = new double[rows * units];
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < units; o++)
                {
                    double sum = b[o];
                    for (int i = 0; i < width; i++)
                    {
                        sum += w[(o * width) + i] * current[(r * width) + i];
                    }

                    z[(r * units) + o] = sum;
                }

                ReferenceActivations.Forward(layer.Activation, z.AsSpan(r * units, units), y.AsSpan(r * units, units));
            }

            dense.Add(new DenseStep(layer, current, z, y, pendingMasks.ToArray()));
            pendingMasks.Clear();
            current = y;
        }

        return new Trace(dense, current);
    }

    private sealed record DenseStep(LayerInfo Layer, double[] Input, double[] Z, double[] Y, double[][] MasksBefore);

    private sealed record Trace(List<DenseStep> Dense, double[] Output);
}
