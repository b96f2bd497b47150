using System;
using System.IO;
using System.Reflection;
using NetGen.Serialization;

namespace NetGen.Onnx;

/// <summary>
/// Writes a network's inference graph as an ONNX model (IR version 7, opset 13), for ONNX Runtime
/// and every other ONNX consumer. The graph takes <c>input</c> <c>float[batch, ...InputShape]</c> (channels
/// last, as NetGen's rows) and gives <c>output</c> <c>float[batch, ...OutputShape]</c>; its results match
/// <see cref="INetwork.Predict"/>. Each layer adds its own nodes (see <see cref="LayerInfo"/>).
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
        var state = new float[network.Architecture.StateCount];
        network.ExportState(state);
        Build(network.Architecture, parameters, state).CopyTo(stream);
    }

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).</summary>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The <c>.onnx</c> file to create or replace.</param>
    public static void WriteFile(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, stream => Write(network, stream));
    }

    private static ProtobufWriter Build(NetworkArchitecture architecture, float[] parameters, float[] state)
    {
        var graph = new OnnxGraph();
        string current = InputName;
        var inputs = new System.Collections.Generic.List<string>();
        for (int index = 0; index < architecture.Layers.Count; index++)
        {
            string? output = index == architecture.Layers.Count - 1 ? OutputName : null;
            inputs.Add(current);
            current = architecture.Layers[index].AddToOnnx(graph, new OnnxLayerContext(architecture, index, parameters, state, inputs), current, output);
        }

        graph.Proto.WriteString(2, "netgen");
        graph.Proto.WriteMessage(11, OnnxGraph.ValueInfo(InputName, architecture.InputShape));
        graph.Proto.WriteMessage(12, OnnxGraph.ValueInfo(OutputName, architecture.OutputShape));
        graph.Proto.WriteString(10, architecture.Description);

        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "NetGen");
        model.WriteString(3, typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
        model.WriteMessage(7, graph.Proto);
        var opset = new ProtobufWriter();
        opset.WriteString(1, string.Empty);
        opset.WriteInt64(2, OpsetVersion);
        model.WriteMessage(8, opset);
        return model;
    }
}
