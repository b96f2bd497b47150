// The one list of NetGen's numeric hyperparameters: names, defaults, valid ranges and the wording
// of their errors. The runtime compiles it (Hyperparameters, checkpoints, searches), and so do the
// source generator and the analyzers (the [Network] attribute's arguments and their diagnostics),
// so that the two sides can never disagree.
using System.Collections.Generic;
using System.Globalization;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>The values a hyperparameter accepts.</summary>
internal enum HyperparameterRange
{
    /// <summary>Finite, at least 0 and not negative zero.</summary>
    NonNegative,

    /// <summary>In [0, 1).</summary>
    UnitOpen,

    /// <summary>In [0, 1].</summary>
    UnitClosed,

    /// <summary>Finite and at least the smallest normal float: a subnormal denominator term makes every step slow and imprecise.</summary>
    PositiveNormal,

    /// <summary>Finite, in [0, <see cref="HyperparameterDefinitions.MaxLearningRate"/>] and not negative zero: a larger rate turns any gradient into an overflow.</summary>
    LearningRate,
}

/// <summary>One numeric hyperparameter: a property of <c>[Network]</c> and of <c>Hyperparameters</c> of the same name.</summary>
internal sealed class HyperparameterDefinition
{
    internal HyperparameterDefinition(int index, string name, string words, float defaultValue, HyperparameterRange range, params Optimizer[] usedBy)
    {
        Index = index;
        Name = name;
        Words = words;
        Default = defaultValue;
        Range = range;
        UsedBy = usedBy;
    }

    /// <summary>The position in checkpoints and in the <c>Hyperparameter</c> enum.</summary>
    public int Index { get; }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>What it is, in words, for documentation and messages.</summary>
    public string Words { get; }

    /// <summary>The default; for the learning rate, see <see cref="DefaultFor"/>.</summary>
    public float Default { get; }

    public HyperparameterRange Range { get; }

    /// <summary>The optimizers whose update reads it; empty when every optimizer does.</summary>
    public IReadOnlyList<Optimizer> UsedBy { get; }

    /// <summary>Whether <paramref name="optimizer"/> reads this hyperparameter.</summary>
    public bool IsUsedBy(Optimizer optimizer)
    {
        if (UsedBy.Count == 0)
        {
            return true;
        }

        foreach (Optimizer user in UsedBy)
        {
            if (user == optimizer)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The default for <paramref name="optimizer"/>: PyTorch's, so 0.001 for the learning rate of Adam and AdamW and 0.01 for the others.</summary>
    public float DefaultFor(Optimizer optimizer)
        => Index == HyperparameterDefinitions.LearningRate.Index && optimizer is not (Optimizer.Adam or Optimizer.AdamW) ? 0.01f : Default;

    /// <summary>The range in words, completing "it must be ...".</summary>
    public string RangeText => Range switch
    {
        HyperparameterRange.NonNegative => "finite and at least 0",
        HyperparameterRange.UnitOpen => "in [0, 1)",
        HyperparameterRange.UnitClosed => "in [0, 1]",
        HyperparameterRange.PositiveNormal => "finite and at least " + HyperparameterDefinitions.Format(HyperparameterDefinitions.SmallestNormal) + " (the smallest normal float)",
        _ => "finite and in [0, " + HyperparameterDefinitions.Format(HyperparameterDefinitions.MaxLearningRate) + "]",
    };

    /// <summary>Whether <paramref name="value"/> is in the range.</summary>
    public bool Accepts(float value) => Range switch
    {
        HyperparameterRange.NonNegative => value >= 0f && value <= float.MaxValue && !IsNegativeZero(value),
        HyperparameterRange.UnitOpen => value >= 0f && value < 1f && !IsNegativeZero(value),
        HyperparameterRange.UnitClosed => value >= 0f && value <= 1f && !IsNegativeZero(value),
        HyperparameterRange.PositiveNormal => value >= HyperparameterDefinitions.SmallestNormal && value <= float.MaxValue,
        _ => value >= 0f && value <= HyperparameterDefinitions.MaxLearningRate && !IsNegativeZero(value),
    };

    /// <summary>The message of a value out of range: "<c>Momentum is 1.5; it must be in [0, 1)</c>".</summary>
    public string Problem(float value) => Name + " is " + HyperparameterDefinitions.Format(value) + "; it must be " + RangeText + (IsNegativeZero(value) ? ", not negative zero" : string.Empty);

    private static bool IsNegativeZero(float value) => value == 0f && float.IsNegativeInfinity(1f / value);
}

/// <summary>Every hyperparameter, in checkpoint order.</summary>
internal static class HyperparameterDefinitions
{
    /// <summary>The largest learning rate accepted.</summary>
    public const float MaxLearningRate = 1e6f;

    /// <summary>The smallest normal float (2^-126).</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    public static HyperparameterDefinition LearningRate { get; } = new(0, nameof(LearningRate), "learning rate", 0.001f, HyperparameterRange.LearningRate);

    public static HyperparameterDefinition Momentum { get; } = new(1, nameof(Momentum), "momentum factor", 0.9f, HyperparameterRange.UnitOpen, Optimizer.Momentum, Optimizer.Nesterov);

    public static HyperparameterDefinition Dampening { get; } = new(2, nameof(Dampening), "dampening of the momentum buffer", 0f, HyperparameterRange.UnitClosed, Optimizer.Momentum, Optimizer.Nesterov);

    public static HyperparameterDefinition Beta1 { get; } = new(3, nameof(Beta1), "first-moment decay", 0.9f, HyperparameterRange.UnitOpen, Optimizer.Adam, Optimizer.AdamW);

    public static HyperparameterDefinition Beta2 { get; } = new(4, nameof(Beta2), "second-moment decay", 0.999f, HyperparameterRange.UnitOpen, Optimizer.Adam, Optimizer.AdamW);

    public static HyperparameterDefinition Epsilon { get; } = new(5, nameof(Epsilon), "denominator term", 1e-8f, HyperparameterRange.PositiveNormal, Optimizer.AdaGrad, Optimizer.RMSProp, Optimizer.Adam, Optimizer.AdamW);

    public static HyperparameterDefinition Rho { get; } = new(6, nameof(Rho), "squared-gradient decay", 0.99f, HyperparameterRange.UnitOpen, Optimizer.RMSProp);

    public static HyperparameterDefinition L1 { get; } = new(7, nameof(L1), "L1 penalty on weights", 0f, HyperparameterRange.NonNegative);

    public static HyperparameterDefinition L2 { get; } = new(8, nameof(L2), "L2 penalty on weights", 0f, HyperparameterRange.NonNegative);

    public static HyperparameterDefinition WeightDecay { get; } = new(9, nameof(WeightDecay), "decoupled weight decay", 0f, HyperparameterRange.NonNegative, Optimizer.AdamW);

    public static HyperparameterDefinition ClipNorm { get; } = new(10, nameof(ClipNorm), "gradient clipping norm", 0f, HyperparameterRange.NonNegative);

    /// <summary>Every hyperparameter, by <see cref="HyperparameterDefinition.Index"/>.</summary>
    public static IReadOnlyList<HyperparameterDefinition> All { get; } = new[] { LearningRate, Momentum, Dampening, Beta1, Beta2, Epsilon, Rho, L1, L2, WeightDecay, ClipNorm };

    /// <summary>The hyperparameter called <paramref name="name"/>, or null.</summary>
    public static HyperparameterDefinition? Find(string name)
    {
        foreach (HyperparameterDefinition definition in All)
        {
            if (definition.Name == name)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>A float as C# and the messages write it: the shortest text that reads back the same value.</summary>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
