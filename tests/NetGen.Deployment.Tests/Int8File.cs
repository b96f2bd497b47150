using System;
using System.Buffers.Binary;
using System.Linq;

namespace NetGen.Deployment.Tests;

/// <summary>An independent reader of the documented NETGENQ8 layout, for checking the int8 arithmetic by hand.</summary>
internal sealed record Int8File(Int8File.Layer[] Layers)
{
    public static Int8File Parse(byte[] bytes, NetworkArchitecture architecture)
    {
        int at = 28 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24));
        var layers = new System.Collections.Generic.List<Layer>();
        foreach (LayerInfo info in architecture.Layers.Where(layer => layer.Kind == LayerKind.Dense))
        {
            float inputScale = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at));
            at += 4;
            float[] scales = Floats(bytes, ref at, info.OutputSize);
            float[] biases = Floats(bytes, ref at, info.OutputSize);
            sbyte[] weights = bytes.AsSpan(at, info.WeightCount).ToArray().Select(b => (sbyte)b).ToArray();
            at += info.WeightCount;
            layers.Add(new Layer(info.InputSize, info.OutputSize, inputScale, scales, biases, weights));
        }

        return new Int8File(layers.ToArray());
    }

    private static float[] Floats(byte[] bytes, ref int at, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++, at += 4)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at));
        }

        return values;
    }

    internal sealed record Layer(int Inputs, int Units, float InputScale, float[] WeightScales, float[] Biases, sbyte[] Weights);
}
