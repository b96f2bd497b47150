using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.BatchNorm;

/// <summary>
/// Emits a BatchNorm layer. Training calls: its statistics over every row between two stages of the forward pass, the
/// normalisation of each part's rows, the reductions of the gradient over every row between two stages of the backward data
/// pass, then each part's input gradient; the running statistics updated after the call. Inference calls: the normalisation
/// with the running statistics, or nothing at all when it is folded into the Dense layer or convolution before it.
/// </summary>
internal sealed class BatchNormEmitter : LayerEmitter
{
    public static BatchNormEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        return $"new global::NetGen.BatchNormLayerInfo(new global::NetGen.TensorShape({bn.Input.Shape.ToList()}), global::NetGen.Activation.{bn.Activation}, {Float(bn.Momentum)}, {Float(bn.Epsilon)}, {Int(bn.CanonicalOffset)}, {Int(bn.StateOffset)})";
    }

    public override void Statistics(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        if (bn.PaddedInput is not null)
        {
            ChannelRows.EmitCopy(w, bn.Input, FirstRow(bn.Input), bn.PaddedInput);
        }

        w.Line($"{bn.Name}BatchStatistics({Samples(bn)}, {At(bn.Affine)}, {At(bn.Statistics)}, {Count(bn)});");
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        string x;
        if (bn.PaddedInput is not null)
        {
            // In training calls the statistics made the copy.
            w.Open("if (!training)");
            ChannelRows.EmitCopy(w, bn.Input, FirstRow(bn.Input), bn.PaddedInput);
            w.Close();
            x = Samples(bn);
        }
        else
        {
            x = w.ForwardInput(bn);
        }

        string beta = At($"{bn.Affine} + {bn.PaddedChannels}");
        string mean = At(bn.Statistics);
        string scale = At($"{bn.Statistics} + {3 * bn.PaddedChannels}");
        if (bn.FoldPlan is { } fold)
        {
            w.Line($"// inference calls: layer {fold.Target.Index + 1} computed this layer's output, with it folded into its weights");
            w.Open("if (training)");
        }
        else
        {
            mean = $"ref training ? {mean} : {At(bn.Running)}";
            scale = $"ref training ? {scale} : {At(bn.InferenceScale)}";
        }

        var arguments = new List<string> { x, mean, scale, beta, FirstRow(bn.Output) };
        if (bn.PreActivationBuffer is not null)
        {
            arguments.Add(Rows(bn.PreActivationBuffer, bn.Output.RowStride));
        }

        arguments.Add(Count(bn));
        w.Line($"{bn.Name}Normalize({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, bn.Output, bn.Activation);
        if (bn.FoldPlan is not null)
        {
            w.Close();
        }
    }

    public override void BackwardStatistics(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        ActivationPasses.Backward(w, bn, bn.Activation);
        w.Line($"{bn.Name}GradientStatistics({FirstGradientRow(bn.Output)}, {Samples(bn)}, {At(bn.Statistics)}, {At(bn.Sums)}, {At(bn.Coefficients)}, {Count(bn)});");
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        if (bn.Input.Gradient is not null)
        {
            w.Line($"{bn.Name}InputGradient({FirstGradientRow(bn.Output)}, {Samples(bn)}, {At(bn.Statistics)}, {At(bn.Coefficients)}, {FirstGradientRow(bn.Input)}, {Count(bn)});");
        }
    }

    public override void GradientBound(PassWriter w, LayerPlan layer)
    {
        // The gradients are the sums the backward data pass computed.
        var bn = (BatchNormPlan)layer;
        w.Line($"bound = Math.Max(bound, global::NetGen.Kernels.Reductions.MaxAbs({At(bn.Sums)}, {2 * bn.PaddedChannels}));");
    }

    public override void BackwardWeights(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        w.Open("if (part == 0)");
        w.Line($"{bn.Name}AffineGradient({At(bn.Sums)}, {At(bn.Affine)}, 1, mode, in c);");
        w.Close();
    }

    public override void CommitStatistics(PassWriter w, LayerPlan layer)
    {
        // PyTorch's update, with the unbiased variance of the call's rows and positions.
        var bn = (BatchNormPlan)layer;
        int p = bn.PaddedChannels;
        w.Line($"float {Local(bn, "Unbiasing")} = (float){Count(bn)} / ({Count(bn)} - 1);");
        w.Open($"for (int c = 0; c < {bn.Channels}; c++)");
        w.Line($"ref float mean = ref Unsafe.Add(ref s, {bn.Running} + c);");
        w.Line($"ref float variance = ref Unsafe.Add(ref s, {bn.Running} + {p} + c);");
        w.Line($"mean = ({Float(1f - bn.Momentum)} * mean) + ({Float(bn.Momentum)} * Unsafe.Add(ref s, {bn.Statistics} + c));");
        w.Line($"variance = ({Float(1f - bn.Momentum)} * variance) + ({Float(bn.Momentum)} * Unsafe.Add(ref s, {bn.Statistics} + {p} + c) * {Local(bn, "Unbiasing")});");
        w.Close();
    }

    public override void PrepareInference(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        w.Open($"for (int c = 0; c < {bn.Channels}; c++)");
        w.Line($"Unsafe.Add(ref s, {bn.InferenceScale} + c) = Unsafe.Add(ref s, {bn.Affine} + c) / MathF.Sqrt(Unsafe.Add(ref s, {bn.Running} + {bn.PaddedChannels} + c) + {Float(bn.Epsilon)});");
        w.Close();
        if (bn.FoldPlan is { } fold)
        {
            w.Line($"// folded into layer {fold.Target.Index + 1}: its weights times the scale, its bias (b - running mean) * scale + bias");
            fold.Target.Emitter.FoldChannelAffine(w, fold.Target, fold);
        }
    }

    public override void ToCanonical(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        Normalization.EmitPairToCanonical(w, bn.Input, "block", bn.Affine, bn.CanonicalOffset, " * scale");
    }

    public override void FromCanonical(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        Normalization.EmitPairFromCanonical(w, bn.Input, "block", bn.Affine, bn.CanonicalOffset);
    }

    public override void StateToCanonical(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        Normalization.EmitPairToCanonical(w, bn.Input, "s", bn.Running, bn.StateOffset, string.Empty);
    }

    public override void StateFromCanonical(PassWriter w, LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        Normalization.EmitPairFromCanonical(w, bn.Input, "s", bn.Running, bn.StateOffset);
    }

    public override void Initialize(PassWriter w, LayerPlan layer)
    {
        // The weight and the running variance start at one; the bias and the running mean at zero.
        var bn = (BatchNormPlan)layer;
        Normalization.EmitOnes(w, bn.Channels, bn.Affine, $"{bn.Running} + {bn.PaddedChannels}");
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var bn = (BatchNormPlan)layer;
        string shape = bn.Positions == 1 ? $"{bn.Channels} channels" : $"{bn.Channels} channels at {bn.Positions} positions";
        int p = bn.PaddedChannels;
        yield return new ChannelStatisticsKernel(bn.Name + "BatchStatistics", $"Layer {bn.Index + 1} ({shape}): the mean and variance of each channel over the rows of a training call", bn.Channels, p, bn.Epsilon);
        yield return new ChannelAffineKernel(bn.Name + "Normalize", $"{bn.Describe()}: y = {(bn.Activation == Vocabulary.Activation.None ? string.Empty : bn.Activation.ToString())}((x - mean) * scale + bias)", bn.Channels, p, ActivatedOutput.InKernel(bn.Activation), bn.PreActivationBuffer is not null);
        yield return new ChannelGradientStatisticsKernel(bn.Name + "GradientStatistics", $"Layer {bn.Index + 1} ({shape}): sums of g and g * xhat over the rows of a training call, and the input gradient's coefficients", bn.Channels, p);
        if (bn.Input.Gradient is not null)
        {
            yield return new ChannelInputGradientKernel(bn.Name + "InputGradient", $"Layer {bn.Index + 1} ({shape}): dx = scale * g + k2 * (x - mean) + k3", bn.Channels, p);
        }

        yield return new BiasGradientKernel(bn.Name + "AffineGradient", $"Layer {bn.Index + 1} ({shape}): the weight's and the bias's gradients, summed in the backward data pass", 2 * p);
        if (bn.FoldPlan is { } fold)
        {
            foreach (IKernel kernel in fold.Target.Emitter.FoldedKernels(fold.Target, fold))
            {
                yield return kernel;
            }
        }
    }

    /// <summary>The rows the kernels read: the padded copy, or the input's own rows, from row <c>first</c>.</summary>
    private static string Samples(BatchNormPlan bn) => bn.PaddedInput is null ? FirstRow(bn.Input) : Rows(bn.PaddedInput, bn.Output.RowStride);

    /// <summary>The positions the kernels see: every position of every row.</summary>
    private static string Count(BatchNormPlan bn) => ActivatedOutput.Scaled("rows", bn.Positions);

    private static string Local(BatchNormPlan bn, string name) => "layer" + (bn.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + name;

}
