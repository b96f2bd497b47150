using System.Collections.Generic;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
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
        CheckIgnoredHyperparameters(plan.Spec, problems);
        return problems;
    }

    /// <summary>
    /// A hyperparameter written on <c>[Network]</c> that the chosen optimizer never reads: <c>Optimizer.Sgd</c> with
    /// <c>Momentum = 0.9f</c> (the literal translation of <c>SGD(lr, momentum=0.9)</c>) trains without momentum. A value that
    /// switches its effect off (a momentum, dampening or weight decay of 0) is no mistake and is not reported.
    /// </summary>
    private static void CheckIgnoredHyperparameters(NetworkSpec spec, List<Problem> problems)
    {
        foreach (HyperparameterValue value in spec.Hyperparameters.Explicit)
        {
            if (HyperparameterDefinitions.Find(value.Name) is not { } definition || definition.IsUsedBy(spec.Optimizer) || IsNeutral(definition, value.Value))
            {
                continue;
            }

            var users = new List<string>();
            foreach (Optimizer user in SuggestedOptimizers(definition))
            {
                users.Add(user.ToString());
            }

            problems.Add(new Problem(
                ProblemIds.HyperparameterIgnoredByOptimizer,
                Site.Network(definition.Name),
                definition.Name,
                HyperparameterDefinitions.Format(value.Value),
                spec.Optimizer.ToString(),
                Alternatives(users))
            {
                Suggestion = string.Join(",", users),
            });
        }
    }

    /// <summary>The optimizers to suggest for a hyperparameter, the most likely meant first: the ones that read it, with
    /// Adam ahead of AdaGrad and RMSProp for the denominator term.</summary>
    public static IEnumerable<Optimizer> SuggestedOptimizers(HyperparameterDefinition definition)
    {
        var users = new List<Optimizer>(definition.UsedBy);
        users.Sort((a, b) => Preference(a).CompareTo(Preference(b)));
        return users;
    }

    private static int Preference(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Adam => 0,
        Optimizer.AdamW => 1,
        _ => 2 + (int)optimizer,
    };

    private static bool IsNeutral(HyperparameterDefinition definition, float value) =>
        value == 0f && (definition == HyperparameterDefinitions.Momentum || definition == HyperparameterDefinitions.Dampening || definition == HyperparameterDefinitions.WeightDecay);

    private static string Alternatives(List<string> optimizers)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < optimizers.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == optimizers.Count - 1 ? " or " : ", ").Append("Optimizer.").Append(optimizers[i]);
        }

        return text.ToString();
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
