using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// The shape of a generated network: its layers, loss and optimizer. Generated networks expose
/// theirs through <see cref="INetwork.Architecture"/>; tools that export or transform a network
/// (ONNX, safetensors, quantisation) read it from here.
/// </summary>
public sealed class NetworkArchitecture : IEquatable<NetworkArchitecture>
{
    /// <summary>Describes an architecture of flat rows and checks that its layers connect.</summary>
    /// <param name="inputSize">The number of input features per row.</param>
    /// <param name="batchSize">The largest number of rows a call takes.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="layers">The layers in order; each takes the previous one's outputs.</param>
    /// <exception cref="ArgumentException">The layers do not connect or a size is not positive.</exception>
    public NetworkArchitecture(int inputSize, int batchSize, Loss loss, Optimizer optimizer, IEnumerable<LayerInfo> layers)
        : this(FlatShape(inputSize), batchSize, loss, optimizer, layers)
    {
    }

    /// <summary>Describes an architecture and checks that its layers connect.</summary>
    /// <param name="inputShape">The shape of one input row.</param>
    /// <param name="batchSize">The largest number of rows a call takes.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="layers">The layers in order; each takes the previous one's output shape.</param>
    /// <exception cref="ArgumentException">The layers do not connect, a size is not positive, or the parameters are not numbered one after the other.</exception>
    public NetworkArchitecture(TensorShape inputShape, int batchSize, Loss loss, Optimizer optimizer, IEnumerable<LayerInfo> layers)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (batchSize < 1)
        {
            throw new ArgumentException($"The batch size must be at least 1; it is {batchSize}.", nameof(batchSize));
        }

        var list = new List<LayerInfo>(layers);
        if (list.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        TensorShape shape = inputShape;
        long offset = 0;
        long stateOffset = 0;
        var inputs = new List<TensorShape>();
        for (int i = 0; i < list.Count; i++)
        {
            LayerInfo layer = list[i] ?? throw new ArgumentException($"Layer {i} is null.", nameof(layers));
            if (!layer.InputShape.Equals(shape))
            {
                throw new ArgumentException($"Layer {i} ({layer}) takes {layer.InputShape} but receives {shape}.", nameof(layers));
            }

            if (layer.ParameterCount > 0 && layer.ParameterOffset != offset)
            {
                throw new ArgumentException($"Layer {i} starts at parameter {layer.ParameterOffset}; expected {offset}.", nameof(layers));
            }

            inputs.Add(shape);
            int source = i - layer.Reach;
            if (layer.Reach != 0 && (source < 0 || source >= i || !inputs[source].Equals(layer.OutputShape)))
            {
                throw new ArgumentException(
                    source < 0 || source >= i
                        ? $"Layer {i} ({layer}) reaches {layer.Reach} layers back, but {i} layers come before it."
                        : $"Layer {i} ({layer}) adds the input of layer {source}, of shape {inputs[source]}, to a tensor of shape {layer.OutputShape}; the shapes must be equal.",
                    nameof(layers));
            }

            foreach (StateInfo state in layer.State)
            {
                if (state.Offset != stateOffset)
                {
                    throw new ArgumentException($"Layer {i}'s state '{state.Name}' starts at {state.Offset}; expected {stateOffset}.", nameof(layers));
                }

                stateOffset += state.Count;
            }

            offset += layer.ParameterCount;
            if (offset > int.MaxValue)
            {
                throw new ArgumentException($"The network has at least {offset} parameters by layer {i}; at most {int.MaxValue} are supported.", nameof(layers));
            }

            shape = layer.OutputShape;
        }

        InputShape = inputShape;
        OutputShape = shape;
        BatchSize = batchSize;
        Loss = loss;
        Optimizer = optimizer;
        Layers = new ReadOnlyCollection<LayerInfo>(list);
        ParameterCount = (int)offset;
        StateCount = stateOffset > int.MaxValue
            ? throw new ArgumentException($"The network has {stateOffset} values of state; at most {int.MaxValue} are supported.", nameof(layers))
            : (int)stateOffset;
        Description = Describe();
        Fingerprint = Fnv1a64(Encoding.UTF8.GetBytes(Description));
    }

    /// <summary>The shape of one input row.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The shape of one output row.</summary>
    public TensorShape OutputShape { get; }

    /// <summary>The number of input values per row: the product of <see cref="InputShape"/>.</summary>
    public int InputSize => InputShape.Size;

    /// <summary>The number of outputs per row: the product of <see cref="OutputShape"/>.</summary>
    public int OutputSize => OutputShape.Size;

    /// <summary>The number of targets per row: <see cref="OutputSize"/>, or for
    /// <see cref="Loss.SparseCategoricalCrossEntropy"/> one class index per output position (1 for a flat output).</summary>
    public int TargetSize => Loss == Loss.SparseCategoricalCrossEntropy ? OutputShape.Positions : OutputSize;

    /// <summary>
    /// Whether the outputs are logits: a cross-entropy loss on an output layer without activation, which applies the
    /// sigmoid (<see cref="Loss.BinaryCrossEntropy"/>) or softmax (the categorical ones) inside the loss, as PyTorch's
    /// <c>BCEWithLogitsLoss</c> and <c>CrossEntropyLoss</c> do. <c>Predict</c> then returns logits; the metrics that need
    /// probabilities apply the sigmoid or softmax themselves (see <see cref="Metrics.Predictions.ToProbabilities"/>).
    /// </summary>
    public bool OutputsLogits => (Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy)
        && Layers[Layers.Count - 1].Activation == Activation.None;

    /// <summary>The largest number of rows a call takes. Not part of the <see cref="Fingerprint"/>.</summary>
    public int BatchSize { get; }

    /// <summary>The loss.</summary>
    public Loss Loss { get; }

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The number of trainable parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of values of state (BatchNorm's running statistics), in the order of <see cref="INetwork.ExportState"/>: for
    /// each layer with state, its tensors in PyTorch's <c>state_dict</c> order. 0 for networks without state.</summary>
    public int StateCount { get; }

    /// <summary>The fewest rows a training call of this network may have (2 with a BatchNorm layer on flat rows, else 1).</summary>
    public int MinimumTrainingRows
    {
        get
        {
            int rows = 1;
            foreach (LayerInfo layer in Layers)
            {
                rows = Math.Max(rows, layer.MinimumTrainingRows);
            }

            return rows;
        }
    }

    /// <summary>A canonical one-line description of everything the fingerprint covers.</summary>
    public string Description { get; }

    /// <summary>
    /// A 64-bit FNV-1a hash of <see cref="Description"/>: equal for networks whose checkpoints are
    /// interchangeable (same input shape, layers, activations, dropout rates, loss and optimizer).
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>The number of parameter-shaped tensors of optimizer state the update rule keeps.</summary>
    public int OptimizerStateTensors => OptimizerStateCount(Optimizer);

    /// <summary>The number of parameter-shaped tensors of optimizer state <paramref name="optimizer"/> keeps.</summary>
    public static int OptimizerStateCount(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Momentum or Optimizer.Nesterov or Optimizer.AdaGrad or Optimizer.RMSProp => 1,
        _ => 2,
    };

    /// <summary>A short, readable form such as <c>784 -> Dense(128, ReLU) -> Dense(10, Softmax); CategoricalCrossEntropy; Adam</c>
    /// (an input of several axes is written as its shape, such as <c>(28, 28, 1)</c>).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(InputShape.Rank == 1 ? InputSize.ToString(CultureInfo.InvariantCulture) : InputShape.ToString());
        foreach (LayerInfo layer in Layers)
        {
            text.Append(" -> ").Append(layer);
        }

        text.Append("; ").Append(Loss).Append("; ").Append(Optimizer);
        return text.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(NetworkArchitecture? other) => other is not null && other.Description == Description && other.BatchSize == BatchSize;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NetworkArchitecture);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Fingerprint, BatchSize);

    // Version 1 of the description: flat networks keep exactly the text they had before shapes existed, so that
    // their fingerprints, and the checkpoints that carry them, stay valid.
    private string Describe()
    {
        var text = new StringBuilder("netgen-architecture-1;input=");
        text.Append(InputShape.Rank == 1 ? InputSize.ToString(CultureInfo.InvariantCulture) : InputShape.ToCompactString());
        foreach (LayerInfo layer in Layers)
        {
            text.Append(';').Append(layer.DescriptionToken);
        }

        text.Append(";loss=").Append(Loss).Append(";optimizer=").Append(Optimizer);
        return text.ToString();
    }

    private static TensorShape FlatShape(int inputSize)
    {
        if (inputSize < 1)
        {
            throw new ArgumentException($"The input size must be at least 1; it is {inputSize}.", nameof(inputSize));
        }

        return new TensorShape(inputSize);
    }

    private static ulong Fnv1a64(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
