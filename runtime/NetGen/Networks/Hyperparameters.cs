using System;
using System.Collections.Generic;
using NetGen.ModelSelection;

namespace NetGen;

/// <summary>
/// The numeric training settings of a network that may change after construction, for
/// schedules and searches. Sizes, layers, loss and optimizer are fixed by the declaration.
/// Each value's range is the one its <see cref="NetworkAttribute"/> property has; <see cref="Validate"/>
/// checks them all.
/// </summary>
public record struct Hyperparameters
{
    /// <summary>The learning rate; finite and in [0, 1e6].</summary>
    public float LearningRate { get; set; }

    /// <summary>Momentum factor, in [0, 1).</summary>
    public float Momentum { get; set; }

    /// <summary>Dampening of the momentum buffer, in [0, 1].</summary>
    public float Dampening { get; set; }

    /// <summary>Adam's first-moment decay, in [0, 1).</summary>
    public float Beta1 { get; set; }

    /// <summary>Adam's second-moment decay, in [0, 1).</summary>
    public float Beta2 { get; set; }

    /// <summary>Denominator term, finite and at least the smallest normal float (about 1.18e-38).</summary>
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

    /// <summary>The defaults of a <c>[Network]</c> declaration with <paramref name="optimizer"/> and no explicit value:
    /// PyTorch's (learning rate 0.001 for Adam and AdamW, 0.01 otherwise; momentum 0.9, betas 0.9 and 0.999,
    /// epsilon 1e-8, rho 0.99, no penalty, decay or clipping).</summary>
    /// <param name="optimizer">The update rule.</param>
    public static Hyperparameters Defaults(Optimizer optimizer)
    {
        var values = default(Hyperparameters);
        foreach (HyperparameterDefinition definition in HyperparameterDefinitions.All)
        {
            values = values.With((Hyperparameter)definition.Index, definition.DefaultFor(optimizer));
        }

        return values;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of its range, and the range.</summary>
    public readonly void Validate()
    {
        // An indexed loop: a schedule validates on every step, and an enumerator over the list would allocate.
        IReadOnlyList<HyperparameterDefinition> definitions = HyperparameterDefinitions.All;
        for (int i = 0; i < definitions.Count; i++)
        {
            HyperparameterDefinition definition = definitions[i];
            float value = this.Get((Hyperparameter)definition.Index);
            if (!definition.Accepts(value))
            {
                throw new ArgumentOutOfRangeException(definition.Name, value, definition.Problem(value) + ".");
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is finite and at least 0.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">Its name, for the message.</param>
    public static void ValidateNonNegative(float value, string name)
    {
        if (!(value >= 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0; it is {value}.");
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is in [0, 1).</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">Its name, for the message.</param>
    public static void ValidateUnitInterval(float value, string name)
    {
        if (!(value >= 0f && value < 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1); it is {value}.");
        }
    }
}
