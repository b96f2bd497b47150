using System;
using System.Collections.Generic;
using NetGen.Kernels;

namespace NetGen.Quantization;

/// <summary>A plain float forward pass over canonical parameters, for calibration, and the activations shared with the int8 pass.</summary>
internal static class FloatForward
{
    /// <summary>The largest magnitude each Dense layer's input reaches over the rows of <paramref name="inputs"/>.</summary>
    /// <exception cref="ArgumentException">A row drives a layer's input to NaN or infinity (the float network overflows).</exception>
    public static float[] InputRanges(List<LayerInfo> dense, float[] parameters, ReadOnlySpan<float> inputs)
    {
        var ranges = new float[dense.Count];
        int width = dense[0].InputSize;
        int widest = width;
        foreach (LayerInfo layer in dense)
        {
            widest = Math.Max(widest, layer.OutputSize);
        }

        var x = new float[widest];
        var y = new float[widest];
        for (int row = 0; row < inputs.Length / width; row++)
        {
            inputs.Slice(row * width, width).CopyTo(x);
            for (int l = 0; l < dense.Count; l++)
            {
                LayerInfo layer = dense[l];
                float magnitude = LargestMagnitude(x.AsSpan(0, layer.InputSize));
                if (!float.IsFinite(magnitude))
                {
                    throw new ArgumentException(
                        $"Calibration row {row} drives the input of Dense layer {l} to {magnitude} (the float network overflows); every layer must stay finite on the calibration rows.", nameof(inputs));
                }

                ranges[l] = MathF.Max(ranges[l], magnitude);
                for (int o = 0; o < layer.OutputSize; o++)
                {
                    ReadOnlySpan<float> w = parameters.AsSpan(layer.ParameterOffset + (o * layer.InputSize), layer.InputSize);
                    float sum = parameters[layer.BiasOffset + o];
                    for (int i = 0; i < w.Length; i++)
                    {
                        sum += w[i] * x[i];
                    }

                    y[o] = sum;
                }

                Activate(layer.Activation, y.AsSpan(0, layer.OutputSize));
                (x, y) = (y, x);
            }
        }

        return ranges;
    }

    public static void Activate(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.None:
                return;
            case Activation.Softmax:
                RowKernels.Softmax(ref values[0], ref values[0], values.Length);
                return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = activation switch
            {
                Activation.ReLU => Activations.ReLU(values[i]),
                Activation.LeakyReLU => Activations.LeakyReLU(values[i]),
                Activation.ELU => Activations.ELU(values[i]),
                Activation.GELU => Activations.GELU(values[i]),
                Activation.Sigmoid => Activations.Sigmoid(values[i]),
                _ => Activations.Tanh(values[i]),
            };
        }
    }

    private static float LargestMagnitude(ReadOnlySpan<float> values)
    {
        float largest = 0f;
        foreach (float value in values)
        {
            largest = MathF.Max(largest, MathF.Abs(value));
        }

        return largest;
    }
}
