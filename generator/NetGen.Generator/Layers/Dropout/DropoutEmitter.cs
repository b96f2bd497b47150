using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Dropout;

/// <summary>Emits a Dropout layer: its mask drawn for each training call, applied to the rows and, in place, to their gradient.</summary>
internal sealed class DropoutEmitter : LayerEmitter
{
    public static DropoutEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var dropout = (DropoutPlan)layer;
        return $"new global::NetGen.DropoutLayerInfo(new global::NetGen.TensorShape({dropout.Input.Shape.ToList()}), {Float(dropout.Rate)})";
    }

    public override void SampleMasks(PassWriter w, LayerPlan layer)
    {
        var dropout = (DropoutPlan)layer;
        w.Line($"global::NetGen.Kernels.DropoutKernels.SampleMask({At(dropout.Mask)}, rows * {dropout.Output.RowStride}, {Float(dropout.Rate)}, ref random);");
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var dropout = (DropoutPlan)layer;
        TensorPlan output = dropout.Output;
        string mask = Rows(dropout.Mask, output.RowStride);
        if (dropout.Input.IsNetworkInput)
        {
            // The caller's rows are not padded; the layers after read this layer's padded rows in inference calls too.
            int width = (int)dropout.Input.Shape.Size;
            w.Open("if (training)");
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.MultiplyRows(ref input, {width}, {mask}, {FirstRow(output)}, {output.RowStride}, rows, {width});");
            w.Close();
            w.Open("else");
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows(ref input, {width}, {FirstRow(output)}, {output.RowStride}, rows, {width});");
            w.Close();
            return;
        }

        w.Open("if (training)");
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.Multiply({FirstRow(dropout.Input)}, {mask}, {FirstRow(output)}, rows * {output.RowStride});");
        w.Close();
    }

    public override void Step(PassWriter w, LayerPlan layer)
    {
        // The identity: the layers after read its input, except that the caller's step is copied into the padded rows they read.
        var dropout = (DropoutPlan)layer;
        if (dropout.Input.IsNetworkInput)
        {
            int width = dropout.Input.Channels;
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows(ref input, {width}, {StepOutput(dropout)}, {width}, 1, {width});");
        }
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var dropout = (DropoutPlan)layer;
        if (dropout.Output.Gradient is null)
        {
            return;
        }

        w.Line("// the gradient passes where the mask kept the input, scaled as it was");
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.Multiply({FirstGradientRow(dropout.Output)}, {Rows(dropout.Mask, dropout.Output.RowStride)}, {FirstGradientRow(dropout.Output)}, rows * {dropout.Output.RowStride});");
    }
}
