using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.BatchNorm;

/// <summary><c>[BatchNorm(activation, Momentum = m, Epsilon = e)]</c> as declared.</summary>
internal sealed record BatchNormSpec(Activation Activation, float Momentum, float Epsilon) : LayerSpec
{
    public override LayerKind Kind => BatchNormKind.Instance;
}

/// <summary>
/// Batch normalisation of each channel: in training calls with the mean and biased variance of the call's rows and positions
/// (statistics over every row, so the training passes stop before it and compute them on one thread), the running statistics
/// updated once the call succeeds; in inference calls with the running statistics, folded into the weights of a Dense layer
/// without activation right before it when nothing else reads that layer's output.
/// </summary>
internal sealed class BatchNormKind : LayerKind<BatchNormSpec>
{
    public const string MomentumArgument = nameof(BatchNormAttribute.Momentum);
    public const string EpsilonArgument = nameof(BatchNormAttribute.Epsilon);

    public static BatchNormKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<BatchNormAttribute>();

    public override bool HasParameters => true;

    public override bool KeepsPositions => true;

    public override LayerSpec? Read(AttributeReader attribute)
    {
        var defaults = new BatchNormAttribute();
        return attribute.TryEnum(0, LayerPlan.ActivationArgument, out Activation activation)
            && attribute.TryNamedFloat(MomentumArgument, defaults.Momentum, out float momentum)
            && attribute.TryNamedFloat(EpsilonArgument, defaults.Epsilon, out float epsilon)
            ? new BatchNormSpec(activation, momentum, epsilon)
            : null;
    }

    protected override LayerPlan? Plan(BatchNormSpec spec, LayerContext context)
    {
        string label = Text(context.Index + 1);
        if (!(spec.Momentum >= 0f && spec.Momentum <= 1f))
        {
            context.Report(ProblemIds.NormalizationSettingOutOfRange, MomentumArgument, label, "BatchNorm", MomentumArgument, HyperparameterDefinitions.Format(spec.Momentum), "in [0, 1]");
        }

        if (!Normalization.EpsilonIsValid(spec.Epsilon))
        {
            context.Report(ProblemIds.NormalizationSettingOutOfRange, EpsilonArgument, label, "BatchNorm", EpsilonArgument, HyperparameterDefinitions.Format(spec.Epsilon), "positive and finite");
        }

        TensorPlan input = context.Input;
        int padded = MemoryPlan.Pad(input.Channels);
        int row = ChannelRows.PaddedRow(input);
        if ((long)row * context.Network.BatchSize > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(2.0 * input.Channels);
        }

        string rows = $"[{context.Network.BatchSize}][{row}]";
        string affine = context.Parameter("Affine", penalized: false, 2 * padded, $"[2][{padded}], weight then bias");
        string running = context.State("Running", 2 * padded, $"[2][{padded}], running mean then running variance");
        string statistics = context.Scratch("Statistics", 4 * padded, $"[4][{padded}], the mean, variance, 1 / sqrt(variance + epsilon) and weight / sqrt(variance + epsilon) of the last training call");
        string sums = context.Scratch("Sums", 2 * padded, $"[2][{padded}], the sums of g * xhat and of g over the call: the weight's and the bias's gradients");
        string coefficients = context.Scratch("Coefficients", 2 * padded, $"[2][{padded}], the input gradient's coefficients of (x - mean) and its constant");
        string inferenceScale = context.Workspace("InferenceScale", padded, $"[{padded}], weight / sqrt(running variance + epsilon), for inference calls");

        // The input is read again by the statistics and the backward pass, which have no access to the caller's rows.
        string? copy = input.IsNetworkInput
            ? context.Rows("PaddedInput", row, rows + ", a padded copy of the input rows")
            : ChannelRows.CopyBuffer(context, input, "PaddedInput");
        string output = context.Rows("Output", row, rows);
        string? preActivation = ActivatedOutput.KeepsPreActivation(context, spec.Activation) ? context.Rows("PreActivation", row, rows) : null;
        string gradient = context.Rows("Gradient", row, rows + ", the gradient with respect to the output, then the pre-activation");
        var outputTensor = new TensorPlan(input.Shape, output, output, padded, row, ZeroPadded: true, gradient, input.FlattenedFrom);

        ChannelFold? fold = null;
        LayerPlan? previous = context.Index > 0 ? context.Planned[context.Index - 1] : null;
        if (previous?.Foldable is { } foldable && !context.IsLast && spec.Activation != Activation.Softmax && !Normalization.ReadLater(context))
        {
            string folded = context.Workspace("FoldedWeights", foldable.Weights, $"layer {context.Index}'s weights times this layer's scale, for inference calls");
            string foldedBias = context.Workspace("FoldedBias", foldable.Bias, $"layer {context.Index}'s bias with this layer folded in, for inference calls");
            fold = new ChannelFold(previous, folded, foldedBias, running, inferenceScale, $"{affine} + {padded}", spec.Activation, outputTensor);
        }

        return new BatchNormPlan(context.Index, input, outputTensor, spec.Activation, spec.Momentum, spec.Epsilon, affine, running, statistics, sums, coefficients, inferenceScale, copy, preActivation, context.CanonicalOffset, StateOffset(context), fold);
    }

    /// <summary>A BatchNorm layer that only ever sees one value per channel in a training call (batches of one row, one
    /// position) would divide by a variance of zero.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        if (network.Spec.BatchSize == 1 && layer.Input.Positions == 1)
        {
            problems.Add(new Problem(ProblemIds.BatchNormOnSingleRows, Site.OfLayer(layer.Index), Text(layer.Index + 1), layer.Input.Shape.ToString()));
        }
    }

    /// <summary>Where the layer's state starts in canonical order: after the state of every layer before it.</summary>
    private static long StateOffset(LayerContext context)
    {
        long offset = 0;
        foreach (LayerPlan layer in context.Planned)
        {
            offset += layer.StateCount;
        }

        return offset;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
