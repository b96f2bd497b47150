namespace NetGen;

/// <summary>
/// An LSTM layer (<see cref="LSTMAttribute"/>): PyTorch's <c>nn.LSTM(F, units, batch_first=True)</c>, gates i, f, g, o, and
/// ONNX's <c>LSTM</c>.
/// </summary>
public sealed class LSTMLayerInfo : RecurrentLayerInfo
{
    /// <summary>Describes an LSTM layer.</summary>
    /// <param name="inputShape">The sequence it takes, <c>(T, F)</c>.</param>
    /// <param name="units">The size of its state; at least 1.</param>
    /// <param name="returnSequences">Whether it gives every state rather than the last.</param>
    /// <param name="parameterOffset">Where its first tensor starts in the canonical parameter order.</param>
    /// <exception cref="System.ArgumentException">The input is not a sequence, a size is out of range, or the parameters would not fit in an <see cref="int"/>.</exception>
    public LSTMLayerInfo(TensorShape inputShape, int units, bool returnSequences, int parameterOffset)
        : base(LayerKind.LSTM, 4, inputShape, units, returnSequences, parameterOffset)
    {
    }

    /// <inheritdoc/>
    private protected override string OnnxOperator => "LSTM";

    /// <inheritdoc/>
    private protected override int[] OnnxGateOrder => [0, 3, 1, 2]; // ONNX i, o, f, c from PyTorch i, f, g, o
}
