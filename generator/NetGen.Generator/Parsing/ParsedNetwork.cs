using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;

namespace NetGen.Generator.Parsing;

/// <summary>Where each value of a declaration was written, so that problems point at their cause.</summary>
internal sealed class DeclarationLocations
{
    public DeclarationLocations(Location type, Location networkAttribute)
    {
        Type = type;
        NetworkAttribute = networkAttribute;
        InputSize = networkAttribute;
    }

    /// <summary>The type's name in its declaration.</summary>
    public Location Type { get; }

    /// <summary>The <c>[Network]</c> attribute.</summary>
    public Location NetworkAttribute { get; }

    /// <summary>The input size argument.</summary>
    public Location InputSize { get; set; }

    /// <summary>Named arguments of <c>[Network]</c> by property name.</summary>
    public Dictionary<string, Location> Named { get; } = new();

    /// <summary>Per layer, in order.</summary>
    public List<LayerLocations> Layers { get; } = new();

    public Location NamedOrAttribute(string name) => Named.TryGetValue(name, out Location? location) ? location : NetworkAttribute;
}

/// <summary>Where one layer attribute and its arguments were written.</summary>
internal sealed class LayerLocations
{
    public LayerLocations(Location attribute)
    {
        Attribute = attribute;
        First = attribute;
        Second = attribute;
    }

    /// <summary>The whole attribute.</summary>
    public Location Attribute { get; }

    /// <summary>The first argument: a Dense layer's units or a Dropout layer's rate.</summary>
    public Location First { get; set; }

    /// <summary>The second argument: a Dense layer's activation (the attribute when omitted).</summary>
    public Location Second { get; set; }
}

/// <summary>What the parser read from one <c>[Network]</c> declaration.</summary>
internal sealed class ParsedNetwork
{
    public ParsedNetwork(NetworkSpec? spec, DeclarationLocations? locations, IReadOnlyList<Problem> problems)
    {
        Spec = spec;
        Locations = locations;
        Problems = problems;
    }

    /// <summary>The values as written, valid or not; null when the declaration could not be read
    /// completely (half-typed code, arguments of the wrong type), which the compiler reports itself.</summary>
    public NetworkSpec? Spec { get; }

    public DeclarationLocations? Locations { get; }

    /// <summary>Problems with the declaring type found while parsing.</summary>
    public IReadOnlyList<Problem> Problems { get; }
}
