using System;

namespace NetGen;

/// <summary>
/// The numeric training settings of a network that may change after construction, for
/// schedules and searches. Sizes, layers, loss and optimizer are fixed by the declaration.
/// </summary>
public record struct Hyperparameters
{
    /// <summary>The learning rate; finite and at least 0.</summary>
    public float LearningRate { get; set; }

    /// <summary>Momentum factor, in [0, 1).</summary>
    public float Momentum { get; set; }

    /// <summary>Dampening of the momentum buffer, in [0, 1].</summary>
    public float Dampening { get; set; }

    /// <summary>Adam's first-moment decay, in [0, 1).</summary>
    public float Beta1 { get; set; }

    /// <summary>Adam's second-moment decay, in [0, 1).</summary>
    public float Beta2 { get; set; }

    /// <summary>Denominator term, finite and greater than 0.</summary>
    public float Epsilon { get; set; }

    /// <summary>RMSProp's decay, in [0, 1).</summary>
    public float Rho { get; set; }

    /// <summary>L1 penalty on weights, finite and at least 0.</summary>
    public float L1 { get; set; }

    /// <summary>L2 penalty on weights, finite and at least 0.</summary>
    public float L2 { get; set; }

    /// <summary>Decoupled weight decay (AdamW), finite and at least 0.</summary>
    public float WeightDecay { get; set; }

    /// <summary>Gradient clipping norm, finite and at least 0 (0 = off).</summary>
    public float ClipNorm { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of its range.</summary>
    public readonly void Validate()
    {
        NonNegative(LearningRate, nameof(LearningRate));
        UnitOpen(Momentum, nameof(Momentum));
        if (!(Dampening >= 0f && Dampening <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Dampening), Dampening, $"{nameof(Dampening)} must be in [0, 1]; it is {Dampening}.");
        }

        UnitOpen(Beta1, nameof(Beta1));
        UnitOpen(Beta2, nameof(Beta2));
        if (!(Epsilon > 0f && float.IsFinite(Epsilon)))
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, $"{nameof(Epsilon)} must be finite and greater than 0; it is {Epsilon}.");
        }

        UnitOpen(Rho, nameof(Rho));
        NonNegative(L1, nameof(L1));
        NonNegative(L2, nameof(L2));
        NonNegative(WeightDecay, nameof(WeightDecay));
        NonNegative(ClipNorm, nameof(ClipNorm));
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is finite and at least 0.</summary>
    public static void ValidateNonNegative(float value, string name) => NonNegative(value, name);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is in [0, 1).</summary>
    public static void ValidateUnitInterval(float value, string name) => UnitOpen(value, name);

    private static void NonNegative(float value, string name)
    {
        if (!(value >= 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0; it is {value}.");
        }
    }

    private static void UnitOpen(float value, string name)
    {
        if (!(value >= 0f && value < 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1); it is {value}.");
        }
    }
}
