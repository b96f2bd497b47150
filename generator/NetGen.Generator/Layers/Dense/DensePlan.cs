using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Dense;

/// <summary>How a Dense layer stores its weight matrix internally.</summary>
internal enum WeightLayout
{
    /// <summary><c>[inputs][paddedUnits]</c>: the forward pass and the weight gradient run along the units;
    /// the input gradient is a dot product over them. Chosen when the layer widens or comes first.</summary>
    InputMajor,

    /// <summary><c>[units][paddedInputs]</c>, as PyTorch stores it: the forward pass is a dot product over
    /// the inputs; the input gradient and the weight gradient run along the inputs. Chosen when the layer narrows.</summary>
    OutputMajor,
}

/// <summary>A Dense layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it reads: the last axis is its inputs, every other axis a position.</param>
/// <param name="Output">The tensor it writes.</param>
/// <param name="Units">Its outputs per position.</param>
/// <param name="Activation">Its activation.</param>
/// <param name="Layout">How the weight matrix is stored.</param>
/// <param name="Panels">The panels of the weight matrix (one for an output-major matrix).</param>
/// <param name="Weights">The weight buffer.</param>
/// <param name="Bias">The bias buffer.</param>
/// <param name="PreActivationBuffer">Where the pre-activation rows are kept (GELU's derivative and a fused loss need them), or null.</param>
/// <param name="CanonicalOffset">Where its weight starts in the canonical parameter order.</param>
/// <param name="ExpectedRows">The rows its kernels usually see: BatchSize times the positions.</param>
internal sealed record DensePlan(
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    int Units,
    Activation Activation,
    WeightLayout Layout,
    PanelLayout Panels,
    string Weights,
    string Bias,
    string? PreActivationBuffer,
    long CanonicalOffset,
    int ExpectedRows)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => DenseEmitter.Instance;

    public override string Declaration => $"Dense({Units}, {Activation})";

    public override Activation? OutputActivation => Activation;

    public override string? WidthArgument => DenseKind.UnitsArgument;

    public override string? PreActivation => PreActivationBuffer;

    public override long ParameterCount => ((long)Units * Inputs) + Units;

    /// <summary>A Dense layer acts on each position alone, so it is causal in time.</summary>
    public override bool Streams => true;
    /// <summary>Without an activation, a per-channel affine map after it folds into copies of its weight and bias.</summary>
    public override FoldableParameters? Foldable => Activation == Activation.None && PreActivationBuffer is null ? new FoldableParameters(Panels.Storage, PaddedUnits) : null;

    /// <summary>Where one-row inference calls find the weights in the order their product reads them (<see cref="Emit.Kernels.RowDotInterleaving"/>),
    /// or null when the layer reads its own weights in every call.</summary>
    public string? InferenceWeights { get; init; }

    /// <summary>A float that is 1 while <see cref="InferenceWeights"/> holds the current weights, 0 otherwise.</summary>
    public string? InferenceWeightsCurrent { get; init; }

    public override bool HasInferenceCopies => InferenceWeights is not null;

    /// <summary>Its inputs per position.</summary>
    public int Inputs => Input.Channels;

    public int PaddedInputs => MemoryPlan.Pad(Inputs);

    public int PaddedUnits => MemoryPlan.Pad(Units);

    /// <summary>The positions it runs at: 1 for a flat row.</summary>
    public int Positions => Input.Positions;

    /// <summary>The buffer of the gradient with respect to its output, turned in place into the gradient with respect to its pre-activation.</summary>
    public string Gradient => Output.Gradient!;

    /// <summary>Whether a layer with parameters comes before, so that the gradient with respect to the input is computed.</summary>
    public bool NeedsInputGradient => Input.Gradient is not null;

    public long CanonicalBiasOffset => CanonicalOffset + ((long)Units * Inputs);

    public override string Describe() => Positions == 1
        ? $"Layer {Index + 1}, {Declaration}: {Inputs} -> {Units}"
        : $"Layer {Index + 1}, {Declaration}: {Input.Shape} -> {Output.Shape}, {Inputs} -> {Units} at each of {Positions} positions";
}
