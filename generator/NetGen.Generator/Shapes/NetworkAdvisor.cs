using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Shapes;

/// <summary>
/// Finds likely mistakes in a declaration that can still be generated: linear layers that
/// collapse into one, softmax on a hidden layer, a learning rate far above what the optimizer is
/// used with. The analyzers report them as warnings; the generator does not look at them.
/// </summary>
internal static class NetworkAdvisor
{
    public static List<Problem> Advise(NetworkSpec spec, DeclarationLocations locations)
    {
        var problems = new List<Problem>();
        CheckActivations(spec, locations, problems);
        CheckLearningRate(spec, locations, problems);
        return problems;
    }

    /// <summary>The learning rate above which <paramref name="optimizer"/> is unusual: adaptive
    /// methods move every weight by about the learning rate per step whatever the gradient's scale,
    /// so more than 0.1 is rare; plain and momentum SGD and AdaGrad scale the step by the gradient
    /// (AdaGrad also shrinks it over time), so only more than 1 is.</summary>
    public static float LargestUsualLearningRate(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.RMSProp or OptimizerKind.Adam or OptimizerKind.AdamW => 0.1f,
        _ => 1f,
    };

    private static void CheckActivations(NetworkSpec spec, DeclarationLocations locations, List<Problem> problems)
    {
        int lastDense = -1;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            if (spec.Layers[i].Kind == LayerKindSpec.Dense)
            {
                lastDense = i;
            }
        }

        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            if (layer.Kind != LayerKindSpec.Dense || i == lastDense)
            {
                continue;
            }

            Location activation = i < locations.Layers.Count ? locations.Layers[i].Second : locations.NetworkAttribute;
            if (layer.Activation == ActivationKind.None)
            {
                // Dropout only rescales, so a linear layer still meets the next Dense layer through it.
                int next = i + 1;
                while (next < spec.Layers.Count && spec.Layers[next].Kind == LayerKindSpec.Dropout)
                {
                    next++;
                }

                if (next < spec.Layers.Count && spec.Layers[next].Kind == LayerKindSpec.Dense)
                {
                    problems.Add(new Problem(ProblemIds.LinearLayersCollapse, activation, i + 1, next + 1));
                }
            }
            else if (layer.Activation == ActivationKind.Softmax)
            {
                problems.Add(new Problem(ProblemIds.SoftmaxOnHiddenLayer, activation, i + 1));
            }
        }
    }

    private static void CheckLearningRate(NetworkSpec spec, DeclarationLocations locations, List<Problem> problems)
    {
        float rate = spec.Hyperparameters.LearningRate;
        float usual = LargestUsualLearningRate(spec.Optimizer);
        if (rate > usual && !float.IsInfinity(rate))
        {
            problems.Add(new Problem(
                ProblemIds.LearningRateUnusuallyLarge,
                locations.NamedOrAttribute("LearningRate"),
                Format(rate),
                spec.Optimizer.ToString(),
                Format(usual)));
        }
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
