using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// Writes a Dense network as an ONNX model (opset 13): per layer a <c>Gemm</c> with the weight in
/// PyTorch's <c>[units][inputs]</c> order (<c>transB = 1</c>) and the bias, then the activation
/// node. The input is <c>input [batch, inputs]</c> and the output <c>output [batch, units]</c>.
/// Only the handful of protobuf fields ONNX Runtime needs are written.
/// </summary>
public static class OnnxModelWriter
{
    private const int FloatType = 1;
    private const int IntAttribute = 2;

    /// <summary>The model bytes for layers of the given sizes (input first), activations and canonical parameters.</summary>
    public static byte[] Write(int[] sizes, Activation[] activations, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(activations);
        var graph = new ProtoWriter();
        var initializers = new List<byte[]>();
        string current = "input";
        int offset = 0;
        for (int l = 0; l + 1 < sizes.Length; l++)
        {
            int inputs = sizes[l], units = sizes[l + 1];
            string weight = $"layer{l}.weight", bias = $"layer{l}.bias", linear = $"layer{l}.linear";
            initializers.Add(Tensor(weight, [units, inputs], parameters.Slice(offset, units * inputs)));
            offset += units * inputs;
            initializers.Add(Tensor(bias, [units], parameters.Slice(offset, units)));
            offset += units;
            bool last = l + 2 == sizes.Length;
            string gemmOutput = activations[l] == Activation.None && last ? "output" : linear;
            graph.Message(1, Node("Gemm", [current, weight, bias], gemmOutput, ("transB", 1)));
            current = gemmOutput;
            if (activations[l] != Activation.None)
            {
                string activated = last ? "output" : $"layer{l}.activation";
                string op = activations[l] switch
                {
                    Activation.ReLU => "Relu",
                    Activation.Tanh => "Tanh",
                    Activation.Sigmoid => "Sigmoid",
                    Activation.Softmax => "Softmax",
                    _ => throw new NotSupportedException($"No ONNX operator is written for {activations[l]}."),
                };
                graph.Message(1, Node(op, [current], activated));
                current = activated;
            }
        }

        graph.String(2, "netgen_benchmark");
        foreach (byte[] initializer in initializers)
        {
            graph.Message(5, initializer);
        }

        graph.Message(11, ValueInfo("input", sizes[0]));
        graph.Message(12, ValueInfo("output", sizes[^1]));

        var opset = new ProtoWriter();
        opset.String(1, string.Empty);
        opset.Varint(2, 13);
        var model = new ProtoWriter();
        model.Varint(1, 7); // IR version 7
        model.String(2, "NetGen.Benchmarks");
        model.Message(7, graph.ToArray());
        model.Message(8, opset.ToArray());
        return model.ToArray();
    }

    private static byte[] Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Varint(1, dim);
        }

        tensor.Varint(2, FloatType);
        tensor.String(8, name);
        tensor.Bytes(9, MemoryMarshal.AsBytes(values));
        return tensor.ToArray();
    }

    private static byte[] Node(string op, string[] inputs, string output, (string Name, long Value)? attribute = null)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output);
        node.String(3, output + ".node");
        node.String(4, op);
        if (attribute is (string name, long value))
        {
            var a = new ProtoWriter();
            a.String(1, name);
            a.Varint(3, value);
            a.Varint(20, IntAttribute);
            node.Message(5, a.ToArray());
        }

        return node.ToArray();
    }

    // A float tensor [batch, width] with a symbolic batch dimension.
    private static byte[] ValueInfo(string name, int width)
    {
        var batch = new ProtoWriter();
        batch.String(2, "batch");
        var features = new ProtoWriter();
        features.Varint(1, width);
        var shape = new ProtoWriter();
        shape.Message(1, batch.ToArray());
        shape.Message(1, features.ToArray());
        var tensorType = new ProtoWriter();
        tensorType.Varint(1, FloatType);
        tensorType.Message(2, shape.ToArray());
        var type = new ProtoWriter();
        type.Message(1, tensorType.ToArray());
        var info = new ProtoWriter();
        info.String(1, name);
        info.Message(2, type.ToArray());
        return info.ToArray();
    }

    /// <summary>The protobuf wire format: varint fields (type 0) and length-delimited fields (type 2).</summary>
    private sealed class ProtoWriter
    {
        private readonly List<byte> _bytes = new();

        public void Varint(int field, long value)
        {
            WriteVarint((ulong)((field << 3) | 0));
            WriteVarint((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, byte[] message) => Bytes(field, message);

        public void Bytes(int field, ReadOnlySpan<byte> value)
        {
            WriteVarint((ulong)((field << 3) | 2));
            WriteVarint((ulong)value.Length);
            _bytes.AddRange(value);
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
