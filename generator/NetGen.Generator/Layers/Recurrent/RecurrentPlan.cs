using NetGen.Generator.Emit;
using NetGen.Generator.Layers.Dense;
using NetGen.Generator.Layers.Dropout;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>The buffers of a recurrent layer.</summary>
/// <param name="InputWeights">W_ih, <c>[F][G * paddedUnits]</c>: row f holds every gate's weights of input f.</param>
/// <param name="RecurrentWeights">W_hh, <c>[units][G * paddedUnits]</c>.</param>
/// <param name="InputBias">b_ih, <c>[G * paddedUnits]</c>.</param>
/// <param name="RecurrentBias">b_hh, <c>[G * paddedUnits]</c>.</param>
/// <param name="InputGates">Rows of <c>x W_ih + b_ih</c> at every step; the backward pass overwrites them with the gradient with respect to the gates' input sums.</param>
/// <param name="Previous">Rows of the state entering every step.</param>
/// <param name="Saved">Rows of what the cell keeps of every step for the backward pass.</param>
/// <param name="PreviousCells">Rows of the cell entering every step (LSTM), or null.</param>
/// <param name="RecurrentSums">Rows of <c>h W_hh + b_hh</c> of the current step.</param>
/// <param name="RecurrentGradient">Rows of the gradient with respect to the recurrent sums at every step (the input gates' buffer when they are equal).</param>
/// <param name="Carry">Rows of the gradient reaching the state from the next step through the gates' products.</param>
/// <param name="CarryProduct">Rows of the gradient reaching the state from the next step through W_hh.</param>
/// <param name="CarryCell">Rows of the gradient reaching the cell from the next step (LSTM), or null.</param>
/// <param name="Transposed">W_hh as <c>[G * paddedUnits][paddedUnits]</c>, made before each backward pass.</param>
/// <param name="StepSums">The two sums of a streamed step on the portable path.</param>
/// <param name="State">The state h of a stream.</param>
/// <param name="CellState">The cell c of a stream (LSTM), or null.</param>
internal sealed record RecurrentBuffers(
    string InputWeights,
    string RecurrentWeights,
    string InputBias,
    string RecurrentBias,
    string InputGates,
    string Previous,
    string Saved,
    string? PreviousCells,
    string RecurrentSums,
    string RecurrentGradient,
    string Carry,
    string CarryProduct,
    string? CarryCell,
    string Transposed,
    string StepSums,
    string State,
    string? CellState);

/// <summary>A GRU or LSTM layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The sequence it reads, <c>(T, F)</c>.</param>
/// <param name="Output">The last state <c>(units)</c> or every state <c>(T, units)</c>.</param>
/// <param name="Cell">Its gates and their math.</param>
/// <param name="Units">The size of its state.</param>
/// <param name="ReturnSequences">Whether it gives every state.</param>
/// <param name="Buffers">Its buffers.</param>
/// <param name="CanonicalOffset">Where its tensors start in the canonical parameter order.</param>
/// <param name="BatchSize">The rows its kernels usually see.</param>
internal sealed record RecurrentPlan(
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    RecurrentCell Cell,
    int Units,
    bool ReturnSequences,
    RecurrentBuffers Buffers,
    long CanonicalOffset,
    int BatchSize)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => RecurrentEmitter.Instance;

    public override string Declaration => DeclarationOf(Cell, Units, ReturnSequences);

    public override string? WidthArgument => "units";

    /// <summary>The block-major copy of W_hh that streamed steps read (<see cref="RecurrentStepWeights"/>), or null when the layer's
    /// step reads W_hh whole and in place; a layer with the copy steps by blocks (<see cref="RecurrentBlockStepKernel"/>).</summary>
    public string? StepWeights { get; init; }

    /// <summary>A float that is 1 while <see cref="StepWeights"/> holds the current W_hh, 0 otherwise.</summary>
    public string? StepWeightsCurrent { get; init; }

    /// <summary>A float that is 1 when the next step reading the copy takes its blocks in descending order, 0 for ascending.</summary>
    public string? StepOrder { get; init; }

    public override bool HasInferenceCopies => StepWeights is not null;

    public override long ParameterCount => (long)Cell.Gates * Units * (Features + Units + 2);

    /// <summary>A recurrent layer is causal: its state at a step depends on the steps up to it only.</summary>
    public override bool Streams => true;

    /// <summary>The steps of the input sequence.</summary>
    public int Steps => Input.Shape.Axes[0];

    /// <summary>The features of each input step.</summary>
    public int Features => Input.Channels;

    public int PaddedUnits => MemoryPlan.Pad(Units);

    /// <summary>The width of a row of gate sums: every gate's padded units.</summary>
    public int GateWidth => Cell.Gates * PaddedUnits;

    /// <summary>Whether a layer with parameters comes before, so that the gradient with respect to the input is computed.</summary>
    public bool NeedsInputGradient => Input.Gradient is not null;

    public override string Describe() => $"Layer {Index + 1}, {Declaration}: {Input.Shape} -> {Output.Shape}, {Cell.Gates} gates ({Cell.GateNames}) of {Units} units";

    public static string DeclarationOf(RecurrentCell cell, int units, bool returnSequences)
        => returnSequences ? $"{cell.Kind}({units}, ReturnSequences = true)" : $"{cell.Kind}({units})";

    /// <summary>Whether the sequence <paramref name="recurrent"/> returns reaches a Dense layer that classifies each step of it
    /// (a cross-entropy on an output of several positions); <paramref name="classifier"/> is that layer.</summary>
    public static bool ClassifiesEachStep(RecurrentPlan recurrent, NetworkPlan network, out LayerPlan? classifier)
    {
        classifier = null;
        int next = recurrent.Index + 1;
        while (next < network.Layers.Count && network.Layers[next] is DropoutPlan)
        {
            next++;
        }

        bool classifies = network.Spec.Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy;
        if (next < network.Layers.Count && network.Layers[next] is DensePlan && classifies && network.Output.Shape.Rank > 1)
        {
            classifier = network.Layers[next];
            return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="layer"/> reads, through Dropout layers only, the sequence of a recurrent layer that returns it.</summary>
    public static bool ReadsReturnedSequence(LayerPlan layer, NetworkPlan network)
    {
        int previous = layer.Index - 1;
        while (previous >= 0 && network.Layers[previous] is DropoutPlan)
        {
            previous--;
        }

        return previous >= 0 && network.Layers[previous] is RecurrentPlan { ReturnSequences: true };
    }
}
