using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Flatten;

/// <summary><c>[Flatten]</c> as declared.</summary>
internal sealed record FlattenSpec : LayerSpec
{
    public override LayerKind Kind => FlattenKind.Instance;
}

/// <summary>
/// One flat row of all the values of a shape, in NetGen's channels-last order. When the rows it receives hold their
/// values contiguously it is a view of them and costs nothing; when each position is padded (the output of a Dense
/// layer on several positions) it copies the values together and scatters the gradient back.
/// </summary>
internal sealed class FlattenKind : LayerKind<FlattenSpec>
{
    public static FlattenKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<FlattenAttribute>();

    public override bool IsLinear => true;

    public override LayerSpec? Read(AttributeReader attribute) => new FlattenSpec();

    protected override LayerPlan? Plan(FlattenSpec spec, LayerContext context)
    {
        TensorPlan input = context.Input;
        long size = input.Shape.Size;
        var shape = new Shape((int)size);
        Shape? flattened = input.Shape.Rank > 1 ? input.Shape : input.FlattenedFrom;
        if (input.ChannelStride == input.Channels)
        {
            bool padded = size % MemoryPlan.Alignment == 0 || (input.ZeroPadded && input.Shape.Rank == 1);
            TensorPlan view = input with { Shape = shape, ChannelStride = input.RowStride, ZeroPadded = padded, FlattenedFrom = flattened };
            return new FlattenPlan(context.Index, input, view, IsView: true);
        }

        int rowStride = MemoryPlan.Pad((int)size);
        string rows = $"[{context.Network.BatchSize}][{rowStride}]";
        string output = context.Rows("Output", rowStride, rows);
        string? gradient = input.Gradient is null ? null : context.Rows("Gradient", rowStride, rows + ", the gradient with respect to the output");
        var copy = new TensorPlan(shape, output, output, rowStride, rowStride, ZeroPadded: true, gradient, flattened);
        return new FlattenPlan(context.Index, input, copy, IsView: false);
    }

    /// <summary>A Flatten of a row that is flat already does nothing.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        if (layer.Input.Shape.Rank == 1)
        {
            problems.Add(new Problem(ProblemIds.FlattenOfFlatRow, Site.OfLayer(layer.Index), (layer.Index + 1).ToString(CultureInfo.InvariantCulture), layer.Input.Shape.ToString()));
        }
    }
}
