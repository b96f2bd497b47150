using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Model;

/// <summary>A hyperparameter the declaration sets explicitly.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The value written.</param>
internal sealed record HyperparameterValue(string Name, float Value);

/// <summary>The hyperparameters a <c>[Network]</c> declaration sets explicitly; every other one has its default
/// (<see cref="HyperparameterDefinitions"/>), which the emitted code takes from the runtime.</summary>
/// <param name="Explicit">The values written, in declaration order.</param>
internal sealed record HyperparameterSpec(EquatableArray<HyperparameterValue> Explicit)
{
    /// <summary>The value of <paramref name="definition"/>: the one written, or the default for <paramref name="optimizer"/>.</summary>
    public float ValueOf(HyperparameterDefinition definition, Optimizer optimizer)
    {
        foreach (HyperparameterValue value in Explicit)
        {
            if (value.Name == definition.Name)
            {
                return value.Value;
            }
        }

        return definition.DefaultFor(optimizer);
    }

    /// <summary>Whether the declaration writes <paramref name="definition"/>.</summary>
    public bool IsExplicit(HyperparameterDefinition definition)
    {
        foreach (HyperparameterValue value in Explicit)
        {
            if (value.Name == definition.Name)
            {
                return true;
            }
        }

        return false;
    }
}
