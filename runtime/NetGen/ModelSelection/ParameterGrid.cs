using System;
using System.Collections.Generic;

namespace NetGen.ModelSelection;

/// <summary>The values to try for each hyperparameter of a grid search; the candidates are every combination.</summary>
public sealed class ParameterGrid
{
    private readonly List<(Hyperparameter Name, float[] Values)> _axes = [];

    /// <summary>Adds the values to try for <paramref name="name"/>; returns this grid for chaining.</summary>
    /// <exception cref="ArgumentException">No values, or <paramref name="name"/> is already in the grid.</exception>
    public ParameterGrid Add(Hyperparameter name, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException($"Give at least one value for {name}.", nameof(values));
        }

        if (_axes.Exists(axis => axis.Name == name))
        {
            throw new ArgumentException($"{name} is already in the grid.", nameof(name));
        }

        _axes.Add((name, (float[])values.Clone()));
        return this;
    }

    /// <summary>The number of combinations.</summary>
    public int Count
    {
        get
        {
            int count = 1;
            foreach ((_, float[] values) in _axes)
            {
                count = checked(count * values.Length);
            }

            return _axes.Count == 0 ? 0 : count;
        }
    }

    /// <summary>Every combination, the last hyperparameter added varying fastest.</summary>
    public IReadOnlyList<SearchCandidate> Candidates()
    {
        var candidates = new List<SearchCandidate>(Count);
        if (_axes.Count == 0)
        {
            return candidates;
        }

        var positions = new int[_axes.Count];
        while (true)
        {
            var values = new KeyValuePair<Hyperparameter, float>[_axes.Count];
            for (int a = 0; a < _axes.Count; a++)
            {
                values[a] = new(_axes[a].Name, _axes[a].Values[positions[a]]);
            }

            candidates.Add(new SearchCandidate(values));
            int axis = _axes.Count - 1;
            while (axis >= 0 && ++positions[axis] == _axes[axis].Values.Length)
            {
                positions[axis] = 0;
                axis--;
            }

            if (axis < 0)
            {
                return candidates;
            }
        }
    }
}
