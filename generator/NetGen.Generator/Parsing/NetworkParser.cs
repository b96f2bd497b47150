using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads a type carrying <c>[Network]</c> into a <see cref="NetworkSpec"/> and the locations of
/// its values. This is the only place that sees symbols and syntax; nothing it returns to the
/// generator pipeline holds either. It never throws on malformed code: what it cannot read
/// makes the spec null.
/// </summary>
internal static class NetworkParser
{
    public static ParsedNetwork Parse(INamedTypeSymbol type, AttributeData networkAttribute, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
        Location attributeLocation = LocationOf(networkAttribute, cancellationToken) ?? typeLocation;
        var locations = new DeclarationLocations(typeLocation, attributeLocation);

        CheckDeclaringType(type, networkAttribute, problems, cancellationToken);

        NetworkSpec? spec = ReadSpec(type, networkAttribute, locations, problems, cancellationToken);
        return new ParsedNetwork(spec, locations, problems);
    }

    /// <summary>The network, containing types and their keywords, or problems that prevent generating a partial part.</summary>
    private static void CheckDeclaringType(INamedTypeSymbol type, AttributeData networkAttribute, List<Problem> problems, CancellationToken cancellationToken)
    {
        Location location = type.Locations.FirstOrDefault() ?? Location.None;
        if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic || type.IsAbstract)
        {
            problems.Add(new Problem(ProblemIds.NotAClass, location, type.Name, DescribeKind(type)));
        }

        if (type.IsGenericType)
        {
            problems.Add(new Problem(ProblemIds.Generic, location, type.Name));
        }

        SyntaxNode? attributeSyntax = networkAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        TypeDeclarationSyntax? declaration = attributeSyntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (declaration is not null && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problems.Add(new Problem(ProblemIds.NotPartial, declaration.Identifier.GetLocation(), type.Name));
        }

        // The declarations around the one carrying [Network], innermost first, as the containing types are.
        TypeDeclarationSyntax? enclosing = declaration?.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                problems.Add(new Problem(ProblemIds.Generic, location, outer.Name));
            }

            bool partial = outer.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Any(syntax => syntax.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                problems.Add(new Problem(ProblemIds.ContainingTypeNotPartial, enclosing?.Identifier.GetLocation() ?? location, type.Name, outer.Name));
            }

            enclosing = enclosing?.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        }
    }

    private static NetworkSpec? ReadSpec(INamedTypeSymbol type, AttributeData network, DeclarationLocations locations, List<Problem> problems, CancellationToken cancellationToken)
    {
        bool complete = true;
        AttributeSyntax? networkSyntax = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        // A type whose name, or whose containing type's name, is still missing cannot be re-declared.
        for (INamedTypeSymbol? named = type; named is not null; named = named.ContainingType)
        {
            if (named.Name.Length == 0)
            {
                complete = false;
            }
        }

        // A named argument the compiler could not bind (a misspelt or half-typed property) is absent from NamedArguments.
        int namedInSource = networkSyntax?.ArgumentList?.Arguments.Count(argument => argument.NameEquals is not null) ?? 0;
        if (namedInSource != network.NamedArguments.Length)
        {
            complete = false;
        }

        int inputSize = 0;
        if (network.ConstructorArguments.Length == 1 && TryInt(network.ConstructorArguments[0], out inputSize))
        {
            locations.InputSize = ArgumentLocation(networkSyntax, 0, "inputSize") ?? locations.NetworkAttribute;
        }
        else
        {
            complete = false;
        }

        int batchSize = 32;
        var loss = LossKind.MeanSquaredError;
        var optimizer = OptimizerKind.Sgd;
        var hyper = new HyperparameterSpec();
        foreach (KeyValuePair<string, TypedConstant> named in network.NamedArguments)
        {
            Location location = NamedArgumentLocation(networkSyntax, named.Key) ?? locations.NetworkAttribute;
            locations.Named[named.Key] = location;
            TypedConstant value = named.Value;
            switch (named.Key)
            {
                case "BatchSize":
                    complete &= TryInt(value, out batchSize);
                    break;
                case "Loss":
                    complete &= TryEnum(value, out int lossValue);
                    loss = (LossKind)lossValue;
                    if (complete && !Enum.IsDefined(typeof(LossKind), lossValue))
                    {
                        problems.Add(new Problem(ProblemIds.UndefinedEnumValue, location, lossValue, "Loss"));
                    }

                    break;
                case "Optimizer":
                    complete &= TryEnum(value, out int optimizerValue);
                    optimizer = (OptimizerKind)optimizerValue;
                    if (complete && !Enum.IsDefined(typeof(OptimizerKind), optimizerValue))
                    {
                        problems.Add(new Problem(ProblemIds.UndefinedEnumValue, location, optimizerValue, "Optimizer"));
                    }

                    break;
                default:
                    if (TryFloat(value, out float number))
                    {
                        hyper = WithHyperparameter(hyper, named.Key, number);
                    }
                    else
                    {
                        complete = false;
                    }

                    break;
            }
        }

        List<LayerSpec>? layers = ReadLayers(type, network, locations, problems, cancellationToken);
        if (!complete || layers is null)
        {
            return null;
        }

        return new NetworkSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            new EquatableArray<ContainingTypeSpec>(ContainingTypes(type)),
            type.Name,
            inputSize,
            batchSize,
            loss,
            optimizer,
            hyper,
            new EquatableArray<LayerSpec>(layers));
    }

    /// <summary>The layer attributes in source order; null when one cannot be read.</summary>
    private static List<LayerSpec>? ReadLayers(INamedTypeSymbol type, AttributeData network, DeclarationLocations locations, List<Problem> problems, CancellationToken cancellationToken)
    {
        var found = new List<(AttributeData Attribute, AttributeSyntax? Syntax)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is WellKnownNames.DenseAttribute or WellKnownNames.DropoutAttribute)
            {
                found.Add((attribute, attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax));
            }
        }

        SyntaxTree? networkTree = network.ApplicationSyntaxReference?.SyntaxTree;
        TypeDeclarationSyntax? networkDeclaration = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();
        var layers = new List<LayerSpec>();
        bool complete = true;
        bool reportedSplit = false;
        // Source order within the declaration carrying [Network]; layers elsewhere (an error) after them, in a stable order.
        IEnumerable<(AttributeData Attribute, AttributeSyntax? Syntax)> ordered = found
            .OrderBy(pair => pair.Syntax is not null && pair.Syntax.SyntaxTree == networkTree && pair.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() == networkDeclaration ? 0 : 1)
            .ThenBy(pair => pair.Syntax?.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(pair => pair.Syntax?.SpanStart ?? int.MaxValue);
        foreach ((AttributeData attribute, AttributeSyntax? syntax) in ordered)
        {
            Location attributeLocation = syntax?.GetLocation() ?? locations.NetworkAttribute;
            if (!reportedSplit && syntax is not null && (syntax.SyntaxTree != networkTree || syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() != networkDeclaration))
            {
                problems.Add(new Problem(ProblemIds.LayersSplitAcrossDeclarations, attributeLocation, type.Name));
                reportedSplit = true;
            }

            var layerLocations = new LayerLocations(attributeLocation);
            locations.Layers.Add(layerLocations);
            ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
            if (attribute.AttributeClass!.ToDisplayString() == WellKnownNames.DenseAttribute)
            {
                if (arguments.Length == 2 && TryInt(arguments[0], out int units) && TryEnum(arguments[1], out int activation))
                {
                    layerLocations.First = ArgumentLocation(syntax, 0, "units") ?? attributeLocation;
                    layerLocations.Second = ArgumentLocation(syntax, 1, "activation") ?? attributeLocation;
                    if (!Enum.IsDefined(typeof(ActivationKind), activation))
                    {
                        problems.Add(new Problem(ProblemIds.UndefinedEnumValue, layerLocations.Second, activation, "Activation"));
                    }

                    layers.Add(LayerSpec.Dense(units, (ActivationKind)activation));
                }
                else
                {
                    complete = false;
                }
            }
            else if (arguments.Length == 1 && TryFloat(arguments[0], out float rate))
            {
                layerLocations.First = ArgumentLocation(syntax, 0, "rate") ?? attributeLocation;
                layers.Add(LayerSpec.Dropout(rate));
            }
            else
            {
                complete = false;
            }
        }

        return complete ? layers : null;
    }

    private static List<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.TypeKind switch
            {
                TypeKind.Struct => outer.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => outer.IsRecord ? "record" : "class",
            };
            chain.Add(new ContainingTypeSpec(keyword, outer.Name));
        }

        chain.Reverse();
        return chain;
    }

    private static HyperparameterSpec WithHyperparameter(HyperparameterSpec spec, string name, float value) => name switch
    {
        "LearningRate" => spec with { LearningRate = value },
        "Momentum" => spec with { Momentum = value },
        "Dampening" => spec with { Dampening = value },
        "Beta1" => spec with { Beta1 = value },
        "Beta2" => spec with { Beta2 = value },
        "Epsilon" => spec with { Epsilon = value },
        "Rho" => spec with { Rho = value },
        "L1" => spec with { L1 = value },
        "L2" => spec with { L2 = value },
        "WeightDecay" => spec with { WeightDecay = value },
        "ClipNorm" => spec with { ClipNorm = value },
        _ => spec,
    };

    private static string DescribeKind(INamedTypeSymbol type)
    {
        if (type.IsRecord)
        {
            return type.TypeKind == TypeKind.Struct ? "record struct" : "record";
        }

        return type.TypeKind switch
        {
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => type.IsStatic ? "static class" : type.IsAbstract ? "abstract class" : "class",
        };
    }

    // Arguments that did not bind (half-typed code, wrong types) have kind Error and must not be
    // read: their value would silently be 0.
    private static bool TryInt(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind == TypedConstantKind.Primitive && constant.Value is int number)
        {
            value = number;
            return true;
        }

        return false;
    }

    private static bool TryEnum(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind == TypedConstantKind.Enum && constant.Value is int number)
        {
            value = number;
            return true;
        }

        return false;
    }

    private static bool TryFloat(TypedConstant constant, out float value)
    {
        value = 0f;
        if (constant.Kind == TypedConstantKind.Primitive && constant.Value is float number)
        {
            value = number;
            return true;
        }

        return false;
    }

    private static Location? LocationOf(AttributeData attribute, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

    /// <summary>The location of constructor argument <paramref name="index"/>, written positionally or as <c>name:</c>.</summary>
    private static Location? ArgumentLocation(AttributeSyntax? syntax, int index, string parameterName)
    {
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = syntax.ArgumentList.Arguments;
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

    private static Location? NamedArgumentLocation(AttributeSyntax? syntax, string propertyName)
    {
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == propertyName)
            {
                return argument.GetLocation();
            }
        }

        return null;
    }
}
