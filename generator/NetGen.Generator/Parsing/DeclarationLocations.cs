using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Parsing;

/// <summary>Where the attributes of a declaration and their arguments were written, so that a problem found at a
/// <see cref="Site"/> is reported at its cause. Never enters the generator pipeline.</summary>
internal sealed class DeclarationLocations
{
    public DeclarationLocations(Location networkAttribute)
    {
        Network = new AttributeLocations(networkAttribute);
    }

    /// <summary>The <c>[Network]</c> attribute and its arguments.</summary>
    public AttributeLocations Network { get; }

    /// <summary>Per layer attribute, in order.</summary>
    public List<AttributeLocations> Layers { get; } = new();

    /// <summary>The location of <paramref name="site"/>: its argument where it was written, else its attribute.</summary>
    public Location Of(Site site)
    {
        AttributeLocations attribute = site.Layer >= 0 && site.Layer < Layers.Count ? Layers[site.Layer] : Network;
        return attribute.Of(site.Argument);
    }
}

/// <summary>Where one attribute and its arguments were written.</summary>
internal sealed class AttributeLocations
{
    private readonly Dictionary<string, Location> _arguments = new();

    public AttributeLocations(Location attribute)
    {
        Attribute = attribute;
    }

    /// <summary>The whole attribute.</summary>
    public Location Attribute { get; }

    /// <summary>Records where <paramref name="argument"/> (a constructor parameter or a named property) was written.</summary>
    public void Add(string argument, Location location) => _arguments[argument] = location;

    /// <summary>The location of <paramref name="argument"/>, or of the attribute when it was not written (or is null).</summary>
    public Location Of(string? argument) => argument is not null && _arguments.TryGetValue(argument, out Location? location) ? location : Attribute;
}
