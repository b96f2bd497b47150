using System;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// The same math as a generated network written the way a C# developer would without NetGen:
/// scalar loops over <c>float[]</c> weights in PyTorch's <c>[units][inputs]</c> order, one row at a
/// time. Buffers are allocated once, so the comparison measures arithmetic, not the allocator.
/// Dense layers only, with ReLU, tanh, softmax (fused with cross-entropy) or no activation.
/// </summary>
public sealed class NaiveNetwork
{
    private readonly int[] _sizes;
    private readonly Activation[] _activations;
    private readonly Loss _loss;
    private readonly Optimizer _optimizer;
    private readonly float[][] _weights;
    private readonly float[][] _biases;
    private readonly float[][] _weightGradients;
    private readonly float[][] _biasGradients;
    private readonly float[][] _weightState1;
    private readonly float[][] _biasState1;
    private readonly float[][] _weightState2;
    private readonly float[][] _biasState2;
    private readonly float[][] _activationsOfRow;
    private readonly float[][] _deltas;
    private readonly float _learningRate;
    private long _step;

    /// <summary>Creates the network with the given layer sizes (input first) and the parameters in canonical order.</summary>
    public NaiveNetwork(int[] sizes, Activation[] activations, Loss loss, Optimizer optimizer, float learningRate, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(activations);
        _sizes = sizes;
        _activations = activations;
        _loss = loss;
        _optimizer = optimizer;
        _learningRate = learningRate;
        int layers = sizes.Length - 1;
        _weights = new float[layers][];
        _biases = new float[layers][];
        _weightGradients = new float[layers][];
        _biasGradients = new float[layers][];
        _weightState1 = new float[layers][];
        _biasState1 = new float[layers][];
        _weightState2 = new float[layers][];
        _biasState2 = new float[layers][];
        _activationsOfRow = new float[layers + 1][];
        _deltas = new float[layers + 1][];
        int offset = 0;
        for (int l = 0; l < layers; l++)
        {
            int weights = sizes[l] * sizes[l + 1];
            _weights[l] = parameters.Slice(offset, weights).ToArray();
            offset += weights;
            _biases[l] = parameters.Slice(offset, sizes[l + 1]).ToArray();
            offset += sizes[l + 1];
            _weightGradients[l] = new float[weights];
            _biasGradients[l] = new float[sizes[l + 1]];
            _weightState1[l] = new float[weights];
            _biasState1[l] = new float[sizes[l + 1]];
            _weightState2[l] = new float[weights];
            _biasState2[l] = new float[sizes[l + 1]];
        }

        for (int l = 0; l <= layers; l++)
        {
            _activationsOfRow[l] = new float[sizes[l]];
            _deltas[l] = new float[sizes[l]];
        }
    }

    /// <summary>Writes the parameters in canonical order (each layer's <c>[units][inputs]</c> weights, then its biases).</summary>
    public void ExportParameters(Span<float> destination)
    {
        int offset = 0;
        for (int l = 0; l < _weights.Length; l++)
        {
            _weights[l].CopyTo(destination[offset..]);
            offset += _weights[l].Length;
            _biases[l].CopyTo(destination[offset..]);
            offset += _biases[l].Length;
        }
    }

    /// <summary>The outputs of one row.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        Forward(input);
        _activationsOfRow[^1].AsSpan().CopyTo(output);
    }

    /// <summary>Forward, backward and one optimizer step over the rows; returns the mean loss.</summary>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int inputSize = _sizes[0];
        int outputSize = _sizes[^1];
        int rows = inputs.Length / inputSize;
        for (int l = 0; l < _weights.Length; l++)
        {
            Array.Clear(_weightGradients[l]);
            Array.Clear(_biasGradients[l]);
        }

        float loss = 0f;
        for (int r = 0; r < rows; r++)
        {
            Forward(inputs.Slice(r * inputSize, inputSize));
            loss += LossAndDelta(targets.Slice(r * outputSize, outputSize));
            Backward();
        }

        Update(1f / rows);
        return _loss == Loss.CategoricalCrossEntropy ? loss / rows : loss / (rows * outputSize);
    }

    private void Forward(ReadOnlySpan<float> input)
    {
        input.CopyTo(_activationsOfRow[0]);
        for (int l = 0; l < _weights.Length; l++)
        {
            float[] x = _activationsOfRow[l];
            float[] y = _activationsOfRow[l + 1];
            float[] w = _weights[l];
            int inputs = _sizes[l];
            for (int o = 0; o < y.Length; o++)
            {
                float sum = _biases[l][o];
                for (int i = 0; i < inputs; i++)
                {
                    sum += w[(o * inputs) + i] * x[i];
                }

                y[o] = sum;
            }

            Activate(y, _activations[l]);
        }
    }

    private static void Activate(float[] y, Activation activation)
    {
        switch (activation)
        {
            case Activation.ReLU:
                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = MathF.Max(y[i], 0f);
                }

                break;
            case Activation.Tanh:
                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = MathF.Tanh(y[i]);
                }

                break;
            case Activation.Softmax:
                float max = float.NegativeInfinity;
                foreach (float value in y)
                {
                    max = MathF.Max(max, value);
                }

                float sum = 0f;
                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = MathF.Exp(y[i] - max);
                    sum += y[i];
                }

                for (int i = 0; i < y.Length; i++)
                {
                    y[i] /= sum;
                }

                break;
            case Activation.None:
                break;
            default:
                throw new NotSupportedException($"The naive network has no {activation}.");
        }
    }

    // The gradient of the row's loss with respect to the last pre-activation, into the last delta.
    private float LossAndDelta(ReadOnlySpan<float> target)
    {
        float[] y = _activationsOfRow[^1];
        float[] delta = _deltas[^1];
        float loss = 0f;
        if (_loss == Loss.CategoricalCrossEntropy)
        {
            for (int o = 0; o < y.Length; o++)
            {
                loss -= target[o] * MathF.Log(MathF.Max(y[o], 1e-30f));
                delta[o] = y[o] - target[o];
            }
        }
        else
        {
            for (int o = 0; o < y.Length; o++)
            {
                float d = y[o] - target[o];
                loss += d * d;
                delta[o] = 2f * d / y.Length;
            }

            Derivative(delta, y, _activations[^1]);
        }

        return loss;
    }

    private static void Derivative(float[] delta, float[] y, Activation activation)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] *= activation switch
            {
                Activation.ReLU => y[i] > 0f ? 1f : 0f,
                Activation.Tanh => 1f - (y[i] * y[i]),
                _ => 1f,
            };
        }
    }

    private void Backward()
    {
        for (int l = _weights.Length - 1; l >= 0; l--)
        {
            float[] x = _activationsOfRow[l];
            float[] delta = _deltas[l + 1];
            float[] w = _weights[l];
            float[] gw = _weightGradients[l];
            int inputs = _sizes[l];
            for (int o = 0; o < delta.Length; o++)
            {
                _biasGradients[l][o] += delta[o];
                for (int i = 0; i < inputs; i++)
                {
                    gw[(o * inputs) + i] += delta[o] * x[i];
                }
            }

            if (l == 0)
            {
                break;
            }

            float[] previous = _deltas[l];
            for (int i = 0; i < inputs; i++)
            {
                float sum = 0f;
                for (int o = 0; o < delta.Length; o++)
                {
                    sum += w[(o * inputs) + i] * delta[o];
                }

                previous[i] = sum;
            }

            Derivative(previous, x, _activations[l - 1]);
        }
    }

    private void Update(float scale)
    {
        _step++;
        for (int l = 0; l < _weights.Length; l++)
        {
            UpdateTensor(_weights[l], _weightGradients[l], _weightState1[l], _weightState2[l], scale);
            UpdateTensor(_biases[l], _biasGradients[l], _biasState1[l], _biasState2[l], scale);
        }
    }

    private void UpdateTensor(float[] p, float[] g, float[] s1, float[] s2, float scale)
    {
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f, momentum = 0.9f;
        float correction1 = 1f - MathF.Pow(beta1, _step);
        float correction2 = 1f - MathF.Pow(beta2, _step);
        for (int i = 0; i < p.Length; i++)
        {
            float grad = g[i] * scale;
            switch (_optimizer)
            {
                case Optimizer.Sgd:
                    p[i] -= _learningRate * grad;
                    break;
                case Optimizer.Momentum:
                    s1[i] = (momentum * s1[i]) + grad;
                    p[i] -= _learningRate * s1[i];
                    break;
                case Optimizer.Adam:
                    s1[i] = (beta1 * s1[i]) + ((1f - beta1) * grad);
                    s2[i] = (beta2 * s2[i]) + ((1f - beta2) * grad * grad);
                    p[i] -= _learningRate / correction1 * s1[i] / ((MathF.Sqrt(s2[i]) / MathF.Sqrt(correction2)) + epsilon);
                    break;
                default:
                    throw new NotSupportedException($"The naive network has no {_optimizer}.");
            }
        }
    }
}
