using NetGen.Generator.Layers;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>
/// The parts of the passes around a layer's activation that do not fit in its kernels, for every layer whose channels at each
/// position go through an activation (Dense, convolutions): softmax over each position's channels and the padding a sigmoid
/// would fill after the forward kernel, and the gradient through the activation before the backward kernels.
/// </summary>
internal static class ActivationPasses
{
    /// <summary>After the forward kernel: softmax over each position's channels, and the padding cleared after a sigmoid (every
    /// other activation maps the padding's zeros to zero).</summary>
    public static void AfterForward(PassWriter w, LayerPlan layer, Activation activation)
    {
        TensorPlan output = layer.Output;
        if (activation == Activation.Softmax)
        {
            w.Open($"for (int r = {FirstPosition(output)}; r < {EndPosition(output)}; r++)");
            w.Line($"ref float row = ref Unsafe.Add(ref s, {output.Buffer} + (r * {output.ChannelStride}));");
            w.Line($"global::NetGen.Kernels.RowKernels.Softmax(ref row, ref row, {output.Channels});");
            w.Close();
        }

        if (activation == Activation.Sigmoid && output.Channels != output.ChannelStride)
        {
            w.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({FirstRow(output)}, {PositionCount(output)}, {output.ChannelStride}, {output.Channels});");
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

    private static string FirstPosition(TensorPlan tensor) => tensor.Positions == 1 ? "first" : $"first * {tensor.Positions}";

    private static string EndPosition(TensorPlan tensor) => tensor.Positions == 1 ? "first + rows" : $"(first + rows) * {tensor.Positions}";
}
