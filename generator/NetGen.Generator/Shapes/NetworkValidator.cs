using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Shapes;

/// <summary>
/// Checks a parsed declaration: sizes, rates, how the layers fit the loss, hyperparameter ranges
/// and whether the whole network can be allocated. The generator emits only declarations with no
/// problem; the analyzers report every problem at its cause.
/// </summary>
internal static class NetworkValidator
{
    public static List<Problem> Validate(NetworkSpec spec, DeclarationLocations locations)
    {
        var problems = new List<Problem>();
        if (spec.InputSize < 1)
        {
            problems.Add(new Problem(ProblemIds.InputSizeNotPositive, locations.InputSize, spec.InputSize));
        }

        if (spec.BatchSize < 1)
        {
            problems.Add(new Problem(ProblemIds.BatchSizeNotPositive, locations.NamedOrAttribute("BatchSize"), spec.BatchSize));
        }

        CheckLayers(spec, locations, problems);
        CheckHyperparameters(spec.Hyperparameters, locations, problems);

        if (problems.Count == 0 && NetworkLayout.Create(spec) is null)
        {
            problems.Add(new Problem(
                ProblemIds.TooLarge,
                locations.NetworkAttribute,
                spec.TypeName,
                spec.BatchSize,
                NetworkLayout.CountParameters(spec).ToString("N0", CultureInfo.InvariantCulture),
                NetworkLayout.MaxSlabFloats.ToString("N0", CultureInfo.InvariantCulture)));
        }

        return problems;
    }

    private static void CheckLayers(NetworkSpec spec, DeclarationLocations locations, List<Problem> problems)
    {
        int lastDense = -1;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            LayerLocations where = At(locations, i);
            if (layer.Kind == LayerKindSpec.Dense)
            {
                lastDense = i;
                if (layer.Units < 1)
                {
                    problems.Add(new Problem(ProblemIds.UnitsNotPositive, where.First, i + 1, layer.Units));
                }
            }
            else if (!(layer.Rate >= 0f && layer.Rate < 1f))
            {
                problems.Add(new Problem(ProblemIds.DropoutRateOutOfRange, where.First, i + 1, Format(layer.Rate)));
            }
        }

        if (lastDense < 0)
        {
            problems.Add(new Problem(ProblemIds.NoDenseLayer, locations.NetworkAttribute, spec.TypeName));
            return;
        }

        for (int i = lastDense + 1; i < spec.Layers.Count; i++)
        {
            problems.Add(new Problem(ProblemIds.DropoutAfterOutput, At(locations, i).Attribute, i + 1));
        }

        LayerSpec output = spec.Layers[lastDense];
        LayerLocations outputAt = At(locations, lastDense);
        if (spec.Loss == LossKind.BinaryCrossEntropy && output.Activation != ActivationKind.Sigmoid)
        {
            problems.Add(new Problem(ProblemIds.BinaryCrossEntropyNeedsSigmoid, outputAt.Second, lastDense + 1, output.Activation.ToString()));
        }

        if (spec.Loss == LossKind.CategoricalCrossEntropy)
        {
            if (output.Activation != ActivationKind.Softmax)
            {
                problems.Add(new Problem(ProblemIds.CategoricalCrossEntropyNeedsSoftmax, outputAt.Second, lastDense + 1, output.Activation.ToString()));
            }

            if (output.Units is 1)
            {
                problems.Add(new Problem(ProblemIds.CategoricalCrossEntropyNeedsTwoUnits, outputAt.First, lastDense + 1, output.Units));
            }
        }
    }

    private static void CheckHyperparameters(HyperparameterSpec h, DeclarationLocations locations, List<Problem> problems)
    {
        void Require(bool ok, string name, float value, string range)
        {
            if (!ok)
            {
                problems.Add(new Problem(ProblemIds.HyperparameterOutOfRange, locations.NamedOrAttribute(name), name, Format(value), range));
            }
        }

        const string NonNegative = "finite and at least 0";
        const string UnitOpen = "in [0, 1)";
        Require(h.LearningRate >= 0f && IsFinite(h.LearningRate), "LearningRate", h.LearningRate, NonNegative);
        Require(h.Momentum >= 0f && h.Momentum < 1f, "Momentum", h.Momentum, UnitOpen);
        Require(h.Dampening >= 0f && h.Dampening <= 1f, "Dampening", h.Dampening, "in [0, 1]");
        Require(h.Beta1 >= 0f && h.Beta1 < 1f, "Beta1", h.Beta1, UnitOpen);
        Require(h.Beta2 >= 0f && h.Beta2 < 1f, "Beta2", h.Beta2, UnitOpen);
        Require(h.Epsilon > 0f && IsFinite(h.Epsilon), "Epsilon", h.Epsilon, "finite and greater than 0");
        Require(h.Rho >= 0f && h.Rho < 1f, "Rho", h.Rho, UnitOpen);
        Require(h.L1 >= 0f && IsFinite(h.L1), "L1", h.L1, NonNegative);
        Require(h.L2 >= 0f && IsFinite(h.L2), "L2", h.L2, NonNegative);
        Require(h.WeightDecay >= 0f && IsFinite(h.WeightDecay), "WeightDecay", h.WeightDecay, NonNegative);
        Require(h.ClipNorm >= 0f && IsFinite(h.ClipNorm), "ClipNorm", h.ClipNorm, NonNegative);
    }

    private static LayerLocations At(DeclarationLocations locations, int index)
        => index < locations.Layers.Count ? locations.Layers[index] : new LayerLocations(locations.NetworkAttribute);

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
