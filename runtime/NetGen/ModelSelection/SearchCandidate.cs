using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.ModelSelection;

/// <summary>One point of a search: a value for each searched hyperparameter.</summary>
public sealed class SearchCandidate
{
    private readonly KeyValuePair<Hyperparameter, float>[] _values;

    /// <summary>Creates a candidate.</summary>
    public SearchCandidate(IEnumerable<KeyValuePair<Hyperparameter, float>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
    }

    /// <summary>The hyperparameters and their values, in the order the search space lists them.</summary>
    public IReadOnlyList<KeyValuePair<Hyperparameter, float>> Values => _values;

    /// <summary>The value of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The candidate does not set it.</exception>
    public float this[Hyperparameter name]
    {
        get
        {
            foreach (KeyValuePair<Hyperparameter, float> pair in _values)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            throw new KeyNotFoundException($"The candidate does not set {name}.");
        }
    }

    /// <summary><paramref name="values"/> with this candidate's values set.</summary>
    public Hyperparameters ApplyTo(Hyperparameters values)
    {
        foreach (KeyValuePair<Hyperparameter, float> pair in _values)
        {
            values = values.With(pair.Key, pair.Value);
        }

        return values;
    }

    /// <summary>For example <c>LearningRate=0.01, L2=0.001</c>.</summary>
    public override string ToString() =>
        string.Join(", ", _values.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value:G4}")));
}
