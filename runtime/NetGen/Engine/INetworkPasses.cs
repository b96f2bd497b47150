using System;
using System.ComponentModel;
using NetGen.Kernels;

namespace NetGen.Engine;

/// <summary>
/// What the source generator emits for one network: the sizes of its memory plan and the passes
/// over it, specialised for exactly that shape. <see cref="NetworkCore{TPasses}"/> runs the
/// lifecycle that is the same for every network (argument checks, training and evaluation calls,
/// gradient accumulation, threads, checkpoints) on top of them. The generated type is a struct,
/// so that the JIT specialises the core for it and inlines the sizes as constants.
/// </summary>
/// <remarks>
/// All passes work in one slab of floats, <c>s</c>, laid out by the generator: the parameter block
/// at 0, the gradient block at <see cref="BlockLength"/>, <see cref="StateTensors"/> blocks of
/// optimizer state after it, then the rows of every layer. Parameter-shaped blocks hold the
/// penalised tensors (weights) in their first <see cref="WeightsLength"/> floats.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface INetworkPasses
{
    /// <summary>The values of one input row.</summary>
    int InputSize { get; }

    /// <summary>The values of one output row.</summary>
    int OutputSize { get; }

    /// <summary>The targets of one row: <see cref="OutputSize"/>, or one class index per output position for the sparse
    /// categorical cross-entropy.</summary>
    int TargetSize { get; }

    /// <summary>The number of classes each target indexes for the sparse categorical cross-entropy; 0 for other losses,
    /// whose targets are not checked beyond their length.</summary>
    int SparseClasses { get; }

    /// <summary>The most rows one call takes.</summary>
    int BatchSize { get; }

    /// <summary>The number of trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>The floats of the slab.</summary>
    int SlabLength { get; }

    /// <summary>The floats of one parameter-shaped block (parameters, gradients, each optimizer state tensor).</summary>
    int BlockLength { get; }

    /// <summary>The floats at the start of a block that hold penalised tensors.</summary>
    int WeightsLength { get; }

    /// <summary>The parameter-shaped blocks of optimizer state: 0, 1 or 2.</summary>
    int StateTensors { get; }

    /// <summary>Where the training passes find a copy of the caller's input rows when they run on several threads.</summary>
    int InputCopy { get; }

    /// <summary>The stages of a training call's forward and backward data passes: 1, or one more per layer that normalises
    /// with statistics over every row of the call (BatchNorm). Between two stages the core computes those statistics on the
    /// calling thread (<see cref="Statistics"/>, <see cref="BackwardStatistics"/>), so that they do not depend on how the
    /// rows are split between threads.</summary>
    int TrainingStages { get; }

    /// <summary>The values of state in canonical order: tensors that are not trained but change in training calls and are
    /// saved with the network (BatchNorm's running mean and variance); 0 for most networks.</summary>
    int StateCount { get; }

    /// <summary>Whether layers keep copies of their parameters in the order one-row inference calls read them
    /// (<see cref="MakeInferenceCopies"/>), which the core has made once several such calls came without a change to the parameters.</summary>
    bool HasInferenceCopies { get; }

    /// <summary>The floats the state takes in the slab, padding included, right after the parameter-shaped blocks (from
    /// <c>(2 + StateTensors) * BlockLength</c>); 0 for a network without state, whose passes need not define it.</summary>
    int StateLength => 0;

    /// <summary>Draws the parameters from <paramref name="seed"/> into the parameter block (the rest of the slab is zero).</summary>
    void InitializeParameters(ref float s, int seed);

    /// <summary>Draws the dropout masks of a training call over <paramref name="rows"/> rows, layer after layer.</summary>
    void SampleMasks(ref float s, int rows, ref DeterministicRandom random);

    /// <summary>The forward pass over <paramref name="rows"/> rows from row <paramref name="first"/>;
    /// <paramref name="input"/> points at row <paramref name="first"/> of the input rows.</summary>
    void Forward(ref float s, ref float input, int first, int rows, bool training);

    /// <summary>Copies <paramref name="rows"/> output rows into <paramref name="outputs"/>.</summary>
    void ReadOutputs(ref float s, Span<float> outputs, int rows);

    /// <summary>The mean loss of <paramref name="rows"/> rows against <paramref name="targets"/>, and each row's gradient
    /// (scaled so that the rows' sum is the mean's gradient) written where the backward pass starts.</summary>
    /// <returns>The mean loss.</returns>
    float LossAndGradient(ref float s, ref float targets, int rows);

    /// <summary>Whether <see cref="LossAndGradient"/> writes the gradient with respect to the output layer's
    /// pre-activation (a cross-entropy fused with its softmax or sigmoid) rather than its outputs.</summary>
    bool LossIsFused { get; }

    /// <summary>Copies the caller's gradient with respect to the outputs of <paramref name="rows"/> rows to where the backward pass starts.</summary>
    void WriteOutputGradient(ref float s, ReadOnlySpan<float> gradients, int rows);

    /// <summary>What the backward data pass reads and makes once per call, before the rows are split between threads (a convolution's kernel transposed, a weight
    /// copied in the layout the backward pass reads); called before every <see cref="BackwardData"/> of a call.</summary>
    void PrepareBackward(ref float s);

    /// <summary>The backward data pass over <paramref name="rows"/> rows from row <paramref name="first"/>: from the gradient
    /// where the backward pass starts to the gradient rows of every layer that has parameters.</summary>
    /// <param name="s">The slab.</param>
    /// <param name="first">The first row.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="throughOutputActivation">Whether the gradient is with respect to the outputs, so that the
    /// output layer's activation comes first (false after a fused loss).</param>
    void BackwardData(ref float s, int first, int rows, bool throughOutputActivation);

    /// <summary>A bound on the magnitude of every parameter gradient the weight pass is about to sum over <paramref name="rows"/>
    /// rows, from the rows it reads (NaN when one of them is not finite); computed before a fused step updates anything.</summary>
    double GradientBound(ref float s, ref float input, int rows);

    /// <summary>The parameter gradients of every layer over all <paramref name="rows"/> rows, written as <paramref name="mode"/> says;
    /// part <paramref name="part"/> of <paramref name="parts"/> writes its own share.</summary>
    void BackwardWeights(ref float s, ref float input, int rows, int part, int parts, GradientMode mode, in OptimizerCoefficients c);

    /// <summary>Copies a parameter-shaped block into canonical (PyTorch <c>state_dict</c>) order, times <paramref name="scale"/>.</summary>
    void BlockToCanonical(ref float block, Span<float> destination, float scale);

    /// <summary>Copies canonical order into a parameter-shaped block; the padding stays zero.</summary>
    void CanonicalToBlock(ReadOnlySpan<float> source, ref float block);

    // The members below have the behaviour of a network of one stage without state as their defaults. The core calls them
    // only when TrainingStages is above 1, StateCount above 0 or HasInferenceCopies true, for networks whose generated passes define them.

    /// <summary>Stage <paramref name="stage"/> of a training call's forward pass over <paramref name="rows"/> rows from row <paramref name="first"/>.</summary>
    void ForwardStage(ref float s, ref float input, int first, int rows, int stage) => Forward(ref s, ref input, first, rows, training: true);

    /// <summary>The statistics over the <paramref name="rows"/> rows from row <paramref name="first"/> of a training call that stage
    /// <paramref name="stage"/> + 1 of the forward pass normalises with; <paramref name="input"/> points at row <paramref name="first"/>
    /// of the input rows.</summary>
    void Statistics(ref float s, ref float input, int first, int rows, int stage)
    {
    }

    /// <summary>Stage <paramref name="stage"/> of the backward data pass (stages run from the last to 0).</summary>
    void BackwardDataStage(ref float s, int first, int rows, bool throughOutputActivation, int stage) => BackwardData(ref s, first, rows, throughOutputActivation);

    /// <summary>The reductions of the gradient over every row of a training call that stage <paramref name="stage"/> of the backward data pass needs.</summary>
    void BackwardStatistics(ref float s, int first, int rows, bool throughOutputActivation, int stage)
    {
    }

    /// <summary>Updates the state from the statistics of the training call of <paramref name="rows"/> rows that just succeeded.</summary>
    void CommitStatistics(ref float s, int rows)
    {
    }

    /// <summary>Computes what inference calls read from the parameters and the state (scales, weights with a normalisation folded in).</summary>
    void PrepareInference(ref float s)
    {
    }

    /// <summary>Copies the parameters into the order one-row inference calls read them; those calls read the copies from then on.</summary>
    void MakeInferenceCopies(ref float s)
    {
    }

    /// <summary>Marks the copies of <see cref="MakeInferenceCopies"/> out of date, after the parameters changed: inference calls read the parameters.</summary>
    void DiscardInferenceCopies(ref float s)
    {
    }

    /// <summary>Copies the state into canonical order.</summary>
    void StateToCanonical(ref float s, Span<float> destination)
    {
    }

    /// <summary>Copies canonical order into the state.</summary>
    void CanonicalToState(ReadOnlySpan<float> source, ref float s)
    {
    }
}
