using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Serialization;

namespace NetGen.Onnx;

/// <summary>
/// An ONNX graph being written: initializers, nodes and the shared constants, with the node
/// patterns several layers use (activations, a linear map over the last axis). Layers add their
/// own nodes through it (<see cref="LayerInfo"/>); <see cref="OnnxExport"/> wraps it in a model.
/// </summary>
internal sealed class OnnxGraph
{
    private const float GeluScale = 0.7978845608028654f; // sqrt(2 / pi)
    private const float GeluCubic = 0.044715f;

    private readonly HashSet<string> _constants = new(StringComparer.Ordinal);

    /// <summary>The GraphProto being written.</summary>
    public ProtobufWriter Proto { get; } = new();

    /// <summary>Adds a float initializer.</summary>
    public void Initializer(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values) => Proto.WriteMessage(5, Tensor(name, dims, values));

    /// <summary>Adds an int64 initializer (shapes and permutations).</summary>
    public string Int64Constant(string name, ReadOnlySpan<long> values)
    {
        if (_constants.Add(name))
        {
            var tensor = new ProtobufWriter();
            tensor.WriteInt64(1, values.Length);
            tensor.WriteInt64(2, 7); // INT64
            tensor.WriteString(8, name);
            foreach (long value in values)
            {
                tensor.WriteInt64(7, value);
            }

            Proto.WriteMessage(5, tensor);
        }

        return name;
    }

    /// <summary>A scalar float constant, added once per value.</summary>
    public string Constant(float value)
    {
        string name = "const." + value.ToString("R", CultureInfo.InvariantCulture);
        if (_constants.Add(name))
        {
            Initializer(name, [], [value]);
        }

        return name;
    }

    /// <summary>Adds one node.</summary>
    public void Node(string opType, string name, string[] inputs, string output, params ProtobufWriter[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.WriteString(1, input);
        }

        node.WriteString(2, output);
        node.WriteString(3, name);
        node.WriteString(4, opType);
        foreach (ProtobufWriter attribute in attributes)
        {
            node.WriteMessage(5, attribute);
        }

        Proto.WriteMessage(1, node);
    }

    /// <summary><c>x W^T + b</c> over the last axis: a <c>Gemm</c> for a flat input, else <c>MatMul</c> with the
    /// transposed weight and <c>Add</c> (Gemm takes matrices only). Adds the weight and bias as initializers.</summary>
    /// <returns>The name of the result, <paramref name="output"/>.</returns>
    public string Linear(string input, bool flatInput, string prefix, int units, int inputs, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, string output)
    {
        string w = prefix + ".weight";
        string b = prefix + ".bias";
        if (flatInput)
        {
            Initializer(w, [units, inputs], weight);
            Initializer(b, [units], bias);
            Node("Gemm", prefix + ".gemm", [input, w, b], output, Attribute.Int("transB", 1));
            return output;
        }

        // The weight transposed once here, [inputs, units], so that MatMul needs no Transpose node.
        var transposed = new float[weight.Length];
        for (int o = 0; o < units; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                transposed[(i * units) + o] = weight[(o * inputs) + i];
            }
        }

        Initializer(w, [inputs, units], transposed);
        Initializer(b, [units], bias);
        Node("MatMul", prefix + ".matmul", [input, w], prefix + ".product");
        Node("Add", prefix + ".add", [prefix + ".product", b], output);
        return output;
    }

    /// <summary>A <c>Transpose</c> of <c>[batch, d1, ..., C]</c> (a row of <paramref name="rank"/> axes) to <c>[batch, C, d1, ...]</c>,
    /// for operators that take the channels on axis 1.</summary>
    /// <returns>The name of the transposed tensor.</returns>
    public string ChannelsFirst(string input, int rank, string prefix)
    {
        var permutation = new long[rank + 1];
        permutation[1] = rank;
        for (int axis = 1; axis < rank; axis++)
        {
            permutation[axis + 1] = axis;
        }

        Node("Transpose", prefix + ".to_channels_first", [input], prefix + ".channels_first", Attribute.Ints("perm", permutation));
        return prefix + ".channels_first";
    }

    /// <summary>The <c>Transpose</c> back from <c>[batch, C, d1, ...]</c> to <c>[batch, d1, ..., C]</c>, named <paramref name="output"/>.</summary>
    public void ChannelsLast(string input, int rank, string prefix, string output)
    {
        var permutation = new long[rank + 1];
        permutation[rank] = 1;
        for (int axis = 1; axis < rank; axis++)
        {
            permutation[axis] = axis + 1;
        }

        Node("Transpose", prefix + ".to_channels_last", [input], output, Attribute.Ints("perm", permutation));
    }

    /// <summary>Adds the nodes of one activation over the last axis from <paramref name="x"/> to <paramref name="y"/> and
    /// returns <paramref name="y"/> (or <paramref name="x"/> for <see cref="Activation.None"/>).</summary>
    public string Activation(Activation activation, string prefix, string x, string y)
    {
        (string Operator, ProtobufWriter? Attribute)? single = activation switch
        {
            NetGen.Activation.ReLU => ("Relu", null),
            NetGen.Activation.LeakyReLU => ("LeakyRelu", Attribute.Float("alpha", 0.01f)),
            NetGen.Activation.ELU => ("Elu", Attribute.Float("alpha", 1f)),
            NetGen.Activation.Sigmoid => ("Sigmoid", null),
            NetGen.Activation.Tanh => ("Tanh", null),
            NetGen.Activation.Softmax => ("Softmax", Attribute.Int("axis", -1)),
            _ => null,
        };
        if (single is { } node)
        {
            if (node.Attribute is null)
            {
                Node(node.Operator, prefix + "." + node.Operator, [x], y);
            }
            else
            {
                Node(node.Operator, prefix + "." + node.Operator, [x], y, node.Attribute);
            }

            return y;
        }

        if (activation == NetGen.Activation.None)
        {
            return x;
        }

        // GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), the tanh form NetGen computes.
        string half = Constant(0.5f);
        string one = Constant(1f);
        string cubic = Constant(GeluCubic);
        string scale = Constant(GeluScale);
        string p = prefix + ".gelu.";
        Node("Mul", p + "square", [x, x], p + "x2");
        Node("Mul", p + "cube", [p + "x2", x], p + "x3");
        Node("Mul", p + "scale_cube", [p + "x3", cubic], p + "cx3");
        Node("Add", p + "inner", [x, p + "cx3"], p + "inner");
        Node("Mul", p + "argument", [p + "inner", scale], p + "u");
        Node("Tanh", p + "tanh", [p + "u"], p + "t");
        Node("Add", p + "one_plus", [p + "t", one], p + "one_plus_t");
        Node("Mul", p + "half", [x, half], p + "half_x");
        Node("Mul", p + "product", [p + "half_x", p + "one_plus_t"], y);
        return y;
    }

    /// <summary>A float tensor of shape <c>[batch, ...shape]</c> with a symbolic batch dimension.</summary>
    public static ProtobufWriter ValueInfo(string name, TensorShape shape)
    {
        var dims = new ProtobufWriter();
        var batch = new ProtobufWriter();
        batch.WriteString(2, "batch");
        dims.WriteMessage(1, batch);
        foreach (int axis in shape)
        {
            var dim = new ProtobufWriter();
            dim.WriteInt64(1, axis);
            dims.WriteMessage(1, dim);
        }

        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(1, 1); // FLOAT
        tensorType.WriteMessage(2, dims);
        var type = new ProtobufWriter();
        type.WriteMessage(1, tensorType);
        var info = new ProtobufWriter();
        info.WriteString(1, name);
        info.WriteMessage(2, type);
        return info;
    }

    private static ProtobufWriter Tensor(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        var tensor = new ProtobufWriter();
        foreach (long dim in dims)
        {
            tensor.WriteInt64(1, dim);
        }

        tensor.WriteInt64(2, 1); // FLOAT
        tensor.WriteString(8, name);
        byte[] raw = new byte[values.Length * 4];
        LittleEndianFloats.Write(values, raw);
        tensor.WriteBytes(9, raw);
        return tensor;
    }

    /// <summary>Node attributes.</summary>
    public static class Attribute
    {
        public static ProtobufWriter Int(string name, long value)
        {
            var attribute = new ProtobufWriter();
            attribute.WriteString(1, name);
            attribute.WriteInt64(3, value);
            attribute.WriteInt64(20, 2); // INT
            return attribute;
        }

        public static ProtobufWriter Ints(string name, ReadOnlySpan<long> values)
        {
            var attribute = new ProtobufWriter();
            attribute.WriteString(1, name);
            foreach (long value in values)
            {
                attribute.WriteInt64(8, value);
            }

            attribute.WriteInt64(20, 7); // INTS
            return attribute;
        }

        public static ProtobufWriter Float(string name, float value)
        {
            var attribute = new ProtobufWriter();
            attribute.WriteString(1, name);
            attribute.WriteFloat(2, value);
            attribute.WriteInt64(20, 1); // FLOAT
            return attribute;
        }
    }
}
