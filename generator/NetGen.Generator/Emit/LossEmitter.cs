using NetGen.Generator.Model;
using NetGen.Generator.Shapes;
using static NetGen.Generator.Emit.EmitContext;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the loss over a batch: the mean loss of the rows, and the gradient of each row's loss with
/// respect to the output layer's pre-activation (fused cross-entropies) or output (the others),
/// written to the output layer's gradient rows with their padding cleared.
/// </summary>
internal static class LossEmitter
{
    public static void Emit(CodeWriter code, EmitContext context)
    {
        DenseLayout output = context.Layout.Output;
        LossKind loss = context.Spec.Loss;
        bool fused = loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
        bool perRow = loss == LossKind.CategoricalCrossEntropy;
        string kernel = loss switch
        {
            LossKind.MeanSquaredError => "SquaredError",
            LossKind.MeanAbsoluteError => "AbsoluteError",
            LossKind.Huber => "Huber",
            LossKind.BinaryCrossEntropy => "BinaryCrossEntropy",
            _ => "CategoricalCrossEntropy",
        };
        int width = output.PaddedOutputs;
        code.Line($"// {loss}, mean over {(perRow ? "rows" : "rows x outputs")}. Each row's gradient is written with respect to layer {output.Index + 1}'s");
        code.Line($"// {(fused ? "pre-activation (the loss is fused with its activation)" : "output")}, scaled so that summing rows and dividing by their number gives the mean's gradient.");
        code.Open("private static float LossAndGradient(ref float s, ref float targets, int rows)");
        code.Line("double total = 0;");
        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float y = ref Unsafe.Add(ref s, {Output(output)} + (r * {width}));");
        if (fused)
        {
            code.Line($"ref float z = ref Unsafe.Add(ref s, {PreActivation(output)} + (r * {width}));");
        }

        code.Line("ref float t = ref Unsafe.Add(ref targets, r * OutputSize);");
        code.Line($"ref float d = ref Unsafe.Add(ref s, {OutputGradient(output)} + (r * {width}));");
        string scale = perRow ? "1f" : "1f / OutputSize";
        string arguments = fused ? $"ref z, ref y, ref t, ref d, OutputSize, {scale}" : $"ref y, ref t, ref d, OutputSize, {scale}";
        code.Line($"total += global::NetGen.Kernels.LossKernels.{kernel}({arguments});");
        if (width != output.Outputs)
        {
            code.Line($"MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d, OutputSize), {width - output.Outputs}).Clear();");
        }

        code.Close();
        code.Line(perRow ? "return (float)(total / rows);" : "return (float)(total / ((double)rows * OutputSize));");
        code.Close();
    }
}
