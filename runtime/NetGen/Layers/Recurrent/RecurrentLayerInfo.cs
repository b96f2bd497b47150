using System;
using System.Globalization;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A recurrent layer over a sequence <c>(T, F)</c> (<see cref="GRULayerInfo"/>, <see cref="LSTMLayerInfo"/>): PyTorch's
/// <c>nn.GRU</c> or <c>nn.LSTM</c> with <c>batch_first=True</c> and one layer. Its tensors are PyTorch's
/// <c>weight_ih_l0</c> <c>[G units, F]</c>, <c>weight_hh_l0</c> <c>[G units, units]</c>, <c>bias_ih_l0</c> and
/// <c>bias_hh_l0</c> <c>[G units]</c>, with G gates.
/// </summary>
public abstract class RecurrentLayerInfo : LayerInfo
{
    private protected RecurrentLayerInfo(LayerKind kind, int gates, TensorShape inputShape, int units, bool returnSequences, int parameterOffset)
        : base(kind, inputShape, OutputShapeOf(kind, inputShape, units, returnSequences), parameterOffset, TensorsOf(gates, inputShape, units, parameterOffset))
    {
        Units = units;
        Gates = gates;
        ReturnSequences = returnSequences;
    }

    /// <summary>The size of the state.</summary>
    public int Units { get; }

    /// <summary>The gates: 3 for a GRU (r, z, n), 4 for an LSTM (i, f, g, o), in PyTorch's order.</summary>
    public int Gates { get; }

    /// <summary>Whether it gives the state at every step, <c>(T, units)</c>, rather than the last one, <c>(units)</c>.</summary>
    public bool ReturnSequences { get; }

    /// <summary>The steps of its input sequence.</summary>
    public int Steps => InputShape[0];

    /// <summary>The features of each step of its input.</summary>
    public int Features => InputShape.Channels;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"{Kind.ToString().ToLowerInvariant()}={Units}{(ReturnSequences ? ",sequences" : string.Empty)}");

    /// <inheritdoc/>
    public override string ToString() => Invariant($"{Kind}({Units}{(ReturnSequences ? ", ReturnSequences" : string.Empty)})");

    /// <summary>The ONNX operator (<c>GRU</c> or <c>LSTM</c>).</summary>
    private protected abstract string OnnxOperator { get; }

    /// <summary>The position in PyTorch's gate order of each gate in ONNX's order.</summary>
    private protected abstract int[] OnnxGateOrder { get; }

    /// <summary>Attributes the ONNX node needs besides <c>hidden_size</c>.</summary>
    private protected virtual ProtobufWriter[] OnnxAttributes => [];

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        // ONNX's recurrent operators take [T, batch, F] and give Y [T, 1, batch, units] and Y_h [1, batch, units].
        string prefix = context.Prefix;
        int gateRows = Gates * Units;
        ReadOnlySpan<float> parameters = context.Parameters.Slice(ParameterOffset, ParameterCount);
        int inputWeights = gateRows * Features;
        int recurrentWeights = gateRows * Units;
        graph.Initializer(prefix + ".W", [1, gateRows, Features], Reorder(parameters[..inputWeights], Features));
        graph.Initializer(prefix + ".R", [1, gateRows, Units], Reorder(parameters.Slice(inputWeights, recurrentWeights), Units));
        float[] bias = new float[2 * gateRows];
        Reorder(parameters.Slice(inputWeights + recurrentWeights, gateRows), 1).CopyTo(bias, 0);
        Reorder(parameters.Slice(inputWeights + recurrentWeights + gateRows, gateRows), 1).CopyTo(bias, gateRows);
        graph.Initializer(prefix + ".B", [1, 2 * gateRows], bias);

        input = graph.ChannelsLast(input, InputShape, prefix); // a convolution's or a BatchNorm's result is channels first
        string timeMajor = prefix + ".time_major";
        graph.Node("Transpose", prefix + ".transpose_in", [input], timeMajor, OnnxGraph.Attribute.Ints("perm", [1, 0, 2]));
        ProtobufWriter[] attributes = [OnnxGraph.Attribute.Int("hidden_size", Units), .. OnnxAttributes];
        string sequence = prefix + ".Y";
        string last = prefix + ".Y_h";
        graph.Node(OnnxOperator, prefix + "." + OnnxOperator.ToLowerInvariant(), [timeMajor, prefix + ".W", prefix + ".R", prefix + ".B"], [sequence, last], attributes);
        if (!ReturnSequences)
        {
            string result = output ?? prefix + ".state";
            graph.Node("Squeeze", prefix + ".squeeze", [last, graph.Int64Constant("axes.0", [0])], result);
            return result;
        }

        string steps = prefix + ".steps";
        graph.Node("Squeeze", prefix + ".squeeze", [sequence, graph.Int64Constant("axes.1", [1])], steps);
        string states = output ?? prefix + ".states";
        graph.Node("Transpose", prefix + ".transpose_out", [steps], states, OnnxGraph.Attribute.Ints("perm", [1, 0, 2]));
        return states;
    }

    /// <summary>The rows of a tensor of <c>Gates * Units</c> rows of <paramref name="columns"/>, gate blocks put in ONNX's order.</summary>
    private float[] Reorder(ReadOnlySpan<float> tensor, int columns)
    {
        var reordered = new float[tensor.Length];
        int block = Units * columns;
        int[] order = OnnxGateOrder;
        for (int gate = 0; gate < order.Length; gate++)
        {
            tensor.Slice(order[gate] * block, block).CopyTo(reordered.AsSpan(gate * block, block));
        }

        return reordered;
    }

    private static TensorShape OutputShapeOf(LayerKind kind, TensorShape inputShape, int units, bool returnSequences)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (units < 1)
        {
            throw new ArgumentException($"A {kind} layer needs at least 1 unit; it has {units}.", nameof(units));
        }

        if (inputShape.Rank != 2)
        {
            throw new ArgumentException($"A {kind} layer takes a sequence (steps, features); it receives {inputShape}.", nameof(inputShape));
        }

        return returnSequences ? new TensorShape(inputShape[0], units) : new TensorShape(units);
    }

    private static ParameterInfo[] TensorsOf(int gates, TensorShape inputShape, int units, int offset)
    {
        long gateRows = (long)gates * units;
        long inputWeights = gateRows * inputShape.Channels;
        long recurrentWeights = gateRows * units;
        if (inputWeights + recurrentWeights + (2 * gateRows) + offset > int.MaxValue)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A recurrent layer of {units} units on {inputShape} has {inputWeights + recurrentWeights + (2 * gateRows)} parameters; at most {int.MaxValue} are supported."),
                nameof(units));
        }

        int rows = (int)gateRows;
        return
        [
            new ParameterInfo("weight_ih_l0", [rows, inputShape.Channels], offset, Penalized: true),
            new ParameterInfo("weight_hh_l0", [rows, units], (int)(offset + inputWeights), Penalized: true),
            new ParameterInfo("bias_ih_l0", [rows], (int)(offset + inputWeights + recurrentWeights), Penalized: false),
            new ParameterInfo("bias_hh_l0", [rows], (int)(offset + inputWeights + recurrentWeights + gateRows), Penalized: false),
        ];
    }
}
