using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads the arguments of one attribute application as plain values, recording where each was written.
/// Arguments that did not bind (half-typed code, arguments of the wrong type) have kind Error and are never
/// read as 0: a read fails instead and the declaration is left to the compiler's own errors.
/// </summary>
internal sealed class AttributeReader
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;
    private readonly List<LocatedProblem> _problems;

    public AttributeReader(AttributeData attribute, AttributeLocations locations, List<LocatedProblem> problems, CancellationToken cancellationToken)
    {
        _attribute = attribute;
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        Locations = locations;
        _problems = problems;
    }

    /// <summary>Where the attribute and its arguments were written.</summary>
    public AttributeLocations Locations { get; }

    /// <summary>The constructor arguments, defaults of optional parameters included.</summary>
    public ImmutableArray<TypedConstant> ConstructorArguments => _attribute.ConstructorArguments;

    /// <summary>Whether every named argument in the source bound to a property (a misspelt one is missing from the attribute data).</summary>
    public bool NamedArgumentsBound
    {
        get
        {
            int written = 0;
            if (_syntax?.ArgumentList is not null)
            {
                foreach (AttributeArgumentSyntax argument in _syntax.ArgumentList.Arguments)
                {
                    written += argument.NameEquals is null ? 0 : 1;
                }
            }

            return written == _attribute.NamedArguments.Length;
        }
    }

    /// <summary>Constructor argument <paramref name="position"/>, an int, written positionally or as <c>name:</c>.</summary>
    public bool TryInt(int position, string name, out int value)
    {
        value = 0;
        return position < ConstructorArguments.Length && Int(ConstructorArguments[position], out value) && Record(position, name);
    }

    /// <summary>Constructor argument <paramref name="position"/>, a float.</summary>
    public bool TryFloat(int position, string name, out float value)
    {
        value = 0f;
        return position < ConstructorArguments.Length && Float(ConstructorArguments[position], out value) && Record(position, name);
    }

    /// <summary>Constructor argument <paramref name="position"/>, a value of <typeparamref name="TEnum"/>; an undefined value is reported.</summary>
    public bool TryEnum<TEnum>(int position, string name, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return position < ConstructorArguments.Length && Enum(ConstructorArguments[position], out value) && Record(position, name) && Defined(value, name);
    }

    /// <summary>A named int property: its value, or <paramref name="fallback"/> when it is not written.</summary>
    public bool TryNamedInt(string property, int fallback, out int value)
    {
        value = fallback;
        return !TryNamed(property, out TypedConstant constant) || Int(constant, out value);
    }

    /// <summary>A named float property: its value, or <paramref name="fallback"/> when it is not written.</summary>
    public bool TryNamedFloat(string property, float fallback, out float value)
    {
        value = fallback;
        return !TryNamed(property, out TypedConstant constant) || Float(constant, out value);
    }

    /// <summary>A named bool property: its value, or <paramref name="fallback"/> when it is not written.</summary>
    public bool TryNamedBool(string property, bool fallback, out bool value)
    {
        value = fallback;
        if (!TryNamed(property, out TypedConstant constant))
        {
            return true;
        }

        if (constant.Kind == TypedConstantKind.Primitive && constant.Value is bool flag)
        {
            value = flag;
            return true;
        }

        return false;
    }

    /// <summary>A named enum property: its value, or <paramref name="fallback"/> when it is not written; an undefined value is reported.</summary>
    public bool TryNamedEnum<TEnum>(string property, TEnum fallback, out TEnum value)
        where TEnum : struct, Enum
    {
        value = fallback;
        return !TryNamed(property, out TypedConstant constant) || (Enum(constant, out value) && Defined(value, property));
    }

    /// <summary>Every named argument that bound, with its location recorded.</summary>
    public IEnumerable<KeyValuePair<string, TypedConstant>> NamedArguments()
    {
        foreach (KeyValuePair<string, TypedConstant> named in _attribute.NamedArguments)
        {
            Locations.Add(named.Key, NamedArgumentLocation(named.Key) ?? Locations.Attribute);
            yield return named;
        }
    }

    public static bool Int(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind == TypedConstantKind.Primitive && constant.Value is int number)
        {
            value = number;
            return true;
        }

        return false;
    }

    public static bool Float(TypedConstant constant, out float value)
    {
        value = 0f;
        if (constant.Kind == TypedConstantKind.Primitive && constant.Value is float number)
        {
            value = number;
            return true;
        }

        return false;
    }

    public static bool Enum<TEnum>(TypedConstant constant, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (constant.Kind == TypedConstantKind.Enum && constant.Value is int number)
        {
            value = (TEnum)System.Enum.ToObject(typeof(TEnum), number);
            return true;
        }

        return false;
    }

    /// <summary>Reports an enum value outside the enum's members (a cast such as <c>(Activation)99</c>); reading goes on.</summary>
    public bool Defined<TEnum>(TEnum value, string argument)
        where TEnum : struct, Enum
    {
        if (!System.Enum.IsDefined(typeof(TEnum), value))
        {
            _problems.Add(new LocatedProblem(ProblemIds.UndefinedEnumValue, Locations.Of(argument), Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), typeof(TEnum).Name));
        }

        return true;
    }

    private bool TryNamed(string property, out TypedConstant constant)
    {
        foreach (KeyValuePair<string, TypedConstant> named in _attribute.NamedArguments)
        {
            if (named.Key == property)
            {
                Locations.Add(property, NamedArgumentLocation(property) ?? Locations.Attribute);
                constant = named.Value;
                return true;
            }
        }

        constant = default;
        return false;
    }

    private bool Record(int position, string name)
    {
        Locations.Add(name, ArgumentLocation(position, name) ?? Locations.Attribute);
        return true;
    }

    /// <summary>The location of constructor argument <paramref name="index"/>, written positionally or as <c>name:</c>.</summary>
    private Location? ArgumentLocation(int index, string parameterName)
    {
        if (_syntax?.ArgumentList is null)
        {
            return null;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _syntax.ArgumentList.Arguments;
        foreach (AttributeArgumentSyntax argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == parameterName)
            {
                return argument.GetLocation();
            }
        }

        int position = 0;
        foreach (AttributeArgumentSyntax argument in arguments)
        {
            if (argument.NameEquals is not null || argument.NameColon is not null)
            {
                continue;
            }

            if (position++ == index)
            {
                return argument.GetLocation();
            }
        }

        return null;
    }

    private Location? NamedArgumentLocation(string propertyName)
    {
        if (_syntax?.ArgumentList is null)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in _syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == propertyName)
            {
                return argument.GetLocation();
            }
        }

        return null;
    }
}
