using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using NetGen.Serialization;

namespace NetGen.Onnx;

/// <summary>
/// Writes a network's inference graph as an ONNX model (IR version 7, opset 13), for ONNX Runtime
/// and every other ONNX consumer. The graph takes <c>input</c> <c>float[batch, InputSize]</c> and
/// gives <c>output</c> <c>float[batch, OutputSize]</c>; its results match <see cref="INetwork.Predict"/>.
/// The shape of the graph is documented in <c>docs/format.md</c>.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX IR version written.</summary>
    public const int IrVersion = 7;

    /// <summary>The version of the default ONNX operator set the graph uses.</summary>
    public const int OpsetVersion = 13;

    /// <summary>The name of the graph's input.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output.</summary>
    public const string OutputName = "output";

    /// <summary>
    /// The most bytes of parameters an exported model may hold: an ONNX model is one protocol
    /// buffers message, limited to 2 GiB, and this exporter writes no external data files.
    /// </summary>
    public const long MaxParameterBytes = 2_000_000_000;

    private const float GeluScale = 0.7978845608028654f; // sqrt(2 / pi)
    private const float GeluCubic = 0.044715f;

    /// <summary>Writes the ONNX model of <paramref name="network"/>'s current parameters to <paramref name="stream"/>.</summary>
    /// <param name="network">The network to export.</param>
    /// <param name="stream">The destination.</param>
    /// <exception cref="ArgumentException">The parameters take more than <see cref="MaxParameterBytes"/> bytes.</exception>
    public static void Write(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        long parameterBytes = 4L * network.ParameterCount;
        if (parameterBytes > MaxParameterBytes)
        {
            throw new ArgumentException(
                $"The network's {network.ParameterCount} parameters take {parameterBytes} bytes; an ONNX model is one protocol buffers message of at most 2 GiB, and this exporter writes at most {MaxParameterBytes} bytes of parameters (no external data).", nameof(network));
        }

        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        Build(network.Architecture, parameters).CopyTo(stream);
    }

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).</summary>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The <c>.onnx</c> file to create or replace.</param>
    public static void WriteFile(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, stream => Write(network, stream));
    }

    private static ProtobufWriter Build(NetworkArchitecture architecture, float[] parameters)
    {
        var graph = new ProtobufWriter();
        var constants = new HashSet<float>();
        string current = InputName;
        int lastDense = LastDense(architecture);
        for (int index = 0; index < architecture.Layers.Count; index++)
        {
            LayerInfo layer = architecture.Layers[index];
            if (layer.Kind != LayerKind.Dense)
            {
                continue; // dropout is the identity at inference
            }

            string prefix = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string weight = prefix + ".weight";
            string bias = prefix + ".bias";
            graph.WriteMessage(5, Tensor(weight, [layer.OutputSize, layer.InputSize], parameters.AsSpan(layer.ParameterOffset, layer.WeightCount)));
            graph.WriteMessage(5, Tensor(bias, [layer.OutputSize], parameters.AsSpan(layer.BiasOffset, layer.BiasCount)));

            bool last = index == lastDense;
            string linear = last && layer.Activation == Activation.None ? OutputName : prefix + ".linear";
            graph.WriteMessage(1, Node("Gemm", prefix + ".gemm", [current, weight, bias], linear, Attribute.Int("transB", 1)));
            string activated = last ? OutputName : prefix + ".activation";
            current = AddActivation(graph, constants, layer.Activation, prefix, linear, activated);
        }

        graph.WriteString(2, "netgen");
        graph.WriteMessage(11, ValueInfo(InputName, architecture.InputSize));
        graph.WriteMessage(12, ValueInfo(OutputName, architecture.OutputSize));
        graph.WriteString(10, architecture.Description);

        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "NetGen");
        model.WriteString(3, typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
        model.WriteMessage(7, graph);
        var opset = new ProtobufWriter();
        opset.WriteString(1, string.Empty);
        opset.WriteInt64(2, OpsetVersion);
        model.WriteMessage(8, opset);
        return model;
    }

    private static int LastDense(NetworkArchitecture architecture)
    {
        for (int i = architecture.Layers.Count - 1; i >= 0; i--)
        {
            if (architecture.Layers[i].Kind == LayerKind.Dense)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds the nodes of one activation from <paramref name="x"/> to <paramref name="y"/> and returns <paramref name="y"/>
    /// (or <paramref name="x"/> for <see cref="Activation.None"/>).</summary>
    private static string AddActivation(ProtobufWriter graph, HashSet<float> constants, Activation activation, string prefix, string x, string y)
    {
        (string Operator, ProtobufWriter? Attribute)? single = activation switch
        {
            Activation.ReLU => ("Relu", null),
            Activation.LeakyReLU => ("LeakyRelu", Attribute.Float("alpha", 0.01f)),
            Activation.ELU => ("Elu", Attribute.Float("alpha", 1f)),
            Activation.Sigmoid => ("Sigmoid", null),
            Activation.Tanh => ("Tanh", null),
            Activation.Softmax => ("Softmax", Attribute.Int("axis", 1)),
            _ => null,
        };
        if (single is { } node)
        {
            graph.WriteMessage(1, Node(node.Operator, prefix + "." + node.Operator, [x], y, node.Attribute));
            return y;
        }

        switch (activation)
        {
            case Activation.None:
                return x;
            case Activation.GELU:
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), the tanh form NetGen computes.
                string half = Constant(graph, constants, 0.5f);
                string one = Constant(graph, constants, 1f);
                string cubic = Constant(graph, constants, GeluCubic);
                string scale = Constant(graph, constants, GeluScale);
                string p = prefix + ".gelu.";
                graph.WriteMessage(1, Node("Mul", p + "square", [x, x], p + "x2"));
                graph.WriteMessage(1, Node("Mul", p + "cube", [p + "x2", x], p + "x3"));
                graph.WriteMessage(1, Node("Mul", p + "scale_cube", [p + "x3", cubic], p + "cx3"));
                graph.WriteMessage(1, Node("Add", p + "inner", [x, p + "cx3"], p + "inner"));
                graph.WriteMessage(1, Node("Mul", p + "argument", [p + "inner", scale], p + "u"));
                graph.WriteMessage(1, Node("Tanh", p + "tanh", [p + "u"], p + "t"));
                graph.WriteMessage(1, Node("Add", p + "one_plus", [p + "t", one], p + "one_plus_t"));
                graph.WriteMessage(1, Node("Mul", p + "half", [x, half], p + "half_x"));
                graph.WriteMessage(1, Node("Mul", p + "product", [p + "half_x", p + "one_plus_t"], y));
                return y;
            default:
                throw new NotSupportedException($"ONNX export does not know the activation {activation}.");
        }
    }

    private static string Constant(ProtobufWriter graph, HashSet<float> constants, float value)
    {
        string name = "const." + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (constants.Add(value))
        {
            graph.WriteMessage(5, Tensor(name, [], [value]));
        }

        return name;
    }

    private static ProtobufWriter Tensor(string name, long[] dims, ReadOnlySpan<float> values)
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

    private static ProtobufWriter Node(string opType, string name, string[] inputs, string output, ProtobufWriter? attribute = null)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.WriteString(1, input);
        }

        node.WriteString(2, output);
        node.WriteString(3, name);
        node.WriteString(4, opType);
        if (attribute is not null)
        {
            node.WriteMessage(5, attribute);
        }

        return node;
    }

    /// <summary>A float tensor of shape <c>[batch, width]</c> with a symbolic batch dimension.</summary>
    private static ProtobufWriter ValueInfo(string name, int width)
    {
        var batch = new ProtobufWriter();
        batch.WriteString(2, "batch");
        var features = new ProtobufWriter();
        features.WriteInt64(1, width);
        var shape = new ProtobufWriter();
        shape.WriteMessage(1, batch);
        shape.WriteMessage(1, features);
        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(1, 1); // FLOAT
        tensorType.WriteMessage(2, shape);
        var type = new ProtobufWriter();
        type.WriteMessage(1, tensorType);
        var info = new ProtobufWriter();
        info.WriteString(1, name);
        info.WriteMessage(2, type);
        return info;
    }

    private static class Attribute
    {
        public static ProtobufWriter Int(string name, long value)
        {
            var attribute = new ProtobufWriter();
            attribute.WriteString(1, name);
            attribute.WriteInt64(3, value);
            attribute.WriteInt64(20, 2); // INT
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
