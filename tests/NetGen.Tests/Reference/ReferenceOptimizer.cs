using System;
using System.Collections.Generic;

namespace NetGen.Tests.Reference;

/// <summary>
/// The contract's update rules in double precision, in the contract's order: the data-loss
/// gradient, clipped as a whole to ClipNorm; then L1 sign(w) and L2 w added for weights; then the
/// rule (AdamW first decays weights by lr * wd). Momentum buffers start at zero.
/// </summary>
internal sealed class ReferenceOptimizer
{
    private readonly Optimizer _kind;
    private readonly IReadOnlyList<bool> _isWeight;
    private readonly double[] _first;
    private readonly double[] _second;

    public ReferenceOptimizer(Optimizer kind, IReadOnlyList<bool> isWeight)
    {
        _kind = kind;
        _isWeight = isWeight;
        _first = new double[isWeight.Count];
        _second = new double[isWeight.Count];
    }

    /// <summary>The number of updates taken.</summary>
    public long Step { get; private set; }

    /// <summary>Momentum buffer, AdaGrad/RMSProp accumulator or Adam's first moment.</summary>
    public IReadOnlyList<double> FirstState => _first;

    /// <summary>Adam's second moment.</summary>
    public IReadOnlyList<double> SecondState => _second;

    /// <summary>Applies one update to <paramref name="parameters"/> with the mean data-loss gradient <paramref name="gradient"/>.</summary>
    public void Update(Span<double> parameters, ReadOnlySpan<double> gradient, Hyperparameters h)
    {
        Step++;
        double lr = h.LearningRate;
        double scale = 1.0;
        if (h.ClipNorm > 0)
        {
            double sum = 0;
            foreach (double g in gradient)
            {
                sum += g * g;
            }

            double norm = Math.Sqrt(sum);
            if (norm > h.ClipNorm)
            {
                scale = h.ClipNorm / norm;
            }
        }

        double momentum = h.Momentum;
        double dampening = h.Dampening;
        double beta1 = h.Beta1;
        double beta2 = h.Beta2;
        double epsilon = h.Epsilon;
        double rho = h.Rho;
        for (int i = 0; i < parameters.Length; i++)
        {
            double p = parameters[i];
            double g = gradient[i] * scale;
            if (_isWeight[i])
            {
                g += (h.L1 * Math.Sign(p)) + (h.L2 * p);
            }

            switch (_kind)
            {
                case Optimizer.Sgd:
                    p -= lr * g;
                    break;
                case Optimizer.Momentum:
                    _first[i] = (momentum * _first[i]) + ((1 - dampening) * g);
                    p -= lr * _first[i];
                    break;
                case Optimizer.Nesterov:
                    _first[i] = (momentum * _first[i]) + ((1 - dampening) * g);
                    p -= lr * (g + (momentum * _first[i]));
                    break;
                case Optimizer.AdaGrad:
                    _first[i] += g * g;
                    p -= lr * g / (Math.Sqrt(_first[i]) + epsilon);
                    break;
                case Optimizer.RMSProp:
                    _first[i] = (rho * _first[i]) + ((1 - rho) * g * g);
                    p -= lr * g / (Math.Sqrt(_first[i]) + epsilon);
                    break;
                case Optimizer.Adam:
                case Optimizer.AdamW:
                    if (_kind == Optimizer.AdamW && _isWeight[i])
                    {
                        p -= lr * h.WeightDecay * p;
                    }

                    _first[i] = (beta1 * _first[i]) + ((1 - beta1) * g);
                    _second[i] = (beta2 * _second[i]) + ((1 - beta2) * g * g);
                    double mHat = _first[i] / (1 - Math.Pow(beta1, Step));
                    double vHat = _second[i] / (1 - Math.Pow(beta2, Step));
                    p -= lr * mHat / (Math.Sqrt(vHat) + epsilon);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(parameters), _kind, "Unknown optimizer.");
            }

            parameters[i] = p;
        }
    }
}
