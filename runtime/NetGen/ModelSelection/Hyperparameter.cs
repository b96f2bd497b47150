using System;

namespace NetGen.ModelSelection;

/// <summary>The run-time hyperparameters a search can vary (the numeric fields of <see cref="Hyperparameters"/>).</summary>
public enum Hyperparameter
{
    /// <summary><see cref="Hyperparameters.LearningRate"/>.</summary>
    LearningRate = 0,

    /// <summary><see cref="Hyperparameters.Momentum"/>.</summary>
    Momentum = 1,

    /// <summary><see cref="Hyperparameters.Dampening"/>.</summary>
    Dampening = 2,

    /// <summary><see cref="Hyperparameters.Beta1"/>.</summary>
    Beta1 = 3,

    /// <summary><see cref="Hyperparameters.Beta2"/>.</summary>
    Beta2 = 4,

    /// <summary><see cref="Hyperparameters.Epsilon"/>.</summary>
    Epsilon = 5,

    /// <summary><see cref="Hyperparameters.Rho"/>.</summary>
    Rho = 6,

    /// <summary><see cref="Hyperparameters.L1"/>.</summary>
    L1 = 7,

    /// <summary><see cref="Hyperparameters.L2"/>.</summary>
    L2 = 8,

    /// <summary><see cref="Hyperparameters.WeightDecay"/>.</summary>
    WeightDecay = 9,

    /// <summary><see cref="Hyperparameters.ClipNorm"/>.</summary>
    ClipNorm = 10,
}

/// <summary>Reads and replaces one <see cref="Hyperparameter"/> of a <see cref="Hyperparameters"/> value.</summary>
public static class HyperparameterAccess
{
    /// <summary>The value of <paramref name="name"/> in <paramref name="values"/>.</summary>
    public static float Get(this Hyperparameters values, Hyperparameter name) => name switch
    {
        Hyperparameter.LearningRate => values.LearningRate,
        Hyperparameter.Momentum => values.Momentum,
        Hyperparameter.Dampening => values.Dampening,
        Hyperparameter.Beta1 => values.Beta1,
        Hyperparameter.Beta2 => values.Beta2,
        Hyperparameter.Epsilon => values.Epsilon,
        Hyperparameter.Rho => values.Rho,
        Hyperparameter.L1 => values.L1,
        Hyperparameter.L2 => values.L2,
        Hyperparameter.WeightDecay => values.WeightDecay,
        Hyperparameter.ClipNorm => values.ClipNorm,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown hyperparameter."),
    };

    /// <summary>A copy of <paramref name="values"/> with <paramref name="name"/> set to <paramref name="value"/> (validated when assigned to a network).</summary>
    public static Hyperparameters With(this Hyperparameters values, Hyperparameter name, float value) => name switch
    {
        Hyperparameter.LearningRate => values with { LearningRate = value },
        Hyperparameter.Momentum => values with { Momentum = value },
        Hyperparameter.Dampening => values with { Dampening = value },
        Hyperparameter.Beta1 => values with { Beta1 = value },
        Hyperparameter.Beta2 => values with { Beta2 = value },
        Hyperparameter.Epsilon => values with { Epsilon = value },
        Hyperparameter.Rho => values with { Rho = value },
        Hyperparameter.L1 => values with { L1 = value },
        Hyperparameter.L2 => values with { L2 = value },
        Hyperparameter.WeightDecay => values with { WeightDecay = value },
        Hyperparameter.ClipNorm => values with { ClipNorm = value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown hyperparameter."),
    };
}
