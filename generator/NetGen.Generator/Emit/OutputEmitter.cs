using NetGen.Generator.Layers;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits what the passes do at the network's output: reading the output rows, the loss over a batch and the gradient
/// it starts the backward pass with, and the gradient a caller passes to <c>Backward</c> instead. The output rows hold
/// each position's channels padded to a whole number of vectors; the caller's rows are not padded.
/// </summary>
internal static class OutputEmitter
{
    public static void Emit(PassWriter w)
    {
        NetworkPlan plan = w.Network;
        TensorPlan output = plan.Output;
        string positions = output.Positions == 1 ? "rows" : $"rows * {output.Positions}";
        int channels = output.Channels;

        w.Line("// Copies the output rows, without their padding.");
        w.Open("public void ReadOutputs(ref float s, Span<float> outputs, int rows)");
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows({At(output.Buffer!)}, {output.ChannelStride}, ref MemoryMarshal.GetReference(outputs), {channels}, {positions}, {channels});");
        w.Close();
        w.Line();

        w.Line("// The caller's gradient with respect to the outputs, to where the backward pass starts; the padding stays zero.");
        w.Open("public void WriteOutputGradient(ref float s, ReadOnlySpan<float> gradients, int rows)");
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows(ref MemoryMarshal.GetReference(gradients), {channels}, {At(output.Gradient!)}, {output.ChannelStride}, {positions}, {channels});");
        w.Close();
        w.Line();
        EmitLoss(w, plan, positions);
    }

    private static void EmitLoss(PassWriter w, NetworkPlan plan, string positions)
    {
        TensorPlan output = plan.Output;
        LayerPlan layer = plan.OutputLayer;
        Loss loss = plan.Spec.Loss;
        bool sparse = loss == Loss.SparseCategoricalCrossEntropy;
        bool perPosition = loss is Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy;
        string kernel = loss switch
        {
            Loss.MeanSquaredError => "SquaredError",
            Loss.MeanAbsoluteError => "AbsoluteError",
            Loss.Huber => "Huber",
            _ => loss + (plan.OutputsLogits ? "FromLogits" : string.Empty),
        };
        int channels = output.Channels;
        int stride = output.ChannelStride;
        string mean = perPosition ? (output.Positions == 1 ? "rows" : "rows x positions") : "rows x outputs";
        string scale = perPosition ? (output.Positions == 1 ? "1f" : $"1f / {output.Positions}") : "1f / OutputSize";
        string count = perPosition ? positions : "rows * OutputSize";
        string with = plan.LossIsFused ? "pre-activation (the loss is fused with its activation)"
            : plan.OutputsLogits ? "output, the logits (the loss applies the " + (plan.Spec.FusedActivation == Activation.Sigmoid ? "sigmoid" : "softmax") + " itself)"
            : "output";
        w.Line($"// {loss}, the mean over {mean}. Each row's gradient is written with respect to layer {layer.Index + 1}'s");
        w.Line($"// {with}, scaled so that summing rows and dividing by their number gives the mean's gradient.");
        if (sparse)
        {
            w.Line("// Each target is the index of a class, checked to be whole and in range before the passes ran.");
        }

        w.Open("public float LossAndGradient(ref float s, ref float targets, int rows)");
        w.Line("double total = 0;");
        w.Open($"for (int r = 0; r < {positions}; r++)");
        w.Line($"ref float y = ref Unsafe.Add(ref s, {output.Buffer} + (r * {stride}));");
        if (plan.LossIsFused)
        {
            w.Line($"ref float z = ref Unsafe.Add(ref s, {layer.PreActivation} + (r * {stride}));");
        }

        string target = sparse ? "t" : "ref t";
        w.Line(sparse ? "float t = Unsafe.Add(ref targets, r);"
            : channels == 1 ? "ref float t = ref Unsafe.Add(ref targets, r);" : $"ref float t = ref Unsafe.Add(ref targets, r * {channels});");
        w.Line($"ref float d = ref Unsafe.Add(ref s, {output.Gradient} + (r * {stride}));");
        string arguments = plan.LossIsFused ? $"ref z, ref y, {target}, ref d, {channels}, {scale}" : $"ref y, {target}, ref d, {channels}, {scale}";
        w.Line($"total += global::NetGen.Kernels.LossKernels.{kernel}({arguments});");
        if (stride != channels)
        {
            w.Line($"MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d, {channels}), {stride - channels}).Clear();");
        }

        w.Close();
        w.Line($"return (float)(total / {(count.Contains("*") ? $"((double){count})" : count)});");
        w.Close();
    }
}
