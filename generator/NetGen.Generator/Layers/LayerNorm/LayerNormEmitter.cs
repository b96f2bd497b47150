using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.LayerNorm;

/// <summary>
/// Emits a LayerNorm layer: one kernel per pass (the normalisation with its affine map and activation, the input gradient,
/// the weight's and bias's gradients), the activation's derivative between them, and its parameters' conversions.
/// </summary>
internal sealed class LayerNormEmitter : LayerEmitter
{
    public static LayerNormEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        return $"new global::NetGen.LayerNormLayerInfo(new global::NetGen.TensorShape({ln.Input.Shape.ToList()}), global::NetGen.Activation.{ln.Activation}, {Float(ln.Epsilon)}, {Int(ln.CanonicalOffset)})";
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        string x = w.ForwardInput(ln);
        if (ln.PaddedInput is not null)
        {
            ChannelRows.EmitCopy(w, ln.Input, x, ln.PaddedInput);
            x = Rows(ln.PaddedInput, ln.Output.RowStride);
        }

        var arguments = new List<string> { x, At(ln.Affine), FirstRow(ln.Output), Rows(ln.Normalized, ln.Output.RowStride), Rows(ln.InverseDeviation, ln.Positions) };
        if (ln.PreActivationBuffer is not null)
        {
            arguments.Add(Rows(ln.PreActivationBuffer, ln.Output.RowStride));
        }

        arguments.Add(Count(ln));
        w.Line($"{ln.Name}Normalize({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, ln.Output, ln.Activation);
    }

    /// <summary>One step normalises one position: its output depends on that position's input only.</summary>
    public override void Step(PassWriter w, LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        string x = StepInput(ln);
        if (ln.PaddedInput is not null)
        {
            ChannelRows.EmitStepCopy(w, ln.Input, x, ln.PaddedInput);
            x = At(ln.PaddedInput);
        }

        var arguments = new List<string> { x, At(ln.Affine), StepOutput(ln), At(ln.Normalized), At(ln.InverseDeviation) };
        if (ln.PreActivationBuffer is not null)
        {
            arguments.Add(At(ln.PreActivationBuffer));
        }

        arguments.Add("1");
        w.Line($"{ln.Name}Normalize({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, ln, ln.Activation, "0", "1", StepOutput(ln), "1");
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        ActivationPasses.Backward(w, ln, ln.Activation);
        if (ln.Input.Gradient is not null)
        {
            w.Line($"{ln.Name}InputGradient({FirstGradientRow(ln.Output)}, {At(ln.Affine)}, {Rows(ln.Normalized, ln.Output.RowStride)}, {Rows(ln.InverseDeviation, ln.Positions)}, {FirstGradientRow(ln.Input)}, {Count(ln)});");
        }
    }

    public override void GradientBound(PassWriter w, LayerPlan layer)
    {
        // Each gradient is a sum over rows and positions of a normalised value times an output gradient, or of the latter alone.
        var ln = (LayerNormPlan)layer;
        int row = ln.Output.RowStride;
        w.Line($"bound = Math.Max(bound, global::NetGen.Kernels.Reductions.ProductBound({At(ln.Normalized)}, rows * {row}, {At(ln.Output.Gradient!)}, rows * {row}, {Count(ln)}));");
    }

    public override void BackwardWeights(PassWriter w, LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        w.Open("if (part == 0)");
        w.Line($"{ln.Name}AffineGradient({At(ln.Output.Gradient!)}, {At(ln.Normalized)}, {At(ln.Affine)}, {Count(ln)}, mode, in c);");
        w.Close();
    }

    public override void ToCanonical(PassWriter w, LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        Normalization.EmitPairToCanonical(w, ln.Input, "block", ln.Affine, ln.CanonicalOffset, " * scale");
    }

    public override void FromCanonical(PassWriter w, LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        Normalization.EmitPairFromCanonical(w, ln.Input, "block", ln.Affine, ln.CanonicalOffset);
    }

    public override void Initialize(PassWriter w, LayerPlan layer)
    {
        // The weight starts at one, the bias at zero.
        var ln = (LayerNormPlan)layer;
        Normalization.EmitOnes(w, ln.Channels, ln.Affine);
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var ln = (LayerNormPlan)layer;
        int p = ln.PaddedChannels;
        string shape = $"{ln.Channels} channels";
        string activation = ln.Activation == Vocabulary.Activation.None ? string.Empty : ln.Activation.ToString();
        yield return new PositionNormalizeKernel(ln.Name + "Normalize", $"{ln.Describe()}: y = {activation}((x - mean) / sqrt(variance + epsilon) * weight + bias)", ln.Channels, p, ln.Epsilon, ActivatedOutput.InKernel(ln.Activation), ln.PreActivationBuffer is not null);
        if (ln.Input.Gradient is not null)
        {
            yield return new PositionNormalizeBackwardKernel(ln.Name + "InputGradient", $"Layer {ln.Index + 1} ({shape}): dx = (h - mean(h) - n * mean(h * n)) / sqrt(variance + epsilon), h = g * weight", ln.Channels, p);
        }

        yield return new AffineGradientKernel(ln.Name + "AffineGradient", $"Layer {ln.Index + 1} ({shape}): dweight[c] += sum over rows of g[r][c] n[r][c], dbias[c] += sum over rows of g[r][c]", p);
    }

    /// <summary>The positions the kernels see: every position of every row.</summary>
    private static string Count(LayerNormPlan ln) => ActivatedOutput.Scaled("rows", ln.Positions);
}
