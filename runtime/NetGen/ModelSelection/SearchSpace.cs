using System;
using System.Collections.Generic;

namespace NetGen.ModelSelection;

/// <summary>The distribution of each hyperparameter of a random search.</summary>
public sealed class SearchSpace
{
    private readonly List<(Hyperparameter Name, ParameterDistribution Distribution)> _axes = [];

    /// <summary>Adds <paramref name="name"/> drawn from <paramref name="distribution"/>; returns this space for chaining.</summary>
    public SearchSpace Add(Hyperparameter name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (_axes.Exists(axis => axis.Name == name))
        {
            throw new ArgumentException($"{name} is already in the search space.", nameof(name));
        }

        _axes.Add((name, distribution));
        return this;
    }

    /// <summary>Draws <paramref name="count"/> candidates; the same seed draws the same ones.</summary>
    public IReadOnlyList<SearchCandidate> Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (_axes.Count == 0)
        {
            throw new InvalidOperationException("The search space is empty: add a hyperparameter first.");
        }

        var random = new DeterministicRandom(seed, stream: 5);
        var candidates = new List<SearchCandidate>(count);
        for (int i = 0; i < count; i++)
        {
            var values = new KeyValuePair<Hyperparameter, float>[_axes.Count];
            for (int a = 0; a < _axes.Count; a++)
            {
                values[a] = new(_axes[a].Name, _axes[a].Distribution.Sample(ref random));
            }

            candidates.Add(new SearchCandidate(values));
        }

        return candidates;
    }
}
