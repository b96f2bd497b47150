using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Layers;

/// <summary>
/// One kind of layer, the questions every kind answers in the same order: which attribute declares it and how
/// its arguments read (<see cref="Read"/>), and what one layer of it is in a network: its output shape, its
/// problems, its parameters and the memory it needs (<see cref="Plan"/>). How it is emitted is its plan's
/// <see cref="LayerPlan.Emitter"/>. Each kind lives in a folder of its own under <c>Layers/</c> and is listed
/// once in <see cref="LayerKinds"/>.
/// </summary>
internal abstract class LayerKind
{
    /// <summary>The metadata name of the attribute that declares the layer.</summary>
    public abstract string AttributeName { get; }

    /// <summary>Whether layers of this kind have trainable parameters.</summary>
    public virtual bool HasParameters => false;

    /// <summary>Whether the layer is a linear map in inference calls (Dropout, Flatten), so that two linear Dense layers meet through it.</summary>
    public virtual bool IsLinear => false;

    /// <summary>Whether the layer gives a map of features over positions (convolutions and pools), which a classifier usually
    /// flattens before a Dense layer.</summary>
    public virtual bool MakesFeatureMaps => false;

    /// <summary>Whether the layer gives its input's shape, position for position (Dropout, BatchNorm, LayerNorm, Residual), so that a map
    /// of features passes through it to the next layer.</summary>
    public virtual bool KeepsPositions => false;

    /// <summary>The attribute's arguments as a spec, or null when they cannot be read yet (half-typed code).</summary>
    public abstract LayerSpec? Read(AttributeReader attribute);

    /// <summary>Plans the layer on the tensor it receives; null, with a problem reported, when it cannot take it.</summary>
    public abstract LayerPlan? Plan(LayerSpec spec, LayerContext context);

    /// <summary>The layer whose input a layer of this kind at <paramref name="index"/> reads besides its own input (a skip
    /// connection's source), or -1; so that a tensor another layer still reads is never replaced by a fold.</summary>
    public virtual int ReadsInputOf(LayerSpec spec, int index) => -1;

    /// <summary>Adds warnings about a layer that can be generated but is probably not what was meant.</summary>
    public virtual void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
    }
}

/// <summary>A layer kind whose spec is <typeparamref name="TSpec"/>.</summary>
internal abstract class LayerKind<TSpec> : LayerKind
    where TSpec : LayerSpec
{
    public sealed override LayerPlan? Plan(LayerSpec spec, LayerContext context) => Plan((TSpec)spec, context);

    protected abstract LayerPlan? Plan(TSpec spec, LayerContext context);
}
