using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Residual;

/// <summary><c>[Residual(layers, activation)]</c> as declared.</summary>
internal sealed record ResidualSpec(int Layers, Activation Activation) : LayerSpec
{
    public override LayerKind Kind => ResidualKind.Instance;
}

/// <summary>
/// A skip connection: the tensor that entered the layer <c>layers</c> positions back, added to the output of the layer just
/// before, then the activation. It reads that earlier tensor directly from the plan; backward, its gradient goes to the block
/// (the layer before it) and is added to the earlier tensor's gradient once the block's backward pass has written it.
/// </summary>
internal sealed class ResidualKind : LayerKind<ResidualSpec>
{
    public const string LayersArgument = "layers";

    public static ResidualKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<ResidualAttribute>();

    public override bool KeepsPositions => true;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryInt(0, LayersArgument, out int layers) && attribute.TryEnum(1, LayerPlan.ActivationArgument, out Activation activation)
            ? new ResidualSpec(layers, activation)
            : null;

    public override int ReadsInputOf(LayerSpec spec, int index) => index - ((ResidualSpec)spec).Layers;

    protected override LayerPlan? Plan(ResidualSpec spec, LayerContext context)
    {
        int index = context.Index;
        if (spec.Layers < 1 || spec.Layers > index)
        {
            context.Report(ProblemIds.ResidualReachOutOfRange, LayersArgument, Text(index + 1), Text(spec.Layers), Text(index), context.Input.Shape.ToString());
            return null;
        }

        int source = index - spec.Layers;
        TensorPlan input = context.Input;
        TensorPlan skip = context.Planned[source].Input;
        if (!skip.Shape.Equals(input.Shape))
        {
            context.Report(ProblemIds.ResidualShapeMismatch, null, Text(index + 1), Text(source + 1), skip.Shape.ToString(), Text(index), input.Shape.ToString());
            return null;
        }

        int padded = MemoryPlan.Pad(input.Channels);
        int row = ChannelRows.PaddedRow(input);
        if ((long)row * context.Network.BatchSize > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(0);
        }

        string rows = $"[{context.Network.BatchSize}][{row}]";
        string? inputCopy = ChannelRows.CopyBuffer(context, input, "PaddedInput");
        string? skipCopy = ChannelRows.CopyBuffer(context, skip, "PaddedSkip");
        string output = context.Rows("Output", row, rows);
        string? preActivation = ActivatedOutput.KeepsPreActivation(context, spec.Activation) ? context.Rows("PreActivation", row, rows) : null;
        string? gradient = context.TrainableBefore ? context.Rows("Gradient", row, rows + ", the gradient with respect to the output, then the sum") : null;
        var outputTensor = new TensorPlan(input.Shape, output, output, padded, row, ZeroPadded: true, gradient, input.FlattenedFrom);
        return new ResidualPlan(index, input, outputTensor, spec.Layers, skip, spec.Activation, inputCopy, skipCopy, preActivation);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
