using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.LayerNorm;

/// <summary><c>[LayerNorm(activation, Epsilon = e)]</c> as declared.</summary>
internal sealed record LayerNormSpec(Activation Activation, float Epsilon) : LayerSpec
{
    public override LayerKind Kind => LayerNormKind.Instance;
}

/// <summary>
/// Layer normalisation: each position of each row normalised over its channels, the same in training and inference calls. It
/// keeps each position's normalised values and inverse deviation for the backward pass, and needs nothing of the other rows.
/// </summary>
internal sealed class LayerNormKind : LayerKind<LayerNormSpec>
{
    public const string EpsilonArgument = nameof(LayerNormAttribute.Epsilon);

    public static LayerNormKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<LayerNormAttribute>();

    public override bool HasParameters => true;

    public override bool KeepsPositions => true;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryEnum(0, LayerPlan.ActivationArgument, out Activation activation)
           && attribute.TryNamedFloat(EpsilonArgument, new LayerNormAttribute().Epsilon, out float epsilon)
            ? new LayerNormSpec(activation, epsilon)
            : null;

    protected override LayerPlan? Plan(LayerNormSpec spec, LayerContext context)
    {
        string label = Text(context.Index + 1);
        TensorPlan input = context.Input;
        if (!Normalization.EpsilonIsValid(spec.Epsilon))
        {
            context.Report(ProblemIds.NormalizationSettingOutOfRange, EpsilonArgument, label, "LayerNorm", EpsilonArgument, HyperparameterDefinitions.Format(spec.Epsilon), "positive and finite");
        }

        if (input.Channels == 1)
        {
            // One value per position normalises to 0: the output would be the bias whatever the input.
            context.Report(ProblemIds.NothingToNormalize, null, label, input.Shape.ToString());
        }

        int padded = MemoryPlan.Pad(input.Channels);
        int row = ChannelRows.PaddedRow(input);
        if ((long)row * context.Network.BatchSize > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(2.0 * input.Channels);
        }

        string rows = $"[{context.Network.BatchSize}][{row}]";
        string affine = context.Parameter("Affine", penalized: false, 2 * padded, $"[2][{padded}], weight then bias");
        string? copy = ChannelRows.CopyBuffer(context, input, "PaddedInput");
        string output = context.Rows("Output", row, rows);
        string normalized = context.Rows("Normalized", row, rows + ", (x - mean) / sqrt(variance + epsilon), for the backward pass");
        string inverse = context.Rows("InverseDeviation", input.Positions, $"[{context.Network.BatchSize}][{input.Positions}], 1 / sqrt(variance + epsilon) of each position");
        string? preActivation = ActivatedOutput.KeepsPreActivation(context, spec.Activation) ? context.Rows("PreActivation", row, rows) : null;
        string gradient = context.Rows("Gradient", row, rows + ", the gradient with respect to the output, then the pre-activation");
        var outputTensor = new TensorPlan(input.Shape, output, output, padded, row, ZeroPadded: true, gradient, input.FlattenedFrom);
        return new LayerNormPlan(context.Index, input, outputTensor, spec.Activation, spec.Epsilon, affine, copy, normalized, inverse, preActivation, context.CanonicalOffset);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
