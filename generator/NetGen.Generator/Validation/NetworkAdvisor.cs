using System.Collections.Generic;
using NetGen.Generator.Layers;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Validation;

/// <summary>
/// Finds likely mistakes in a declaration that can be generated, reading its plan: each layer kind's advice about its
/// layers (linear layers that collapse into one, softmax on a hidden layer, a Dense layer per position where a flat row
/// was meant), and a learning rate far above what the optimizer is used with. The analyzers report them as warnings;
/// the generator does not look at them.
/// </summary>
internal static class NetworkAdvisor
{
    public static List<Problem> Advise(NetworkPlan plan)
    {
        var problems = new List<Problem>();
        foreach (LayerPlan layer in plan.Layers)
        {
            plan.Spec.Layers[layer.Index].Kind.Advise(layer, plan, problems);
        }

        CheckLearningRate(plan, problems);
        return problems;
    }

    /// <summary>The learning rate above which <paramref name="optimizer"/> is unusual: adaptive
    /// methods move every weight by about the learning rate per step whatever the gradient's scale,
    /// so more than 0.1 is rare; plain and momentum SGD and AdaGrad scale the step by the gradient
    /// (AdaGrad also shrinks it over time), so only more than 1 is.</summary>
    public static float LargestUsualLearningRate(Optimizer optimizer) => optimizer switch
    {
        Optimizer.RMSProp or Optimizer.Adam or Optimizer.AdamW => 0.1f,
        _ => 1f,
    };

    private static void CheckLearningRate(NetworkPlan plan, List<Problem> problems)
    {
        Optimizer optimizer = plan.Spec.Optimizer;
        float rate = plan.Spec.Hyperparameters.ValueOf(HyperparameterDefinitions.LearningRate, optimizer);
        float usual = LargestUsualLearningRate(optimizer);
        if (rate > usual && !float.IsInfinity(rate))
        {
            problems.Add(new Problem(
                ProblemIds.LearningRateUnusuallyLarge,
                Site.Network(HyperparameterDefinitions.LearningRate.Name),
                HyperparameterDefinitions.Format(rate),
                optimizer.ToString(),
                HyperparameterDefinitions.Format(usual)));
        }
    }
}
