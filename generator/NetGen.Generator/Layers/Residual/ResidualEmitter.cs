using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Residual;

/// <summary>
/// Emits a Residual layer: the sum and its activation in one kernel; backward, the gradient through the activation, handed to
/// the block and, once the block's first layer has written the gradient of the tensor it received, added to it.
/// </summary>
internal sealed class ResidualEmitter : LayerEmitter
{
    public static ResidualEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var residual = (ResidualPlan)layer;
        return $"new global::NetGen.ResidualLayerInfo(new global::NetGen.TensorShape({residual.Input.Shape.ToList()}), {residual.Reach}, global::NetGen.Activation.{residual.Activation})";
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var residual = (ResidualPlan)layer;
        string a = w.ForwardInput(residual);
        if (residual.PaddedInput is not null)
        {
            ChannelRows.EmitCopy(w, residual.Input, a, residual.PaddedInput);
            a = Rows(residual.PaddedInput, residual.Output.RowStride);
        }

        string b = w.ForwardRows(residual.Skip, "layer" + (residual.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "Skip");
        if (residual.PaddedSkip is not null)
        {
            ChannelRows.EmitCopy(w, residual.Skip, b, residual.PaddedSkip);
            b = Rows(residual.PaddedSkip, residual.Output.RowStride);
        }

        var arguments = new List<string> { a, b, FirstRow(residual.Output) };
        if (residual.PreActivationBuffer is not null)
        {
            arguments.Add(Rows(residual.PreActivationBuffer, residual.Output.RowStride));
        }

        arguments.Add(ActivatedOutput.Scaled("rows", residual.Output.Positions));
        w.Line($"{residual.Name}Sum({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, residual.Output, residual.Activation);
    }

    /// <summary>One step adds the two tensors at their first position, where the layers before it wrote this step.</summary>
    public override void Step(PassWriter w, LayerPlan layer)
    {
        var residual = (ResidualPlan)layer;
        string a = StepInput(residual);
        if (residual.PaddedInput is not null)
        {
            ChannelRows.EmitStepCopy(w, residual.Input, a, residual.PaddedInput);
            a = At(residual.PaddedInput);
        }

        string b = residual.Skip.InferenceBuffer is null ? "ref input" : At(residual.Skip.InferenceBuffer);
        if (residual.PaddedSkip is not null)
        {
            ChannelRows.EmitStepCopy(w, residual.Skip, b, residual.PaddedSkip);
            b = At(residual.PaddedSkip);
        }

        var arguments = new List<string> { a, b, StepOutput(residual) };
        if (residual.PreActivationBuffer is not null)
        {
            arguments.Add(At(residual.PreActivationBuffer));
        }

        arguments.Add("1");
        w.Line($"{residual.Name}Sum({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, residual, residual.Activation, "0", "1", StepOutput(residual), "1");
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var residual = (ResidualPlan)layer;
        if (residual.Output.Gradient is null)
        {
            return;
        }

        ActivationPasses.Backward(w, residual, residual.Activation);
        if (residual.Input.Gradient is not null)
        {
            int row = residual.Output.RowStride;
            w.Line("// the same gradient to the block, and later to its input (after the block's first layer)");
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows({FirstGradientRow(residual.Output)}, {row}, {FirstGradientRow(residual.Input)}, {row}, rows, {row});");
        }
    }

    public override void AfterBackwardData(PassWriter w, LayerPlan layer, LayerPlan reached)
    {
        var residual = (ResidualPlan)layer;
        if (reached.Index != residual.SkipLayer || residual.Skip.Gradient is null || residual.Output.Gradient is null)
        {
            return;
        }

        // Slab tensors with a gradient are padded like the output, so the gradients have the same layout.
        w.Line($"// layer {residual.Index + 1}'s skip connection: its gradient added to that of the tensor layer {reached.Index + 1} received");
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.Add({FirstGradientRow(residual.Skip)}, {FirstGradientRow(residual.Output)}, {FirstGradientRow(residual.Skip)}, rows * {residual.Output.RowStride});");
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var residual = (ResidualPlan)layer;
        string activation = residual.Activation == Vocabulary.Activation.None ? "x + t" : $"{residual.Activation}(x + t)";
        yield return new SumKernel(residual.Name + "Sum", $"{residual.Describe()}: y = {activation}", residual.Output.ChannelStride, ActivatedOutput.InKernel(residual.Activation), residual.PreActivationBuffer is not null);
    }
}
