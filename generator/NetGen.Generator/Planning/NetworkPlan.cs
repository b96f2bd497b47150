using System.Linq;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Planning;

/// <summary>
/// Everything decided about one network before any code is written: the tensor every layer reads and
/// writes, each layer's choices, and where every buffer lives in the slab. Computed once from the spec by
/// <see cref="NetworkPlanner"/>; the validation, the analyzers and the emitters all read this one value,
/// which compares by content so that the incremental generator re-emits only when it changes.
/// </summary>
/// <param name="Spec">The declaration.</param>
/// <param name="Input">The caller's input rows.</param>
/// <param name="Layers">The layers in order.</param>
/// <param name="Memory">Where every buffer lives.</param>
/// <param name="ParameterCount">The number of trainable parameters.</param>
internal sealed record NetworkPlan(NetworkSpec Spec, TensorPlan Input, EquatableArray<LayerPlan> Layers, MemoryPlan Memory, long ParameterCount)
{
    /// <summary>The last layer, whose output is the network's.</summary>
    public LayerPlan OutputLayer => Layers[Layers.Count - 1];

    /// <summary>The network's output rows.</summary>
    public TensorPlan Output => OutputLayer.Output;

    /// <summary>The first layer that keeps the network from streaming one step per call (<c>PredictStep</c>), or null when it streams:
    /// a network streams when its input is a sequence <c>(T, F)</c> and every layer is causal in time.</summary>
    public LayerPlan? FirstLayerNotStreaming
    {
        get
        {
            foreach (LayerPlan layer in Layers)
            {
                if (!layer.Streams)
                {
                    return layer;
                }
            }

            return null;
        }
    }

    /// <summary>Whether the network gets <c>PredictStep</c> and <c>ResetState</c>.</summary>
    public bool Streams => Input.Shape.Rank == 2 && FirstLayerNotStreaming is null;

    /// <summary>Whether the loss is a cross-entropy, computed from the output layer's logits (the validation makes sure the
    /// output layer then has the matching activation or none).</summary>
    public bool LossIsCrossEntropy => Spec.Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy;

    /// <summary>Whether the loss is a cross-entropy fused with the output layer's sigmoid or softmax: its gradient is taken
    /// with respect to that layer's pre-activation.</summary>
    public bool LossIsFused => LossIsCrossEntropy && OutputLayer.OutputActivation == Spec.FusedActivation;

    /// <summary>Whether the network's outputs are logits: a cross-entropy on an output layer without activation, which
    /// applies the sigmoid or softmax inside the loss (as PyTorch's <c>BCEWithLogitsLoss</c> and <c>CrossEntropyLoss</c>).</summary>
    public bool OutputsLogits => LossIsCrossEntropy && OutputLayer.OutputActivation == Activation.None;

    /// <summary>The targets of one output position: one class index for the sparse cross-entropy, else one per output channel.</summary>
    public int TargetChannels => Spec.Loss == Loss.SparseCategoricalCrossEntropy ? 1 : Output.Channels;

    /// <summary>The number of targets per row: the output's positions times <see cref="TargetChannels"/>.</summary>
    public long TargetSize => Output.Shape.Positions * TargetChannels;


    /// <summary>The stages of a training call's forward and backward data passes: one more than the layers that need
    /// statistics over every row (<see cref="LayerPlan.NeedsEveryRow"/>), between which the statistics are computed.</summary>
    public int TrainingStages
    {
        get
        {
            int stages = 1;
            foreach (LayerPlan layer in Layers)
            {
                stages += layer.NeedsEveryRow ? 1 : 0;
            }

            return stages;
        }
    }

    /// <summary>The values of state in canonical order, every layer's one after the other.</summary>
    public long StateCount
    {
        get
        {
            long count = 0;
            foreach (LayerPlan layer in Layers)
            {
                count += layer.StateCount;
            }

            return count;
        }
    }

    /// <summary>Whether a layer keeps state (tensors saved with the network but not trained).</summary>
    public bool HasState => Memory.StateLength > 0;

    /// <summary>Whether a layer keeps a copy of its parameters for one-row inference calls (<see cref="LayerPlan.HasInferenceCopies"/>).</summary>
    public bool HasInferenceCopies => Layers.Any(layer => layer.HasInferenceCopies);

    /// <summary>The per-channel map a later layer folds into layer <paramref name="index"/> for inference, or null.</summary>
    public ChannelFold? FoldInto(int index)
    {
        foreach (LayerPlan layer in Layers)
        {
            if (layer.Fold is { } fold && fold.Target.Index == index)
            {
                return fold;
            }
        }

        return null;
    }
}

/// <summary>The plan of a declaration, or the problems that keep it from having one.</summary>
/// <param name="Plan">The plan; null when a problem is an error.</param>
/// <param name="Problems">Every error found, at its site.</param>
internal sealed record PlanResult(NetworkPlan? Plan, EquatableArray<Problem> Problems);
