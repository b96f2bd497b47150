using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// Emits a convolution: the padded copy of its input (Same, Causal), one kernel call per pass (the forward pass with its bias and
/// activation fused, the input gradient, the weight and bias gradients), the activation's derivative between them, the kernel
/// transposed before the backward pass, and the conversions of its kernel between the internal <c>[taps][C][filters]</c> and
/// PyTorch's <c>[filters][C][kh][kw]</c>.
/// </summary>
internal sealed class ConvolutionEmitter : LayerEmitter
{
    public static ConvolutionEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        ConvolutionSpec spec = conv.Spec;
        return $"new global::NetGen.ConvolutionLayerInfo(new global::NetGen.TensorShape({conv.Input.Shape.ToList()}), {spec.Filters}, {spec.KernelSize}, global::NetGen.Activation.{spec.Activation}, {spec.Stride}, {spec.Dilation}, global::NetGen.Padding.{spec.Padding}, {Int(conv.CanonicalOffset)})";
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        string source = w.ForwardInput(conv);
        if (conv.PaddedInput is not null)
        {
            CopyInterior(w, conv, source, conv.PaddedInput, intoPadded: true);
            source = Rows(conv.PaddedInput, conv.SourceRowStride);
        }

        ChannelFold? fold = w.Network.FoldInto(conv.Index);
        if (fold is not null || conv.InferencePool is not null)
        {
            w.Open("if (training)");
        }

        var arguments = new List<string> { source, At(conv.Weights), At(conv.Bias), FirstRow(conv.Output) };
        if (conv.PreActivationBuffer is not null)
        {
            arguments.Add(Rows(conv.PreActivationBuffer, conv.Output.RowStride));
        }

        arguments.Add("rows");
        w.Line($"{conv.Name}Forward({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, conv, conv.Activation);
        if (conv.InferencePool is { } pool)
        {
            w.Close();
            w.Open("else");
            if (fold is null)
            {
                w.Line($"// inference calls: with layer {pool.Index + 1}'s pool, into its output");
                w.Line($"{conv.Name}ForwardPooled({source}, {At(conv.Weights)}, {At(conv.Bias)}, {FirstRow(conv.Output)}, {FirstRow(pool.Output)}, rows);");
            }
            else
            {
                w.Line($"// inference calls: with layer {conv.Index + 2} folded in and layer {pool.Index + 1}'s pool, into the pool's output");
                w.Line($"{conv.Name}ForwardFoldedPooled({source}, {At(fold.FoldedWeights)}, {At(fold.FoldedBias)}, {FirstRow(fold.Output)}, {FirstRow(pool.Output)}, rows);");
            }

            w.Close();
        }
        else if (fold is not null)
        {
            ElseFolded(w, conv, fold, source, "rows");
        }
    }

    /// <summary>Each row of the kernel (a tap and an input channel) times the scale of each filter; the bias as every folded layer's.</summary>
    public override void FoldChannelAffine(PassWriter w, LayerPlan layer, ChannelFold fold)
    {
        var conv = (ConvolutionPlan)layer;
        w.Open($"for (int k = 0; k < {conv.KernelRows}; k++)");
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.Multiply(ref Unsafe.Add(ref s, {conv.Weights} + (k * {conv.PaddedFilters})), ref Unsafe.Add(ref s, {fold.Scale}), ref Unsafe.Add(ref s, {fold.FoldedWeights} + (k * {conv.PaddedFilters})), {conv.Filters});");
        w.Close();
        FoldBias(w, conv.Bias, conv.Filters, fold);
    }

    public override IEnumerable<IKernel> FoldedKernels(LayerPlan layer, ChannelFold fold)
    {
        var conv = (ConvolutionPlan)layer;
        yield return new ConvolutionForwardKernel(conv, conv.Name + "ForwardFolded", $"Layer {conv.Index + 1} with layer {conv.Index + 2} folded in, for inference calls", fold.Activation, StorePreActivation: false);
        if (conv.InferencePool is { } pool)
        {
            yield return new ConvolutionPooledForwardKernel(conv, pool, conv.Name + "ForwardFoldedPooled", conv.Name + "ForwardFolded", fold.Activation);
        }
    }

    public override void Step(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        string history = conv.History is null ? string.Empty : At(conv.History) + ", ";
        w.Line($"{conv.Name}Step({StepInput(conv)}, {history}{At(conv.Weights)}, {At(conv.Bias)}, {StepOutput(conv)});");
        ActivationPasses.AfterForward(w, conv, conv.Activation, "0", "1", StepOutput(conv), "1");
    }

    public override void PrepareBackward(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        if (conv.TransposedWeights is null)
        {
            return;
        }

        int taps = conv.Geometry.Taps;
        int channels = conv.Channels;
        int filters = conv.Filters;
        w.Line($"// the kernel transposed, [{taps} taps][{filters}][{MemoryPlan.Pad(channels)}], for the input gradient");
        w.Open($"for (int t = 0; t < {taps}; t++)");
        w.Open($"for (int c = 0; c < {channels}; c++)");
        w.Open($"for (int f = 0; f < {filters}; f++)");
        w.Line($"Unsafe.Add(ref s, {conv.TransposedWeights} + (((t * {filters}) + f) * {MemoryPlan.Pad(channels)}) + c) = Unsafe.Add(ref s, {conv.Weights} + (((t * {channels}) + c) * {conv.PaddedFilters}) + f);");
        w.Close();
        w.Close();
        w.Close();
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        if (conv.ReLUBackwardInNextPool)
        {
            w.Line($"// through layer {conv.Index + 1}'s ReLU: applied by the max pool after it");
        }
        else
        {
            ActivationPasses.Backward(w, conv, conv.Activation);
        }

        if (!conv.NeedsInputGradient)
        {
            return;
        }

        if (conv.PaddedGradient is null)
        {
            w.Line($"{conv.Name}InputGradient({FirstGradientRow(conv.Output)}, {InputGradientWeights(conv)}, {FirstGradientRow(conv.Input)}, rows);");
            return;
        }

        w.Line($"{conv.Name}InputGradient({FirstGradientRow(conv.Output)}, {InputGradientWeights(conv)}, {Rows(conv.PaddedGradient, conv.SourceRowStride)}, rows);");
        CopyInterior(w, conv, FirstGradientRow(conv.Input), conv.PaddedGradient, intoPadded: false);
    }

    public override void GradientBound(PassWriter w, LayerPlan layer)
    {
        // Each weight gradient is a sum over rows and output positions of products of an input and an output gradient.
        var conv = (ConvolutionPlan)layer;
        w.Line($"bound = Math.Max(bound, global::NetGen.Kernels.Reductions.ProductBound({SourceRows(conv)}, rows * {conv.SourceRowStride}, {At(conv.Gradient)}, rows * {conv.Output.RowStride}, {Positions(conv)}));");
    }

    public override void BackwardWeights(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        w.Open("if (part == 0)");
        w.Line($"{conv.Name}BiasGradient({At(conv.Gradient)}, {At(conv.Bias)}, {Positions(conv)}, mode, in c);");
        w.Close();
        w.Line($"{conv.Name}WeightGradient({SourceRows(conv)}, {At(conv.Gradient)}, {At(conv.Weights)}, rows, part, parts, mode, in c);");
    }

    public override void ToCanonical(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        KernelLoops(w, conv, (canonical, offset) => $"destination[{canonical}] = Unsafe.Add(ref block, {offset}) * scale;");
        w.Open($"for (int f = 0; f < {conv.Filters}; f++)");
        w.Line($"destination[{Int(conv.CanonicalBiasOffset)} + f] = Unsafe.Add(ref block, {conv.Bias} + f) * scale;");
        w.Close();
    }

    public override void FromCanonical(PassWriter w, LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        KernelLoops(w, conv, (canonical, offset) => $"Unsafe.Add(ref block, {offset}) = source[{canonical}];");
        w.Open($"for (int f = 0; f < {conv.Filters}; f++)");
        w.Line($"Unsafe.Add(ref block, {conv.Bias} + f) = source[{Int(conv.CanonicalBiasOffset)} + f];");
        w.Close();
    }

    public override void Initialize(PassWriter w, LayerPlan layer)
    {
        // Like Dense with in = C * taps and out = filters * taps: He-uniform for the ReLU family, Glorot-uniform otherwise; the bias stays zero.
        var conv = (ConvolutionPlan)layer;
        bool he = conv.Activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU or Activation.GELU;
        int taps = conv.Geometry.Taps;
        double fanIn = (double)conv.Channels * taps;
        double fanOut = (double)conv.Filters * taps;
        double limit = he ? Math.Sqrt(6.0 / fanIn) : Math.Sqrt(6.0 / (fanIn + fanOut));
        w.Line(he ? $"// He-uniform, sqrt(6 / {fanIn})" : $"// Glorot-uniform, sqrt(6 / ({fanIn} + {fanOut}))");
        KernelLoops(w, conv, (_, offset) => $"Unsafe.Add(ref s, {offset}) = random.NextSymmetric({Float((float)limit)});");
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var conv = (ConvolutionPlan)layer;
        yield return ConvolutionForwardKernel.Of(conv, conv.Name + "Forward");
        if (conv.InferencePool is { } pool && !conv.InferencePoolAfterFold)
        {
            yield return new ConvolutionPooledForwardKernel(conv, pool, conv.Name + "ForwardPooled", conv.Name + "Forward", conv.Activation);
        }

        yield return new ConvolutionWeightGradientKernel(conv, conv.Name + "WeightGradient");
        yield return new BiasGradientKernel(conv.Name + "BiasGradient", $"Layer {conv.Index + 1} ({conv.Declaration}): db[f] += sum over rows and output positions of dz[position][f]", conv.PaddedFilters);
        if (conv.NeedsInputGradient)
        {
            yield return conv.GathersInputGradient
                ? new ConvolutionInputGradientGatherKernel(conv, conv.Name + "InputGradient")
                : new ConvolutionInputGradientKernel(conv, conv.Name + "InputGradient");
        }

        if (conv.Streams)
        {
            yield return new ConvolutionStepKernel(conv, conv.Name + "Step");
        }
    }

    /// <summary>Loops over the kernel in PyTorch's order, <c>[filters][C][kh][kw]</c> (<c>[filters][C][k]</c> in 1-D), with the internal
    /// offset of each weight, <c>[taps][C][paddedFilters]</c>.</summary>
    private static void KernelLoops(PassWriter w, ConvolutionPlan conv, Func<string, string, string> statement)
    {
        WindowGeometry g = conv.Geometry;
        int channels = conv.Channels;
        int taps = g.Taps;
        w.Open($"for (int f = 0; f < {conv.Filters}; f++)");
        w.Open($"for (int c = 0; c < {channels}; c++)");
        w.Open($"for (int t = 0; t < {taps}; t++)");
        string canonical = $"(((f * {channels}) + c) * {taps}) + t";
        w.Line(statement(conv.CanonicalOffset == 0 ? canonical : $"{Int(conv.CanonicalOffset)} + {canonical}", $"{conv.Weights} + (((t * {channels}) + c) * {conv.PaddedFilters}) + f"));
        w.Close();
        w.Close();
        w.Close();
    }

    /// <summary>Copies each row's input between the input's rows and the interior of the padded rows, a line of the input at a time.</summary>
    private static void CopyInterior(PassWriter w, ConvolutionPlan conv, string input, string padded, bool intoPadded)
    {
        WindowGeometry g = conv.Geometry;
        int line = g.InWidth * conv.ChannelStride;
        int paddedLine = g.PaddedWidth * conv.ChannelStride;
        long interior = (((long)g.PadTop * g.PaddedWidth) + g.PadLeft) * conv.ChannelStride;
        w.Open(intoPadded ? "// the input inside its border of zeros" : "// the gradient with respect to the input, without the border");
        w.Line($"ref float unpadded = {input};");
        w.Line($"ref float padded = ref Unsafe.Add(ref s, {padded} + {Int(interior)} + (first * {conv.SourceRowStride}));");
        w.Open("for (int r = 0; r < rows; r++)");
        string unpaddedRow = $"ref Unsafe.Add(ref unpadded, r * {conv.Input.RowStride}), {line}";
        string paddedRow = $"ref Unsafe.Add(ref padded, r * {conv.SourceRowStride}), {paddedLine}";
        w.Line(intoPadded
            ? $"global::NetGen.Kernels.ElementwiseKernels.CopyRows({unpaddedRow}, {paddedRow}, {g.InHeight}, {line});"
            : $"global::NetGen.Kernels.ElementwiseKernels.CopyRows({paddedRow}, {unpaddedRow}, {g.InHeight}, {line});");
        w.Close();
        w.Close();
    }

    /// <summary>Row 0 of what the kernel reads in the passes over all rows: the padded copy, or the input's training rows.</summary>
    /// <summary>The kernel the input gradient reads: the layer's own when it is gathered, the transposed copy when it is scattered.</summary>
    private static string InputGradientWeights(ConvolutionPlan conv) => At(conv.GathersInputGradient ? conv.Weights : conv.TransposedWeights!);

    private static string SourceRows(ConvolutionPlan conv) => conv.PaddedInput is null ? AllRows(conv.Input) : At(conv.PaddedInput);

    /// <summary>The output positions of all the rows: the rows the bias gradient sums.</summary>
    private static string Positions(ConvolutionPlan conv) => ActivationPasses.PositionCount(conv.Output);
}
