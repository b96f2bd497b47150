using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// Inverted dropout: in training steps each element is zeroed with probability
/// <paramref name="rate"/> and the others are scaled by <c>1 / (1 - rate)</c>; in
/// <c>Predict</c> and <c>Evaluate</c> the layer is the identity. The mask comes from the
/// network's own seeded generator, so runs are reproducible.
/// </summary>
/// <param name="rate">The probability of dropping an element, in [0, 1).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(float rate) : Attribute
{
    /// <summary>The probability of dropping an element.</summary>
    public float Rate { get; } = rate;
}
