using System;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A Dense layer (<see cref="DenseAttribute"/>): <c>y = activation(x W^T + b)</c> over the last axis of
/// its input, PyTorch's <c>nn.Linear</c>. Its tensors are <c>weight</c> <c>[units, features]</c> and
/// <c>bias</c> <c>[units]</c>.
/// </summary>
public sealed class DenseLayerInfo : LayerInfo
{
    /// <summary>Describes a Dense layer.</summary>
    /// <param name="inputShape">The shape it takes; it acts on the last axis.</param>
    /// <param name="units">Its outputs per position; at least 1.</param>
    /// <param name="activation">Its activation.</param>
    /// <param name="parameterOffset">Where its weight starts in the canonical parameter order.</param>
    /// <exception cref="ArgumentException">A size is out of range or the parameters would not fit in an <see cref="int"/>.</exception>
    public DenseLayerInfo(TensorShape inputShape, int units, Activation activation, int parameterOffset)
        : base(LayerKind.Dense, inputShape, OutputShapeOf(inputShape, units), parameterOffset, TensorsOf(inputShape, units, parameterOffset))
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Its outputs per position.</summary>
    public int Units { get; }

    /// <inheritdoc/>
    public override Activation Activation { get; }

    /// <inheritdoc/>
    public override int SequentialModules => Activation == Activation.None ? 1 : 2;

    /// <inheritdoc/>
    internal override string DescriptionToken => Invariant($"dense={Units},{Activation}");

    /// <inheritdoc/>
    public override string ToString() => Invariant($"Dense({Units}, {Activation})");

    /// <inheritdoc/>
    internal override string AddToOnnx(OnnxGraph graph, OnnxLayerContext context, string input, string? output)
    {
        int features = InputShape.Channels;
        string prefix = context.Prefix;
        string linear = output is not null && Activation == Activation.None ? output : prefix + ".linear";
        input = graph.ChannelsLast(input, InputShape, prefix); // a convolution's result is channels first
        graph.Linear(input, InputShape.Rank == 1, prefix, Units, features, context.Parameters.Slice(ParameterOffset, WeightCount), context.Parameters.Slice(BiasOffset, Units), linear);
        return graph.Activation(Activation, prefix, linear, output ?? prefix + ".activation");
    }

    private static TensorShape OutputShapeOf(TensorShape inputShape, int units)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (units < 1)
        {
            throw new ArgumentException($"A Dense layer needs at least 1 unit; it has {units}.", nameof(units));
        }

        int[] axes = inputShape.ToArray();
        axes[^1] = units;
        return new TensorShape(axes);
    }

    private static ParameterInfo[] TensorsOf(TensorShape inputShape, int units, int offset)
    {
        // 64-bit: the int product of two sizes above 46,340 wraps around.
        long weights = (long)units * inputShape.Channels;
        if (weights + units > int.MaxValue)
        {
            throw new ArgumentException(
                $"A Dense layer with {inputShape.Channels} inputs and {units} units has {weights} weights and {units} biases; at most {int.MaxValue} parameters are supported.", nameof(units));
        }

        return
        [
            new ParameterInfo("weight", [units, inputShape.Channels], offset, Penalized: true),
            new ParameterInfo("bias", [units], (int)Math.Min(int.MaxValue, offset + weights), Penalized: false),
        ];
    }
}
