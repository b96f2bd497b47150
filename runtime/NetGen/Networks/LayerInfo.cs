using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Onnx;

namespace NetGen;

/// <summary>The kind of a layer.</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer (<see cref="DenseAttribute"/>).</summary>
    Dense = 0,

    /// <summary>Inverted dropout (<see cref="DropoutAttribute"/>).</summary>
    Dropout = 1,

    /// <summary>A shape turned into one flat row (<see cref="FlattenAttribute"/>).</summary>
    Flatten = 2,

    /// <summary>Batch normalisation of each channel (<see cref="BatchNormAttribute"/>).</summary>
    BatchNorm = 3,

    /// <summary>Layer normalisation over the last axis (<see cref="LayerNormAttribute"/>).</summary>
    LayerNorm = 4,

    /// <summary>A skip connection (<see cref="ResidualAttribute"/>).</summary>
    Residual = 5,

    /// <summary>A one-dimensional convolution (<see cref="Conv1DAttribute"/>).</summary>
    Conv1D = 10,

    /// <summary>A two-dimensional convolution (<see cref="Conv2DAttribute"/>).</summary>
    Conv2D = 11,

    /// <summary>The maximum over windows of a sequence (<see cref="MaxPool1DAttribute"/>).</summary>
    MaxPool1D = 12,

    /// <summary>The mean over windows of a sequence (<see cref="AvgPool1DAttribute"/>).</summary>
    AvgPool1D = 13,

    /// <summary>The maximum over square windows of an image (<see cref="MaxPool2DAttribute"/>).</summary>
    MaxPool2D = 14,

    /// <summary>The mean over square windows of an image (<see cref="AvgPool2DAttribute"/>).</summary>
    AvgPool2D = 15,

    /// <summary>The mean of each channel over every position (<see cref="GlobalAvgPoolAttribute"/>).</summary>
    GlobalAvgPool = 16,
    /// <summary>A gated recurrent unit over a sequence (<see cref="GRUAttribute"/>).</summary>
    GRU = 20,

    /// <summary>A long short-term memory over a sequence (<see cref="LSTMAttribute"/>).</summary>
    LSTM = 21,
}

/// <summary>One trainable tensor of a layer, as PyTorch's <c>state_dict</c> holds it.</summary>
/// <param name="Name">Its name within the layer's module: <c>weight</c> or <c>bias</c>.</param>
/// <param name="Shape">Its shape in PyTorch (channels first), such as <c>[units, inputs]</c>.</param>
/// <param name="Offset">Where it starts in the canonical parameter order of <see cref="INetwork.ExportParameters"/>.</param>
/// <param name="Penalized">Whether L1, L2 and weight decay apply to it (weights) or not (biases).</param>
public sealed record ParameterInfo(string Name, IReadOnlyList<int> Shape, int Offset, bool Penalized)
{
    /// <summary>The number of values: the product of <see cref="Shape"/>.</summary>
    public int Count
    {
        get
        {
            int count = 1;
            foreach (int axis in Shape)
            {
                count = checked(count * axis);
            }

            return count;
        }
    }
}

/// <summary>One tensor of a layer's state, as PyTorch's <c>state_dict</c> holds it: not trained by the optimizer but changed
/// by training calls and saved with the network (a BatchNorm layer's <c>running_mean</c> and <c>running_var</c>).</summary>
/// <param name="Name">Its name within the layer's module.</param>
/// <param name="Shape">Its shape in PyTorch.</param>
/// <param name="Offset">Where it starts in the canonical state order of <see cref="INetwork.ExportState"/>.</param>
public sealed record StateInfo(string Name, IReadOnlyList<int> Shape, int Offset)
{
    /// <summary>The number of values: the product of <see cref="Shape"/>.</summary>
    public int Count
    {
        get
        {
            int count = 1;
            foreach (int axis in Shape)
            {
                count = checked(count * axis);
            }

            return count;
        }
    }
}

/// <summary>
/// One layer of a <see cref="NetworkArchitecture"/>: what it is, the shapes it takes and gives,
/// and its trainable tensors. Each kind of layer is a class of its own (<see cref="DenseLayerInfo"/>,
/// <see cref="DropoutLayerInfo"/>, <see cref="FlattenLayerInfo"/>), which also knows how the layer
/// is written for other frameworks (its PyTorch module, its ONNX nodes).
/// </summary>
public abstract class LayerInfo
{
    private protected LayerInfo(LayerKind kind, TensorShape inputShape, TensorShape outputShape, int parameterOffset, IReadOnlyList<ParameterInfo> parameters)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputShape);
        Kind = kind;
        InputShape = inputShape;
        OutputShape = outputShape;
        ParameterOffset = parameterOffset;
        Parameters = parameters;
        long count = 0;
        foreach (ParameterInfo parameter in parameters)
        {
            count += parameter.Count;
        }

        if (count > int.MaxValue)
        {
            throw new ArgumentException($"{kind} layer with input {inputShape} has {count} parameters; at most {int.MaxValue} are supported.", nameof(parameters));
        }

        ParameterCount = (int)count;
    }

    /// <summary>What the layer is.</summary>
    public LayerKind Kind { get; }

    /// <summary>The shape of one row of its input.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The shape of one row of its output.</summary>
    public TensorShape OutputShape { get; }

    /// <summary>Its number of inputs per row: the product of <see cref="InputShape"/>.</summary>
    public int InputSize => InputShape.Size;

    /// <summary>Its number of outputs per row: the product of <see cref="OutputShape"/>.</summary>
    public int OutputSize => OutputShape.Size;

    /// <summary>The activation applied to its output (<see cref="Activation.None"/> for layers without one).</summary>
    public virtual Activation Activation => Activation.None;

    /// <summary>The rate of a Dropout layer (0 for others).</summary>
    public virtual float DropoutRate => 0f;

    /// <summary>Where its first trainable tensor starts in the canonical parameter order; its tensors follow one another.</summary>
    public int ParameterOffset { get; }

    /// <summary>Its trainable tensors in PyTorch's <c>state_dict</c> order (none for layers without parameters).</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>The number of penalised parameters (weights): the first tensor's count for Dense, 0 for layers without parameters.</summary>
    public int WeightCount => Parameters.Count > 0 && Parameters[0].Penalized ? Parameters[0].Count : 0;

    /// <summary>The number of biases: the count of the <c>bias</c> tensor, 0 when there is none.</summary>
    public int BiasCount
    {
        get
        {
            foreach (ParameterInfo parameter in Parameters)
            {
                if (parameter.Name == "bias")
                {
                    return parameter.Count;
                }
            }

            return 0;
        }
    }

    /// <summary>Where the bias starts in the canonical parameter order (it follows the weight).</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    /// <summary>The number of parameters of the layer.</summary>
    public int ParameterCount { get; }

    /// <summary>Its state tensors in PyTorch's <c>state_dict</c> order (none for most layers).</summary>
    public virtual IReadOnlyList<StateInfo> State => [];

    /// <summary>The number of values of state of the layer.</summary>
    public int StateCount
    {
        get
        {
            int count = 0;
            foreach (StateInfo tensor in State)
            {
                count += tensor.Count;
            }

            return count;
        }
    }

    /// <summary>The fewest rows a training call may have: 2 for a layer whose batch statistics one row leaves without variance, else 1.</summary>
    public virtual int MinimumTrainingRows => 1;

    /// <summary>For a layer that reads the tensor that entered an earlier layer besides its own input (a skip connection):
    /// how many layers back that one is; 0 for the others.</summary>
    public virtual int Reach => 0;

    /// <summary>How many modules the layer is in its PyTorch twin <c>nn.Sequential</c> (a Dense layer with an
    /// activation is an <c>nn.Linear</c> and the activation's module).</summary>
    public virtual int SequentialModules => 1;

    /// <summary>The layer as declarations write it, such as <c>Dense(128, ReLU)</c>.</summary>
    public abstract override string ToString();

    /// <summary>The layer's part of <see cref="NetworkArchitecture.Description"/>; unchanged across versions so that fingerprints stay stable.</summary>
    internal abstract string DescriptionToken { get; }

    /// <summary>Adds the layer's inference nodes to an ONNX graph.</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="context">The network, the layer's place in it and the parameters.</param>
    /// <param name="input">The name of the tensor the layer reads, of shape <c>[batch, ...InputShape]</c>.</param>
    /// <param name="output">The name to give the result when the layer is the last one, else null.</param>
    /// <returns>The name of the tensor the layer gives, of shape <c>[batch, ...OutputShape]</c>.</returns>
    internal abstract string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output);

    /// <summary>A number as descriptions write it.</summary>
    private protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
