using System;
using System.Collections.Generic;

namespace NetGen.Tests.Reference;

/// <summary>
/// An independent double-precision model of a network with shapes, computed the way its PyTorch twin computes it:
/// each row is turned channels-first (<c>(C, positions)</c>), a Dense layer is a linear map over the channels at each
/// position, a Flatten flattens channels-first, a convolution is <c>nn.Conv1d/2d</c> (weight <c>[filters, C, k(, k)]</c>, the padding
/// as zeros around the input), a pool is <c>nn.MaxPool</c>/<c>nn.AvgPool</c>, and the parameters are read in PyTorch's
/// <c>state_dict</c> order. Positions are <c>height x width</c>, a sequence of height 1. The
/// outputs are turned back channels-last to compare with NetGen's. Gradients are central finite differences of its loss,
/// so that nothing of NetGen's layout, permutation or backward pass is shared with what it checks.
/// </summary>
internal sealed class ShapedReference
{
    public ShapedReference(NetworkArchitecture architecture)
    {
        Architecture = architecture;
    }

    public NetworkArchitecture Architecture { get; }

    /// <summary>The outputs of <paramref name="rows"/> rows in NetGen's order, rows x OutputSize.</summary>
    public double[] Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<float> inputs, int rows)
    {
        var outputs = new double[rows * Architecture.OutputSize];
        for (int r = 0; r < rows; r++)
        {
            Row(parameters, inputs.Slice(r * Architecture.InputSize, Architecture.InputSize), null, r, rows).CopyTo(outputs.AsSpan(r * Architecture.OutputSize));
        }

        return outputs;
    }

    /// <summary>The mean loss of the rows: over every element, or for the categorical cross-entropies over rows and positions.
    /// Logits outputs (a cross-entropy after a last layer without activation) are turned into probabilities first.</summary>
    /// <param name="parameters">The parameters in PyTorch's order.</param>
    /// <param name="inputs">rows x InputSize, NetGen's order.</param>
    /// <param name="targets">rows x TargetSize, NetGen's order: a class index per position for the sparse cross-entropy.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="masks">For each Dropout layer, rows x its width of multipliers in NetGen's order; null for the identity.</param>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows, IReadOnlyList<float[]>? masks = null)
    {
        int outputs = Architecture.OutputSize;
        int targetSize = Architecture.TargetSize;
        int channels = Architecture.OutputShape.Channels;
        int positions = outputs / channels;
        NetGen.Loss loss = Architecture.Loss;
        bool categorical = loss is NetGen.Loss.CategoricalCrossEntropy or NetGen.Loss.SparseCategoricalCrossEntropy;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double[] y = Row(parameters, inputs.Slice(r * Architecture.InputSize, Architecture.InputSize), masks, r, rows);
            if (Architecture.OutputsLogits)
            {
                Probabilities(y, positions, channels, categorical);
            }

            ReadOnlySpan<float> t = targets.Slice(r * targetSize, targetSize);
            total += loss switch
            {
                NetGen.Loss.CategoricalCrossEntropy => CrossEntropy(y, t, positions, channels),
                NetGen.Loss.SparseCategoricalCrossEntropy => SparseCrossEntropy(y, t, positions, channels),
                _ => ElementLoss(y, t),
            };
        }

        return categorical ? total / (rows * positions) : total / ((double)rows * outputs);
    }

    /// <summary>Logits to probabilities in place: a softmax over the channels at each position, or a sigmoid per element.</summary>
    private static void Probabilities(double[] y, int positions, int channels, bool softmax)
    {
        if (!softmax)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = 1 / (1 + Math.Exp(-y[i]));
            }

            return;
        }

        for (int p = 0; p < positions; p++)
        {
            Span<double> z = y.AsSpan(p * channels, channels);
            double logSumExp = ReferenceActivations.LogSumExp(z);
            for (int c = 0; c < channels; c++)
            {
                z[c] = Math.Exp(z[c] - logSumExp);
            }
        }
    }

    /// <summary>Minus the log-probability of the class index <paramref name="t"/> holds at each position, summed.</summary>
    private static double SparseCrossEntropy(double[] y, ReadOnlySpan<float> t, int positions, int channels)
    {
        double total = 0;
        for (int p = 0; p < positions; p++)
        {
            total -= Math.Log(y[(p * channels) + (int)t[p]]);
        }

        return total;
    }

    /// <summary>The gradient of <see cref="Loss"/> by central differences.</summary>
    public double[] Gradient(double[] parameters, float[] inputs, float[] targets, int rows, IReadOnlyList<float[]>? masks = null)
        => Gradient(parameters, p => Loss(p, inputs, targets, rows, masks));

    /// <summary>The gradient of any function of the parameters by central differences.</summary>
    public static double[] Gradient(double[] parameters, Func<double[], double> function)
    {
        var gradient = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            double step = FiniteDifferences.Step * Math.Max(1.0, Math.Abs(saved));
            parameters[i] = saved + step;
            double plus = function(parameters);
            parameters[i] = saved - step;
            double minus = function(parameters);
            parameters[i] = saved;
            gradient[i] = (plus - minus) / (2 * step);
        }

        return gradient;
    }

    /// <summary>One row through the twin: channels-first from the input on, back to channels-last at the end.</summary>
    private double[] Row(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, IReadOnlyList<float[]>? masks, int row, int rows)
    {
        TensorShape shape = Architecture.InputShape;
        int channels = shape.Channels;
        int positions = shape.Positions;
        int height = shape.Rank == 3 ? shape[0] : 1;
        int width = positions / height;
        double[] x = ChannelsFirst(input, channels, positions);
        int dropout = 0;
        foreach (LayerInfo layer in Architecture.Layers)
        {
            switch (layer)
            {
                case DenseLayerInfo dense:
                    x = Dense(parameters, dense, x, channels, positions);
                    channels = dense.Units;
                    break;
                case FlattenLayerInfo:
                    channels *= positions;
                    positions = 1;
                    height = width = 1;
                    break;
                case ConvolutionLayerInfo convolution:
                    x = Convolution(parameters, convolution, x, channels, ref height, ref width);
                    channels = convolution.Filters;
                    positions = height * width;
                    break;
                case PoolLayerInfo pool:
                    x = Pool(pool, x, channels, ref height, ref width);
                    positions = height * width;
                    break;
                case GlobalAvgPoolLayerInfo:
                    x = GlobalAverage(x, channels, positions);
                    positions = height = width = 1;
                    break;
                case DropoutLayerInfo:
                    if (masks is not null)
                    {
                        float[] mask = masks[dropout];
                        int size = layer.InputSize;
                        double[] m = ChannelsFirst(mask.AsSpan(row * size, size), channels, positions);
                        for (int i = 0; i < x.Length; i++)
                        {
                            x[i] *= m[i];
                        }
                    }

                    dropout++;
                    break;
                default:
                    throw new NotSupportedException($"The shaped reference does not model {layer}.");
            }
        }

        return ChannelsLast(x, channels, positions);
    }

    private static double[] Dense(ReadOnlySpan<double> parameters, DenseLayerInfo layer, double[] x, int channels, int positions)
    {
        int units = layer.Units;
        ReadOnlySpan<double> w = parameters.Slice(layer.ParameterOffset, units * channels);
        ReadOnlySpan<double> b = parameters.Slice(layer.BiasOffset, units);
        var y = new double[units * positions];
        var z = new double[units];
        var a = new double[units];
        for (int p = 0; p < positions; p++)
        {
            for (int u = 0; u < units; u++)
            {
                double sum = b[u];
                for (int c = 0; c < channels; c++)
                {
                    sum += w[(u * channels) + c] * x[(c * positions) + p];
                }

                z[u] = sum;
            }

            ReferenceActivations.Forward(layer.Activation, z, a);
            for (int u = 0; u < units; u++)
            {
                y[(u * positions) + p] = a[u];
            }
        }

        return y;
    }

    private static double[] Convolution(ReadOnlySpan<double> parameters, ConvolutionLayerInfo layer, double[] x, int channels, ref int height, ref int width)
    {
        bool image = layer.SpatialRank == 2;
        int k = layer.KernelSize, d = layer.Dilation, stride = layer.Stride, filters = layer.Filters;
        int kh = image ? k : 1;
        (int before, int after) = layer.Pads;
        int padTop = image ? before : 0, padBottom = image ? after : 0;
        int spanY = (d * (kh - 1)) + 1, spanX = (d * (k - 1)) + 1;
        int strideY = image ? stride : 1;
        int outHeight = ((height + padTop + padBottom - spanY) / strideY) + 1;
        int outWidth = ((width + before + after - spanX) / stride) + 1;
        ReadOnlySpan<double> w = parameters.Slice(layer.ParameterOffset, filters * channels * kh * k);
        ReadOnlySpan<double> b = parameters.Slice(layer.BiasOffset, filters);
        var z = new double[filters * outHeight * outWidth];
        for (int f = 0; f < filters; f++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    double sum = b[f];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int ky = 0; ky < kh; ky++)
                        {
                            int iy = (oy * strideY) + (ky * d) - padTop;
                            for (int kx = 0; kx < k; kx++)
                            {
                                int ix = (ox * stride) + (kx * d) - before;
                                if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                                {
                                    sum += w[(((((f * channels) + c) * kh) + ky) * k) + kx] * x[(((c * height) + iy) * width) + ix];
                                }
                            }
                        }
                    }

                    z[(((f * outHeight) + oy) * outWidth) + ox] = sum;
                }
            }
        }

        height = outHeight;
        width = outWidth;
        return Activate(layer.Activation, z, filters, outHeight * outWidth);
    }

    /// <summary>The activation of each position's channels (softmax over the channels, as the twin's <c>nn.Softmax(1)</c>).</summary>
    private static double[] Activate(Activation activation, double[] z, int channels, int positions)
    {
        var y = new double[z.Length];
        var zp = new double[channels];
        var yp = new double[channels];
        for (int p = 0; p < positions; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                zp[c] = z[(c * positions) + p];
            }

            ReferenceActivations.Forward(activation, zp, yp);
            for (int c = 0; c < channels; c++)
            {
                y[(c * positions) + p] = yp[c];
            }
        }

        return y;
    }

    private static double[] Pool(PoolLayerInfo layer, double[] x, int channels, ref int height, ref int width)
    {
        bool image = layer.SpatialRank == 2;
        int size = layer.Size, stride = layer.Stride;
        int sizeY = image ? size : 1, strideY = image ? stride : 1;
        int outHeight = ((height - sizeY) / strideY) + 1;
        int outWidth = ((width - size) / stride) + 1;
        var y = new double[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    double max = double.NegativeInfinity, sum = 0;
                    for (int wy = 0; wy < sizeY; wy++)
                    {
                        for (int wx = 0; wx < size; wx++)
                        {
                            double v = x[(((c * height) + (oy * strideY) + wy) * width) + (ox * stride) + wx];
                            max = Math.Max(max, v);
                            sum += v;
                        }
                    }

                    y[(((c * outHeight) + oy) * outWidth) + ox] = layer.IsMax ? max : sum / (sizeY * size);
                }
            }
        }

        height = outHeight;
        width = outWidth;
        return y;
    }

    private static double[] GlobalAverage(double[] x, int channels, int positions)
    {
        var y = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int p = 0; p < positions; p++)
            {
                sum += x[(c * positions) + p];
            }

            y[c] = sum / positions;
        }

        return y;
    }

    private double ElementLoss(double[] y, ReadOnlySpan<float> t)
    {
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double d = y[i] - t[i];
            total += Architecture.Loss switch
            {
                NetGen.Loss.MeanSquaredError => d * d,
                NetGen.Loss.MeanAbsoluteError => Math.Abs(d),
                NetGen.Loss.Huber => Math.Abs(d) < 1 ? 0.5 * d * d : Math.Abs(d) - 0.5,
                _ => -((t[i] * Math.Log(y[i])) + ((1 - t[i]) * Math.Log(1 - y[i]))),
            };
        }

        return total;
    }

    /// <summary>Cross-entropy at each position of probabilities <paramref name="y"/> (channels-last), summed.</summary>
    private static double CrossEntropy(double[] y, ReadOnlySpan<float> t, int positions, int channels)
    {
        double total = 0;
        for (int i = 0; i < positions * channels; i++)
        {
            total -= t[i] * Math.Log(y[i]);
        }

        return total;
    }

    private static double[] ChannelsFirst(ReadOnlySpan<float> row, int channels, int positions)
    {
        var x = new double[row.Length];
        for (int p = 0; p < positions; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                x[(c * positions) + p] = row[(p * channels) + c];
            }
        }

        return x;
    }

    private static double[] ChannelsLast(double[] x, int channels, int positions)
    {
        var y = new double[x.Length];
        for (int p = 0; p < positions; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                y[(p * channels) + c] = x[(c * positions) + p];
            }
        }

        return y;
    }
}
