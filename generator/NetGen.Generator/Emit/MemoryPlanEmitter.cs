using NetGen.Generator.Shapes;
using static NetGen.Generator.Emit.EmitContext;

namespace NetGen.Generator.Emit;

/// <summary>Emits the public size constants and the private offsets of every buffer in the slab.</summary>
internal static class MemoryPlanEmitter
{
    public static void Emit(CodeWriter code, EmitContext context)
    {
        NetworkLayout layout = context.Layout;
        code.Line("/// <summary>The number of input features per row.</summary>");
        code.Line($"public const int InputSize = {context.Spec.InputSize};");
        code.Line();
        code.Line("/// <summary>The number of outputs per row.</summary>");
        code.Line($"public const int OutputSize = {layout.Output.Outputs};");
        code.Line();
        code.Line("/// <summary>The number of trainable parameters (weights and biases).</summary>");
        code.Line($"public const int ParameterCount = {Int(layout.ParameterCount)};");
        code.Line();
        code.Line("/// <summary>The largest number of rows one call takes.</summary>");
        code.Line($"public const int BatchSize = {context.Spec.BatchSize};");
        code.Line();
        code.Line("// Memory plan: every buffer lives in one slab of floats at a 64-byte aligned offset (in floats below).");
        code.Line("// Parameter-shaped blocks (parameters, gradients, optimizer state) hold every weight matrix, then every bias;");
        code.Line("// rows are padded to 16 floats with zeros that stay zero.");
        foreach (DenseLayout dense in layout.DenseLayers)
        {
            code.Line($"private const int {Weights(dense)} = {Int(dense.WeightOffset)}; // {WeightShape(dense, ", ")}");
        }

        foreach (DenseLayout dense in layout.DenseLayers)
        {
            code.Line($"private const int {Bias(dense)} = {Int(dense.BiasOffset)}; // [{dense.PaddedOutputs}]");
        }

        code.Line($"private const int WeightsLength = {Int(layout.WeightsLength)};");
        code.Line($"private const int BlockLength = {Int(layout.BlockLength)};");
        code.Line($"private const int Parameters = {Int(NetworkLayout.ParametersOffset)};");
        code.Line($"private const int Gradients = {Int(layout.GradientsOffset)}; // sums over the accumulated rows");
        for (int tensor = 0; tensor < layout.StateTensors; tensor++)
        {
            code.Line($"private const int State{tensor} = {Int(layout.StateOffset(tensor))}; // {StateName(context, tensor)}");
        }

        code.Line($"private const int StateTensors = {layout.StateTensors};");
        foreach (LayerLayout layer in layout.Layers)
        {
            string rows = $"[{context.Spec.BatchSize}][{layer.PaddedOutputs}]";
            code.Line($"private const int {Output(layer)} = {Int(layer.OutputOffset)}; // {rows}");
            if (layer is DenseLayout dense)
            {
                if (dense.StoresPreActivation)
                {
                    code.Line($"private const int {PreActivation(dense)} = {Int(dense.PreActivationOffset)}; // {rows}");
                }

                code.Line($"private const int {OutputGradient(dense)} = {Int(dense.GradientOffset)}; // {rows}, the gradient with respect to the pre-activation");
            }
            else if (layer is DropoutLayout dropout)
            {
                code.Line($"private const int {Mask(dropout)} = {Int(dropout.MaskOffset)}; // {rows}");
            }
        }

        code.Line($"private const int InputCopy = {Int(layout.InputCopyOffset)}; // [{context.Spec.BatchSize}][{context.Spec.InputSize}], the input rows when the training passes run on several threads");
        code.Line($"private const int SlabLength = {Int(layout.SlabLength)};");
    }

    public static string StateName(EmitContext context, int tensor) => context.Spec.Optimizer switch
    {
        Model.OptimizerKind.Momentum or Model.OptimizerKind.Nesterov => "momentum buffer",
        Model.OptimizerKind.AdaGrad => "sum of squared gradients",
        Model.OptimizerKind.RMSProp => "mean of squared gradients",
        _ => tensor == 0 ? "first moment" : "second moment",
    };
}
