using System.Globalization;
using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers;

/// <summary>
/// One layer of a network's plan: the tensors it reads and writes, and whatever its kind decided (weight layout,
/// buffers). Plans are immutable values; a layer refers to the tensors around it directly, never by searching
/// offsets. Each kind's plan is a record in the kind's folder, emitted by its <see cref="Emitter"/>.
/// </summary>
/// <param name="Index">The layer's position in the declaration, from 0.</param>
/// <param name="Input">The tensor it receives.</param>
/// <param name="Output">The tensor it gives.</param>
internal abstract record LayerPlan(int Index, TensorPlan Input, TensorPlan Output)
{
    /// <summary>Emits the layer's part of every pass and its kernels.</summary>
    public abstract LayerEmitter Emitter { get; }

    /// <summary>The layer as declarations write it: <c>Dense(128, ReLU)</c>.</summary>
    public abstract string Declaration { get; }

    /// <summary>The number of trainable parameters.</summary>
    public virtual long ParameterCount => 0;

    /// <summary>The number of values of state (not trained, saved with the network): a BatchNorm layer's running statistics.</summary>
    public virtual long StateCount => 0;

    /// <summary>The name of the constructor argument every kind with an activation calls it by.</summary>
    public const string ActivationArgument = "activation";

    /// <summary>The activation applied to the output, for layers that have one; null for the others.</summary>
    public virtual Activation? OutputActivation => null;

    /// <summary>The argument that sets the output's last axis (a Dense layer's <c>units</c>), for messages about it; null when none does.</summary>
    public virtual string? WidthArgument => null;

    /// <summary>Where the pre-activation rows are kept, for a loss fused with this layer's activation; null otherwise.</summary>
    public virtual string? PreActivation => null;

    /// <summary>Whether the layer is causal in time and emits its part of a streamed step (<see cref="LayerEmitter.Step"/>): its output at
    /// a step depends on its inputs up to that step only, through the state it keeps in <see cref="LayerContext.StreamState"/> buffers.</summary>
    public virtual bool Streams => false;

    /// <summary>Why the layer does not stream, for the message of a <c>PredictStep</c> call on its network: what follows "layer 3, Flatten, ".</summary>
    public virtual string StreamingObstacle => "is not causal in time";

    /// <summary>Whether a training call needs statistics over all of its rows before any row goes through this layer
    /// (BatchNorm): the training passes then run in stages, with the statistics computed between them on one thread.</summary>
    public virtual bool NeedsEveryRow => false;

    /// <summary>For a layer whose pre-activation output is linear in its parameters with one bias per output channel and no
    /// activation of its own (a Dense layer or a convolution without activation): the floats of its weights and of its bias as it stores them,
    /// so that a per-channel affine map after it can be folded into copies of them for inference; null for other layers.</summary>
    public virtual FoldableParameters? Foldable => null;

    /// <summary>The per-channel affine map this layer folds into the layer before it for inference, or null.</summary>
    public virtual ChannelFold? Fold => null;

    /// <summary>Whether the layer keeps a copy of its parameters in another order for one-row inference calls (a one-row <c>Predict</c>
    /// or a <c>PredictStep</c>), made once several such calls have come without a change to the parameters
    /// (<see cref="LayerEmitter.MakeInferenceCopies"/>).</summary>
    public virtual bool HasInferenceCopies => false;

    /// <summary>The name of the layer in emitted code: <c>Layer3</c>.</summary>
    public string Name => "Layer" + (Index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The one-line description above the layer's code: <c>Layer 1, Dense(128, ReLU): (784) -> (128)</c>.</summary>
    public virtual string Describe() => $"Layer {Index + 1}, {Declaration}: {Input.Shape} -> {Output.Shape}";
}
