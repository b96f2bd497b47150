using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Dropout;

/// <summary><c>[Dropout(rate)]</c> as declared.</summary>
internal sealed record DropoutSpec(float Rate) : LayerSpec
{
    public override LayerKind Kind => DropoutKind.Instance;
}

/// <summary>
/// Inverted dropout: in training calls each element is kept with probability <c>1 - rate</c> and scaled by
/// <c>1 / (1 - rate)</c>, by a mask drawn for the call; in inference calls it is the identity, and the layers
/// after it read its input. Its gradient is the mask applied in place.
/// </summary>
internal sealed class DropoutKind : LayerKind<DropoutSpec>
{
    public const string RateArgument = "rate";

    public static DropoutKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<DropoutAttribute>();

    public override bool IsLinear => true;

    public override bool KeepsPositions => true;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryFloat(0, RateArgument, out float rate) ? new DropoutSpec(rate) : null;

    protected override LayerPlan? Plan(DropoutSpec spec, LayerContext context)
    {
        string label = (context.Index + 1).ToString(CultureInfo.InvariantCulture);
        if (!(spec.Rate >= 0f && spec.Rate < 1f))
        {
            context.Report(ProblemIds.DropoutRateOutOfRange, RateArgument, label, HyperparameterDefinitions.Format(spec.Rate));
        }

        bool trainableAfter = false;
        for (int i = context.Index + 1; i < context.Network.Layers.Count; i++)
        {
            trainableAfter |= context.Network.Layers[i].Kind.HasParameters;
        }

        if (!trainableAfter)
        {
            context.Report(ProblemIds.DropoutAfterOutput, null, label);
        }

        // The mask and the output share the input's layout, so that the gradient is masked in place in the input's gradient
        // rows. On the caller's rows (never padded), the output is a padded copy in inference calls too.
        TensorPlan input = context.Input;
        int rowStride = input.IsNetworkInput && input.Shape.Rank == 1 ? MemoryPlan.Pad(input.RowStride) : input.RowStride;
        string rows = $"[{context.Network.BatchSize}][{rowStride}]";
        string output = context.Rows("Output", rowStride, rows);
        string mask = context.Rows("Mask", rowStride, rows + ", 0 or 1 / (1 - rate)");
        TensorPlan outputTensor = input.IsNetworkInput
            ? new TensorPlan(input.Shape, output, output, input.Positions == 1 ? rowStride : input.ChannelStride, rowStride, input.Shape.Rank == 1, null, input.FlattenedFrom)
            : input with { Buffer = output };
        return new DropoutPlan(context.Index, input, outputTensor, spec.Rate, mask);
    }
}
