using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers;

/// <summary>
/// The activation at the end of a layer (Dense, the normalisations, Residual): element-wise ones run inside the layer's
/// kernel; softmax runs over each position after it; a sigmoid's padding is cleared after it. Backward, the gradient goes
/// through the activation in place, except on the output layer after a loss fused with its activation.
/// </summary>
internal static class ActivatedOutput
{
    /// <summary>Whether a cross-entropy is fused with <paramref name="activation"/> on this, the last, layer.</summary>
    public static bool FusesLoss(LayerContext context, Activation activation)
        => context.IsLast && (context.Network.Loss == Loss.BinaryCrossEntropy ? activation == Activation.Sigmoid
            : context.Network.Loss == Loss.CategoricalCrossEntropy && activation == Activation.Softmax);

    /// <summary>Whether the layer keeps its pre-activation rows: GELU's derivative reads them, and so does a fused loss.</summary>
    public static bool KeepsPreActivation(LayerContext context, Activation activation)
        => activation == Activation.GELU || FusesLoss(context, activation);

    /// <summary>The activation a kernel applies at its end: the element-wise ones, None for softmax (applied after it).</summary>
    public static Activation InKernel(Activation activation) => ActivationCode.IsElementwise(activation) ? activation : Activation.None;

    /// <summary>After a kernel wrote the rows from row <c>first</c> of <paramref name="output"/>: softmax over each position, or a
    /// sigmoid's padding cleared.</summary>
    public static void EmitAfterKernel(PassWriter w, Activation activation, TensorPlan output)
    {
        int positions = output.Positions;
        string buffer = output.Buffer!;
        if (activation == Activation.Softmax)
        {
            w.Open($"for (int r = {Scaled("first", positions)}; r < {Scaled("(first + rows)", positions)}; r++)");
            w.Line($"ref float row = ref Unsafe.Add(ref s, {buffer} + (r * {output.ChannelStride}));");
            w.Line($"global::NetGen.Kernels.RowKernels.Softmax(ref row, ref row, {output.Channels});");
            w.Close();
        }

        // Every activation but the sigmoid maps the padding's zeros to zero.
        if (activation == Activation.Sigmoid && output.Channels != output.ChannelStride)
        {
            w.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({FirstRow(output)}, {Scaled("rows", positions)}, {output.ChannelStride}, {output.Channels});");
        }
    }

    /// <summary>The gradient with respect to <paramref name="layer"/>'s output turned, in place, into the gradient with respect to its
    /// pre-activation; on the output layer after a fused loss, only when the gradient is the caller's (<c>throughOutputActivation</c>).</summary>
    public static void EmitBackward(PassWriter w, LayerPlan layer, Activation activation, string? preActivation)
    {
        if (activation == Activation.None)
        {
            return;
        }

        TensorPlan output = layer.Output;
        bool fused = layer == w.Network.OutputLayer && w.Network.LossIsFused;
        if (fused)
        {
            w.Open("if (throughOutputActivation)");
        }

        w.Line($"// through layer {layer.Index + 1}'s {activation}");
        if (activation == Activation.Softmax)
        {
            int positions = output.Positions;
            w.Open($"for (int r = {Scaled("first", positions)}; r < {Scaled("(first + rows)", positions)}; r++)");
            w.Line($"ref float y = ref Unsafe.Add(ref s, {output.Buffer} + (r * {output.ChannelStride}));");
            w.Line($"ref float d = ref Unsafe.Add(ref s, {output.Gradient} + (r * {output.ChannelStride}));");
            w.Line($"global::NetGen.Kernels.RowKernels.SoftmaxBackward(ref y, ref d, ref d, {output.Channels});");
            w.Close();
        }
        else
        {
            string y = ActivationCode.BackwardReadsPreActivation(activation) ? preActivation! : output.Buffer!;
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.ActivationBackward(global::NetGen.Activation.{activation}, {Rows(y, output.RowStride)}, {FirstGradientRow(output)}, rows * {output.RowStride});");
        }

        if (fused)
        {
            w.Close();
        }
    }

    /// <summary><paramref name="rows"/> times <paramref name="positions"/>, without a multiplication by 1.</summary>
    public static string Scaled(string rows, int positions) => positions == 1 ? rows.Trim('(', ')') : $"{rows} * {positions}";
}
