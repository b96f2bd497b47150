using System;

namespace NetGen.Quantization;

/// <summary>One Dense layer in int8: per-output-channel weight scales, int8 weights in rows padded with zeros, float biases.</summary>
internal sealed class QuantizedLayer
{
    public QuantizedLayer(int inputs, int units, Activation activation, float inputScale, float[] weightScales, float[] biases, sbyte[] weights)
    {
        Inputs = inputs;
        Units = units;
        Activation = activation;
        Stride = (int)PaddedLength(inputs);
        InputScale = inputScale;
        WeightScales = weightScales;
        Biases = biases;
        PaddedWeights = new sbyte[units * Stride];
        RowSums = new int[units];
        OutputScales = new float[units];
        for (int o = 0; o < units; o++)
        {
            ReadOnlySpan<sbyte> row = weights.AsSpan(o * inputs, inputs);
            row.CopyTo(PaddedWeights.AsSpan(o * Stride));
            int sum = 0;
            foreach (sbyte w in row)
            {
                sum += w;
            }

            RowSums[o] = sum;
            OutputScales[o] = inputScale * weightScales[o];
        }
    }

    /// <summary>The length of a row of <paramref name="inputs"/> weights padded to <see cref="Int8DotProducts.Alignment"/>, in 64 bits.</summary>
    public static long PaddedLength(int inputs) => ((long)inputs + Int8DotProducts.Alignment - 1) / Int8DotProducts.Alignment * Int8DotProducts.Alignment;

    public int Inputs { get; }

    public int Units { get; }

    public Activation Activation { get; }

    /// <summary>The padded row length in bytes, a multiple of <see cref="Int8DotProducts.Alignment"/>.</summary>
    public int Stride { get; }

    /// <summary>The float value of one step of the int8 input: <c>x ~= q * InputScale</c>.</summary>
    public float InputScale { get; }

    /// <summary>Per output channel: <c>w ~= q * WeightScales[o]</c>.</summary>
    public float[] WeightScales { get; }

    public float[] Biases { get; }

    /// <summary><c>Units</c> rows of <c>Stride</c> int8 weights, zero beyond <c>Inputs</c>.</summary>
    public sbyte[] PaddedWeights { get; }

    /// <summary>The sum of each row's int8 weights (for the AVX-VNNI kernel's offset correction).</summary>
    public int[] RowSums { get; }

    /// <summary><c>InputScale * WeightScales[o]</c>: turns an int32 sum into a float.</summary>
    public float[] OutputScales { get; }

    /// <summary>The bytes the layer needs stored: int8 weights, float scales and biases, the input scale.</summary>
    public long StoredBytes => ((long)Units * Inputs) + (8L * Units) + 4;

    /// <summary>Quantizes a float layer: each output row's scale is its largest magnitude / 127.</summary>
    public static QuantizedLayer FromFloat(LayerInfo layer, ReadOnlySpan<float> parameters, float inputScale)
    {
        int inputs = layer.InputSize;
        int units = layer.OutputSize;
        var scales = new float[units];
        var weights = new sbyte[units * inputs];
        for (int o = 0; o < units; o++)
        {
            ReadOnlySpan<float> row = parameters.Slice(layer.ParameterOffset + (o * inputs), inputs);
            float largest = 0f;
            foreach (float w in row)
            {
                largest = MathF.Max(largest, MathF.Abs(w));
            }

            float scale = Int8Quantizer.ScaleFor(largest);
            scales[o] = scale;
            for (int i = 0; i < inputs; i++)
            {
                weights[(o * inputs) + i] = Int8Quantizer.Quantize(row[i] / scale);
            }
        }

        float[] biases = parameters.Slice(layer.BiasOffset, units).ToArray();
        return new QuantizedLayer(inputs, units, layer.Activation, inputScale, scales, biases, weights);
    }

    /// <summary>Copies the unpadded int8 weights, row after row.</summary>
    public sbyte[] Weights()
    {
        var weights = new sbyte[Units * Inputs];
        for (int o = 0; o < Units; o++)
        {
            PaddedWeights.AsSpan(o * Stride, Inputs).CopyTo(weights.AsSpan(o * Inputs));
        }

        return weights;
    }
}
