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
    /// parameters (a convolution's kernel transposed), written once per training call before the rows are split between threads.</summary>
    public virtual void PrepareBackward(PassWriter w, LayerPlan layer)
    {
    }

    /// <summary>The layer's part of <c>BackwardData</c>: from the gradient with respect to its output to the one with respect to its input.</summary>
    public virtual void BackwardData(PassWriter w, LayerPlan layer)
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

    /// <summary>The kernels the layer calls, each emitted for every instruction set.</summary>
    public virtual IEnumerable<IKernel> Kernels(LayerPlan layer) => Array.Empty<IKernel>();
}
