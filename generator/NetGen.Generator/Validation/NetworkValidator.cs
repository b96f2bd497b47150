using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Validation;

/// <summary>
/// The rules of a declaration that belong to the network rather than to one layer kind: the input shape, the
/// batch size, the hyperparameters' ranges (from the shared vocabulary), that some layer has parameters, and that
/// the loss fits the output layer. Each layer kind checks its own arguments and shapes while it plans.
/// </summary>
internal static class NetworkValidator
{
    /// <summary>The argument name under which the parser records the input shape's location.</summary>
    public const string InputShapeArgument = "inputShape";

    /// <summary>Whether every axis of <paramref name="shape"/> is at least 1.</summary>
    public static bool ShapeIsValid(Shape shape)
    {
        if (shape.Rank == 0)
        {
            return false;
        }

        foreach (int axis in shape.Axes)
        {
            if (axis < 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The checks that need no plan: the input shape, the batch size and the hyperparameters.</summary>
    public static void CheckDeclaration(NetworkSpec spec, List<Problem> problems)
    {
        if (!ShapeIsValid(spec.InputShape))
        {
            problems.Add(new Problem(ProblemIds.InputShapeNotPositive, Site.Network(InputShapeArgument), spec.InputShape.ToString()));
        }

        if (spec.BatchSize < 1)
        {
            problems.Add(new Problem(ProblemIds.BatchSizeNotPositive, Site.Network(nameof(NetworkAttribute.BatchSize)), Text(spec.BatchSize)));
        }

        foreach (HyperparameterValue value in spec.Hyperparameters.Explicit)
        {
            HyperparameterDefinition? definition = HyperparameterDefinitions.Find(value.Name);
            if (definition is not null && !definition.Accepts(value.Value))
            {
                problems.Add(new Problem(ProblemIds.HyperparameterOutOfRange, Site.Network(definition.Name), definition.Problem(value.Value)));
            }
        }
    }

    /// <summary>The checks of the layers as a whole, over the layers planned so far (all of them when planning succeeded).</summary>
    public static void CheckLayers(NetworkSpec spec, IReadOnlyList<LayerPlan> planned, List<Problem> problems)
    {
        bool anyParameters = false;
        foreach (LayerSpec layer in spec.Layers)
        {
            anyParameters |= layer.Kind.HasParameters;
        }

        if (!anyParameters)
        {
            problems.Add(new Problem(ProblemIds.NoTrainableLayer, Site.Network(), spec.TypeName));
            return;
        }

        // A cross-entropy is computed from the logits of the output layer, whose activation must be the matching one.
        if (planned.Count == spec.Layers.Count)
        {
            CheckLoss(spec, planned[planned.Count - 1], problems);
        }
    }

    // A cross-entropy works from the output layer's logits: the layer applies the matching activation (outputs are
    // probabilities) or none (outputs are logits, as after PyTorch's final nn.Linear). A categorical one over a single
    // class is reported alone, since its advice (binary cross-entropy with a sigmoid) also settles the activation.
    private static void CheckLoss(NetworkSpec spec, LayerPlan output, List<Problem> problems)
    {
        if (spec.FusedActivation is not Activation fused)
        {
            return;
        }

        Activation? activation = output.OutputActivation;
        string layer = Text(output.Index + 1);
        if (fused == Activation.Softmax && output.Output.Channels < 2)
        {
            problems.Add(new Problem(ProblemIds.CategoricalCrossEntropyNeedsTwoUnits, Site.OfLayer(output.Index, output.WidthArgument), layer, output.Output.Shape.ToString(), spec.Loss.ToString()));
            return;
        }

        if (activation != fused && activation != Activation.None)
        {
            string id = fused == Activation.Sigmoid ? ProblemIds.BinaryCrossEntropyNeedsSigmoid : ProblemIds.CategoricalCrossEntropyNeedsSoftmax;
            Site at = Site.OfLayer(output.Index, activation is null ? null : LayerPlan.ActivationArgument);
            problems.Add(new Problem(id, at, layer, output.Declaration, spec.Loss.ToString()));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
