using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Layers.Convolution;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Dense;

/// <summary><c>[Dense(units, activation)]</c> as declared.</summary>
internal sealed record DenseSpec(int Units, Activation Activation) : LayerSpec
{
    public override LayerKind Kind => DenseKind.Instance;
}

/// <summary>
/// A fully connected layer over the last axis: <c>y = activation(x W^T + b)</c> at every position. It plans the
/// weight layout (input-major for the first layer and for layers that widen, output-major as PyTorch stores it for
/// layers that narrow), panels for large input-major matrices, and the rows it keeps for the backward pass.
/// </summary>
internal sealed class DenseKind : LayerKind<DenseSpec>
{
    public const string UnitsArgument = "units";

    public static DenseKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<DenseAttribute>();

    public override bool HasParameters => true;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryInt(0, UnitsArgument, out int units) && attribute.TryEnum(1, LayerPlan.ActivationArgument, out Activation activation)
            ? new DenseSpec(units, activation)
            : null;

    protected override LayerPlan? Plan(DenseSpec spec, LayerContext context)
    {
        if (spec.Units < 1)
        {
            context.Report(ProblemIds.UnitsNotPositive, UnitsArgument, Text(context.Index + 1), Text(spec.Units), context.Input.Shape.ToString());
            return null;
        }

        TensorPlan input = context.Input;
        int inputs = input.Channels;
        int paddedUnits = MemoryPlan.Pad(spec.Units);
        long positions = input.Shape.Positions;
        long rowFloats = positions * paddedUnits;
        double parameters = ((double)spec.Units * inputs) + spec.Units;
        if (rowFloats * context.Network.BatchSize > MemoryPlan.MaxSlabFloats || parameters > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(parameters);
        }

        // Output-major needs rows whose channels are padded with zeros (its dot products load whole vectors of them).
        bool channelsPadded = input.ZeroPadded && input.ChannelStride == MemoryPlan.Pad(inputs);
        WeightLayout layout = !context.TrainableBefore || paddedUnits >= MemoryPlan.Pad(inputs) || !channelsPadded
            ? WeightLayout.InputMajor
            : WeightLayout.OutputMajor;
        int expectedRows = (int)System.Math.Min(int.MaxValue, positions * context.Network.BatchSize);
        PanelLayout panels = layout == WeightLayout.OutputMajor
            ? PanelLayout.Single(MemoryPlan.Pad(inputs), spec.Units)
            : PanelLayout.Plan(inputs, paddedUnits, context.AllowPanels ? TilePlanner.PanelWidth(expectedRows, inputs, paddedUnits) : 0);

        Shape outputShape = input.Shape.WithChannels(spec.Units);
        string weightShape = layout == WeightLayout.OutputMajor
            ? $"[{spec.Units}][{MemoryPlan.Pad(inputs)}], output-major"
            : panels.IsSingle ? $"[{inputs}][{paddedUnits}], input-major" : $"[{inputs}][{paddedUnits}], input-major in panels of {panels.Width} columns";
        string weights = context.Parameter("Weights", penalized: true, panels.Storage, weightShape);
        string rows = positions == 1 ? $"[{context.Network.BatchSize}][{paddedUnits}]" : $"[{context.Network.BatchSize}][{positions}][{paddedUnits}]";
        string output = context.Rows("Output", rowFloats, rows);
        string? preActivation = ActivatedOutput.KeepsPreActivation(context, spec.Activation) ? context.Rows("PreActivation", rowFloats, rows) : null;
        string gradient = context.Rows("Gradient", rowFloats, rows + ", the gradient with respect to the output, then the pre-activation");
        string bias = context.Parameter("Bias", penalized: false, paddedUnits, $"[{paddedUnits}]");

        // A one-row product over output-major weights reads each of a tile's outputs from its own row, rows a padded input length
        // apart; after some one-row inference calls, a copy in the order the tile reads them makes that one stream.
        string? inferenceWeights = null, inferenceWeightsCurrent = null;
        if (layout == WeightLayout.OutputMajor && CopiesWeightsForInference(context, positions, spec.Units, preActivation is not null))
        {
            inferenceWeights = context.Workspace("InferenceWeights", panels.Storage, $"[{spec.Units}][{MemoryPlan.Pad(inputs)}] in the order a one-row product reads them, for one-row inference calls");
            inferenceWeightsCurrent = context.Workspace("InferenceWeightsCurrent", 1, "1 while the copy above holds the current weights");
        }

        var outputTensor = new TensorPlan(outputShape, output, output, paddedUnits, (int)rowFloats, ZeroPadded: true, gradient, null);
        return new DensePlan(context.Index, input, outputTensor, spec.Units, spec.Activation, layout, panels, weights, bias, preActivation, context.CanonicalOffset, expectedRows)
        {
            InferenceWeights = inferenceWeights,
            InferenceWeightsCurrent = inferenceWeightsCurrent,
        };
    }

    /// <summary>
    /// Whether an output-major layer keeps a copy of its weights in the order a one-row product reads them: in the code with vector
    /// paths, for a flat row of at least 16 outputs (a whole tile on every path), unless the layer keeps its pre-activation or a
    /// BatchNorm after it folds into it (one-row inference calls then read the folded weights).
    /// </summary>
    private static bool CopiesWeightsForInference(LayerContext context, long positions, int units, bool keepsPreActivation)
    {
        bool foldedInto = context.Index + 1 < context.Network.Layers.Count && context.Network.Layers[context.Index + 1] is Layers.BatchNorm.BatchNormSpec;
        return !context.Network.Portable && positions == 1 && units >= 16 && !keepsPreActivation && !foldedInto;
    }

    /// <summary>Advice on a Dense layer that can be generated: a linear layer that meets another Dense layer through
    /// layers that are linear too, softmax on a hidden layer, and a Dense layer on several positions where a flat row was
    /// probably meant.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        var dense = (DensePlan)layer;
        bool isOutput = dense.Index == network.Layers.Count - 1;
        Site activation = Site.OfLayer(dense.Index, LayerPlan.ActivationArgument);
        if (!isOutput && dense.Activation == Activation.None)
        {
            int next = dense.Index + 1;
            while (next < network.Layers.Count && network.Spec.Layers[next].Kind.IsLinear)
            {
                next++;
            }

            if (next < network.Layers.Count && network.Layers[next] is DensePlan)
            {
                problems.Add(new Problem(ProblemIds.LinearLayersCollapse, activation, Text(dense.Index + 1), Text(next + 1)));
            }
        }
        else if (!isOutput && dense.Activation == Activation.Softmax)
        {
            problems.Add(new Problem(ProblemIds.SoftmaxOnHiddenLayer, activation, Text(dense.Index + 1)));
        }

        // Per position, a Dense layer on one channel (a pixel of a grey image), on the feature maps of a convolution or a pool (also
        // through a normalisation, a residual or a dropout), or feeding a classification over several positions is almost always a
        // forgotten Flatten.
        bool classifies = network.LossIsCrossEntropy;
        int source = dense.Index - 1;
        while (source >= 0 && (network.Spec.Layers[source].Kind.IsLinear || network.Spec.Layers[source].Kind.KeepsPositions))
        {
            source--;
        }

        // A causal convolution makes a sequence meant to be read step by step (a streamed network), as a recurrent layer does.
        bool afterFeatureMaps = source >= 0 && network.Spec.Layers[source].Kind.MakesFeatureMaps
            && network.Spec.Layers[source] is not ConvolutionSpec { Padding: Padding.Causal };
        // (A recurrent layer's sequence into a classifier has its own advice, NG0071.)
        if (dense.Input.Shape.Rank > 1 && (dense.Input.Channels == 1 || afterFeatureMaps || (classifies && network.Output.Shape.Rank > 1)) && !Recurrent.RecurrentPlan.ReadsReturnedSequence(dense, network))
        {
            problems.Add(new Problem(
                ProblemIds.DenseAppliesPerPosition,
                Site.OfLayer(dense.Index),
                Text(dense.Index + 1),
                dense.Declaration,
                dense.Input.Shape.ToString(),
                dense.Output.Shape.ToString(),
                dense.Input.Shape.Size.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
