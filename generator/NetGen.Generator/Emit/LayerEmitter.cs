using System;
using System.Collections.Generic;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Layers;

namespace NetGen.Generator.Emit;

/// <summary>
/// What one layer kind writes into each part of a network's generated code, in the order the parts appear:
/// its entry in the runtime's architecture, the dropout masks it draws, its part of the forward pass, of the
/// backward data pass, of the gradient bound and of the weight pass, its parameters' conversions to and from
/// PyTorch's order and their initialisation, and its kernels (emitted once per instruction set). A kind
/// overrides what it takes part in; the rest writes nothing.
/// </summary>
internal abstract class LayerEmitter
{
    /// <summary>The runtime's description of the layer, as a C# expression: <c>new global::NetGen.DenseLayerInfo(...)</c>.</summary>
    public abstract string Architecture(LayerPlan layer);

    /// <summary>Draws the layer's random masks for a training call over <c>rows</c> rows (<c>SampleMasks</c>).</summary>
    public virtual void SampleMasks(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>Forward</c>, over <c>rows</c> rows from row <c>first</c>.</summary>
    public virtual void Forward(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>PrepareBackward</c>: what its backward data pass reads besides the rows, derived from its
    /// parameters (a convolution's kernel transposed, a recurrent weight in the layout the backward pass reads), written once per
    /// training call before the rows are split between threads.</summary>
    public virtual void PrepareBackward(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>BackwardData</c>: from the gradient with respect to its output to the one with respect to its input.</summary>
    public virtual void BackwardData(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>StepForward</c>, for a layer that <see cref="LayerPlan.Streams"/>: one time step from
    /// <see cref="PassWriter.StepInput"/> to <see cref="PassWriter.StepOutput"/> (the first position of its output buffer), reading and
    /// updating its stream state.</summary>
    public virtual void Step(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>GradientBound</c>: raises <c>bound</c> to a bound on its parameter gradients.</summary>
    public virtual void GradientBound(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>BackwardWeights</c>: its parameter gradients over all <c>rows</c> rows.</summary>
    public virtual void BackwardWeights(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>BlockToCanonical</c>: its tensors copied from <c>block</c> to <c>destination</c> in PyTorch's order.</summary>
    public virtual void ToCanonical(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>CanonicalToBlock</c>: its tensors copied from <c>source</c> to <c>block</c>.</summary>
    public virtual void FromCanonical(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>InitializeParameters</c>: its tensors drawn from <c>random</c> in PyTorch's order.</summary>
    public virtual void Initialize(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>For a layer that needs every row (<see cref="LayerPlan.NeedsEveryRow"/>): its statistics over the <c>rows</c> rows
    /// from row <c>first</c> of a training call, computed on one thread before the stage that starts with the layer.</summary>
    public virtual void Statistics(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>For a layer that needs every row: its reductions of the gradient over every row of a training call, computed
    /// on one thread between the stage of the layers after it and the stage that starts with its own backward data part.</summary>
    public virtual void BackwardStatistics(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>Code that must run in <c>BackwardData</c> right after layer <paramref name="reached"/>'s part (a skip connection
    /// adding its gradient to that of the tensor <paramref name="reached"/> received, once that gradient is written).</summary>
    public virtual void AfterBackwardData(PassWriter w, LayerPlan layer, LayerPlan reached)
    {
    }

    /// <summary>The layer's part of <c>CommitStatistics</c>: its state updated from the statistics of the training call of <c>rows</c> rows.</summary>
    public virtual void CommitStatistics(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>PrepareInference</c>: what inference calls compute from the parameters and state once
    /// after they change (a normalisation's scale, folded weights).</summary>
    public virtual void PrepareInference(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>MakeInferenceCopies</c>, for a layer with <see cref="LayerPlan.HasInferenceCopies"/>: its parameters
    /// copied into the order one-row inference calls read them, and the copy marked current.</summary>
    public virtual void MakeInferenceCopies(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>DiscardInferenceCopies</c>: its copy marked out of date, so that inference calls read the parameters.</summary>
    public virtual void DiscardInferenceCopies(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>For a layer that can absorb a per-channel affine map (<see cref="LayerPlan.Foldable"/>): writes its folded
    /// weights and bias for <paramref name="fold"/> from its parameters (in <c>PrepareInference</c>).</summary>
    public virtual void FoldChannelAffine(PassWriter w, LayerPlan layer, ChannelFold fold)
    {
    }

    /// <summary>Closes the training branch of a forward pass that <paramref name="fold"/> folds into and writes the inference branch: the
    /// kernel <c>ForwardFolded</c> with the folded weights, then the folding layer's activation passes on its output.</summary>
    protected static void ElseFolded(PassWriter w, LayerPlan layer, ChannelFold fold, string input, string rows)
    {
        w.Close();
        w.Open("else");
        w.Line($"// inference calls: with layer {layer.Index + 2} folded in, its normalisation and activation written to its output");
        w.Line($"{layer.Name}ForwardFolded({input}, {PassWriter.At(fold.FoldedWeights)}, {PassWriter.At(fold.FoldedBias)}, {PassWriter.FirstRow(fold.Output)}, {rows});");
        ActivationPasses.AfterForward(w, fold.Output, fold.Activation);
        w.Close();
    }

    /// <summary>The folded bias of a layer with one bias per output channel: <c>(b - mean) * scale + shift</c> for each of its
    /// <paramref name="channels"/>.</summary>
    protected static void FoldBias(PassWriter w, string bias, int channels, ChannelFold fold)
    {
        w.Open($"for (int o = 0; o < {channels}; o++)");
        w.Line($"Unsafe.Add(ref s, {fold.FoldedBias} + o) = ((Unsafe.Add(ref s, {bias} + o) - Unsafe.Add(ref s, {fold.Mean} + o)) * Unsafe.Add(ref s, {fold.Scale} + o)) + Unsafe.Add(ref s, {fold.Shift} + o);");
        w.Close();
    }

    /// <summary>For a layer that can absorb a per-channel affine map: the kernels its inference calls use with <paramref name="fold"/>.</summary>
    public virtual IEnumerable<IKernel> FoldedKernels(LayerPlan layer, ChannelFold fold) => Array.Empty<IKernel>();

    /// <summary>The layer's part of <c>StateToCanonical</c>: its state copied from the slab to <c>destination</c> in PyTorch's order.</summary>
    public virtual void StateToCanonical(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>CanonicalToState</c>: its state copied from <c>source</c> to the slab.</summary>
    public virtual void StateFromCanonical(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The kernels the layer calls, each emitted for every instruction set.</summary>
    public virtual IEnumerable<IKernel> Kernels(LayerPlan layer) => Array.Empty<IKernel>();
}
