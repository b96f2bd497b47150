using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.GlobalAvgPool;

/// <summary><c>[GlobalAvgPool]</c> as declared.</summary>
internal sealed record GlobalAvgPoolSpec : LayerSpec
{
    public override LayerKind Kind => GlobalAvgPoolKind.Instance;
}

/// <summary>The mean of each channel over every position: <c>(..., C)</c> becomes the flat row <c>(C)</c>, channels as the vector
/// lanes; its gradient is the output's gradient, divided by the positions, at every position.</summary>
internal sealed class GlobalAvgPoolKind : LayerKind<GlobalAvgPoolSpec>
{
    public static GlobalAvgPoolKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<GlobalAvgPoolAttribute>();

    public override bool IsLinear => true;

    public override LayerSpec? Read(AttributeReader attribute) => new GlobalAvgPoolSpec();

    protected override LayerPlan? Plan(GlobalAvgPoolSpec spec, LayerContext context)
    {
        TensorPlan input = context.Input;
        int channels = input.Channels;
        int stride = MemoryPlan.Pad(channels);
        string rows = $"[{context.Network.BatchSize}][{stride}]";
        string output = context.Rows("Output", stride, rows);
        string? gradient = input.Gradient is null ? null : context.Rows("Gradient", stride, rows + ", the gradient with respect to the output");
        var outputTensor = new TensorPlan(new Shape(channels), output, output, stride, stride, ZeroPadded: true, gradient, null);
        return new GlobalAvgPoolPlan(context.Index, input, outputTensor);
    }

    /// <summary>A flat row has one position: the mean over it is the row itself.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        if (layer.Input.Shape.Rank == 1)
        {
            problems.Add(new Problem(ProblemIds.GlobalPoolOfFlatRow, Site.OfLayer(layer.Index), (layer.Index + 1).ToString(CultureInfo.InvariantCulture), layer.Input.Shape.ToString()));
        }
    }
}
