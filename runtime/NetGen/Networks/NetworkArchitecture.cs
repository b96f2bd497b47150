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
    /// <summary>Describes an architecture and checks that its layers connect.</summary>
    /// <param name="inputSize">The number of input features per row.</param>
    /// <param name="batchSize">The largest number of rows a call takes.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="layers">The layers in order; each takes the previous one's outputs.</param>
    /// <exception cref="ArgumentException">The layers do not connect or a size is not positive.</exception>
    public NetworkArchitecture(int inputSize, int batchSize, Loss loss, Optimizer optimizer, IEnumerable<LayerInfo> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (inputSize < 1)
        {
            throw new ArgumentException($"The input size must be at least 1; it is {inputSize}.", nameof(inputSize));
        }

        if (batchSize < 1)
        {
            throw new ArgumentException($"The batch size must be at least 1; it is {batchSize}.", nameof(batchSize));
        }

        var list = new List<LayerInfo>(layers);
        if (list.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        int width = inputSize;
        long offset = 0;
        for (int i = 0; i < list.Count; i++)
        {
            LayerInfo layer = list[i];
            if (layer.InputSize != width)
            {
                throw new ArgumentException($"Layer {i} takes {layer.InputSize} inputs but receives {width}.", nameof(layers));
            }

            if (layer.OutputSize < 1)
            {
                throw new ArgumentException($"Layer {i} has {layer.OutputSize} outputs; a layer needs at least 1.", nameof(layers));
            }

            if (layer.Kind == LayerKind.Dropout && layer.OutputSize != layer.InputSize)
            {
                throw new ArgumentException($"Dropout layer {i} must keep its width {layer.InputSize}.", nameof(layers));
            }

            if (layer.ParameterOffset != offset)
            {
                throw new ArgumentException($"Layer {i} starts at parameter {layer.ParameterOffset}; expected {offset}.", nameof(layers));
            }

            // 64-bit: the int product of two sizes above 46,340 wraps around.
            long weights = layer.Kind == LayerKind.Dense ? (long)layer.InputSize * layer.OutputSize : 0;
            if (weights > int.MaxValue)
            {
                throw new ArgumentException(
                    $"Dense layer {i} has {layer.InputSize} inputs and {layer.OutputSize} units, {weights} weights; at most {int.MaxValue} parameters are supported.", nameof(layers));
            }

            offset += weights + layer.BiasCount;
            width = layer.OutputSize;
        }

        if (offset > int.MaxValue)
        {
            throw new ArgumentException($"The network has {offset} parameters; at most {int.MaxValue} are supported.", nameof(layers));
        }

        InputSize = inputSize;
        OutputSize = width;
        BatchSize = batchSize;
        Loss = loss;
        Optimizer = optimizer;
        Layers = new ReadOnlyCollection<LayerInfo>(list);
        ParameterCount = (int)offset;
        Description = Describe();
        Fingerprint = Fnv1a64(Encoding.UTF8.GetBytes(Description));
    }

    /// <summary>The number of input features per row.</summary>
    public int InputSize { get; }

    /// <summary>The number of outputs per row.</summary>
    public int OutputSize { get; }

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

    /// <summary>A canonical one-line description of everything the fingerprint covers.</summary>
    public string Description { get; }

    /// <summary>
    /// A 64-bit FNV-1a hash of <see cref="Description"/>: equal for networks whose checkpoints are
    /// interchangeable (same input size, layers, activations, dropout rates, loss and optimizer).
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

    /// <summary>A short, readable form such as <c>784 -> Dense(128, ReLU) -> Dense(10, Softmax); CategoricalCrossEntropy; Adam</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(InputSize.ToString(CultureInfo.InvariantCulture));
        foreach (LayerInfo layer in Layers)
        {
            text.Append(" -> ");
            text.Append(layer.Kind == LayerKind.Dense
                ? string.Create(CultureInfo.InvariantCulture, $"Dense({layer.OutputSize}, {layer.Activation})")
                : string.Create(CultureInfo.InvariantCulture, $"Dropout({layer.DropoutRate})"));
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

    private string Describe()
    {
        var text = new StringBuilder("netgen-architecture-1;input=");
        text.Append(InputSize.ToString(CultureInfo.InvariantCulture));
        foreach (LayerInfo layer in Layers)
        {
            text.Append(';');
            text.Append(layer.Kind == LayerKind.Dense
                ? string.Create(CultureInfo.InvariantCulture, $"dense={layer.OutputSize},{layer.Activation}")
                : string.Create(CultureInfo.InvariantCulture, $"dropout={layer.DropoutRate:R}"));
        }

        text.Append(";loss=").Append(Loss).Append(";optimizer=").Append(Optimizer);
        return text.ToString();
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
