using NetGen.Generator.Layers;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>
/// The parts of the passes around a layer's activation that do not fit in its kernels, for every layer whose channels at each
/// position go through an activation (Dense, convolutions, the normalisations, Residual): softmax over each position's channels and the padding a sigmoid
/// would fill after the forward kernel, and the gradient through the activation before the backward kernels.
/// </summary>
internal static class ActivationPasses
{
    /// <summary>After the forward kernel: softmax over each position's channels, and the padding cleared after a sigmoid (every
    /// other activation maps the padding's zeros to zero).</summary>
    public static void AfterForward(PassWriter w, LayerPlan layer, Activation activation)
        => AfterForward(w, layer, activation, FirstPosition(layer.Output), EndPosition(layer.Output), FirstRow(layer.Output), PositionCount(layer.Output));

    /// <summary><see cref="AfterForward(PassWriter, LayerPlan, Activation)"/> over the positions from <paramref name="firstPosition"/>
    /// to <paramref name="endPosition"/> of the output buffer, which start at <paramref name="output"/> (<paramref name="positions"/>
    /// of them): a pass over rows, or one streamed step.</summary>
    public static void AfterForward(PassWriter w, LayerPlan layer, Activation activation, string firstPosition, string endPosition, string output, string positions)
        => AfterForward(w, layer.Output, activation, firstPosition, endPosition, output, positions);

    /// <summary><see cref="AfterForward(PassWriter, LayerPlan, Activation)"/> on the rows of <paramref name="tensor"/> a pass covers, for a
    /// kernel that writes a tensor other than its layer's output (a layer with the normalisation after it folded in).</summary>
    public static void AfterForward(PassWriter w, TensorPlan tensor, Activation activation)
        => AfterForward(w, tensor, activation, FirstPosition(tensor), EndPosition(tensor), FirstRow(tensor), PositionCount(tensor));

    private static void AfterForward(PassWriter w, TensorPlan tensor, Activation activation, string firstPosition, string endPosition, string output, string positions)
    {
        if (activation == Activation.Softmax)
        {
            w.Open($"for (int r = {firstPosition}; r < {endPosition}; r++)");
            w.Line($"ref float row = ref Unsafe.Add(ref s, {tensor.Buffer} + (r * {tensor.ChannelStride}));");
            w.Line($"global::NetGen.Kernels.RowKernels.Softmax(ref row, ref row, {tensor.Channels});");
            w.Close();
        }

        if (activation == Activation.Sigmoid && tensor.Channels != tensor.ChannelStride)
        {
            w.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({output}, {positions}, {tensor.ChannelStride}, {tensor.Channels});");
        }
    }

    /// <summary>The gradient through the activation, in place in the gradient rows: from the output to the pre-activation. After a
    /// loss fused with the output layer's activation, the gradient is with respect to the pre-activation already, unless it is the
    /// caller's (<c>throughOutputActivation</c>).</summary>
    public static void Backward(PassWriter w, LayerPlan layer, Activation activation)
    {
        if (activation == Activation.None)
        {
            return;
        }

        bool fused = layer == w.Network.OutputLayer && w.Network.LossIsFused;
        if (fused)
        {
            w.Open("if (throughOutputActivation)");
        }

        TensorPlan output = layer.Output;
        w.Line($"// through layer {layer.Index + 1}'s {activation}");
        if (activation == Activation.Softmax)
        {
            w.Open($"for (int r = {FirstPosition(output)}; r < {EndPosition(output)}; r++)");
            w.Line($"ref float y = ref Unsafe.Add(ref s, {output.Buffer} + (r * {output.ChannelStride}));");
            w.Line($"ref float d = ref Unsafe.Add(ref s, {output.Gradient} + (r * {output.ChannelStride}));");
            w.Line($"global::NetGen.Kernels.RowKernels.SoftmaxBackward(ref y, ref d, ref d, {output.Channels});");
            w.Close();
        }
        else
        {
            string y = ActivationCode.BackwardReadsPreActivation(activation) ? layer.PreActivation! : output.Buffer!;
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.ActivationBackward(global::NetGen.Activation.{activation}, {Rows(y, output.RowStride)}, {FirstGradientRow(output)}, rows * {output.RowStride});");
        }

        if (fused)
        {
            w.Close();
        }
    }

    /// <summary>The positions of the rows a pass covers: <c>rows</c>, or <c>rows * P</c>.</summary>
    public static string PositionCount(TensorPlan tensor) => tensor.Positions == 1 ? "rows" : $"rows * {tensor.Positions}";

    /// <summary>The first position of the rows a pass covers.</summary>
    public static string FirstPosition(TensorPlan tensor) => tensor.Positions == 1 ? "first" : $"first * {tensor.Positions}";

    /// <summary>The position after the last of the rows a pass covers.</summary>
    public static string EndPosition(TensorPlan tensor) => tensor.Positions == 1 ? "first + rows" : $"(first + rows) * {tensor.Positions}";
}
