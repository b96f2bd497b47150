using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// A GRU layer (<see cref="GRUAttribute"/>): PyTorch's <c>nn.GRU(F, units, batch_first=True)</c>, gates r, z, n, and
/// ONNX's <c>GRU</c> with <c>linear_before_reset=1</c> (the reset gate multiplies <c>W_hn h + b_hn</c>, as PyTorch does).
/// </summary>
public sealed class GRULayerInfo : RecurrentLayerInfo
{
    /// <summary>Describes a GRU layer.</summary>
    /// <param name="inputShape">The sequence it takes, <c>(T, F)</c>.</param>
    /// <param name="units">The size of its state; at least 1.</param>
    /// <param name="returnSequences">Whether it gives every state rather than the last.</param>
    /// <param name="parameterOffset">Where its first tensor starts in the canonical parameter order.</param>
    /// <exception cref="System.ArgumentException">The input is not a sequence, a size is out of range, or the parameters would not fit in an <see cref="int"/>.</exception>
    public GRULayerInfo(TensorShape inputShape, int units, bool returnSequences, int parameterOffset)
        : base(LayerKind.GRU, 3, inputShape, units, returnSequences, parameterOffset)
    {
    }

    /// <inheritdoc/>
    private protected override string OnnxOperator => "GRU";

    /// <inheritdoc/>
    private protected override int[] OnnxGateOrder => [1, 0, 2]; // ONNX z, r, h from PyTorch r, z, n

    /// <inheritdoc/>
    private protected override ProtobufWriter[] OnnxAttributes => [OnnxGraph.Attribute.Int("linear_before_reset", 1)];
}
