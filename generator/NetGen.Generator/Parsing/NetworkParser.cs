using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Parsing;

/// <summary>What the parser read from one <c>[Network]</c> declaration.</summary>
/// <param name="Spec">The values as written, valid or not; null when the declaration could not be read completely (half-typed
/// code, arguments of the wrong type), which the compiler reports itself.</param>
/// <param name="Locations">Where the attributes and their arguments were written.</param>
/// <param name="Problems">Problems with the declaring type or an argument found while parsing.</param>
internal sealed record ParsedNetwork(NetworkSpec? Spec, DeclarationLocations Locations, IReadOnlyList<LocatedProblem> Problems);

/// <summary>
/// Reads a type carrying <c>[Network]</c> into a <see cref="NetworkSpec"/> and the locations of
/// its values. This is the only place that sees symbols and syntax; nothing it returns to the
/// generator pipeline holds either. It never throws on malformed code: what it cannot read
/// makes the spec null. Each layer attribute is read by its kind (<see cref="LayerKinds"/>).
/// </summary>
internal static class NetworkParser
{
    public static ParsedNetwork Parse(INamedTypeSymbol type, AttributeData networkAttribute, CancellationToken cancellationToken)
    {
        var problems = new List<LocatedProblem>();
        Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
        Location attributeLocation = networkAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? typeLocation;
        var locations = new DeclarationLocations(attributeLocation);

        CheckDeclaringType(type, networkAttribute, problems, cancellationToken);

        NetworkSpec? spec = ReadSpec(type, networkAttribute, locations, problems, cancellationToken);
        return new ParsedNetwork(spec, locations, problems);
    }

    /// <summary>The network, containing types and their keywords, or problems that prevent generating a partial part.</summary>
    private static void CheckDeclaringType(INamedTypeSymbol type, AttributeData networkAttribute, List<LocatedProblem> problems, CancellationToken cancellationToken)
    {
        Location location = type.Locations.FirstOrDefault() ?? Location.None;
        if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic || type.IsAbstract)
        {
            problems.Add(new LocatedProblem(ProblemIds.NotAClass, location, type.Name, DescribeKind(type)));
        }

        if (type.IsGenericType)
        {
            problems.Add(new LocatedProblem(ProblemIds.Generic, location, type.Name));
        }

        SyntaxNode? attributeSyntax = networkAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        TypeDeclarationSyntax? declaration = attributeSyntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (declaration is not null && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problems.Add(new LocatedProblem(ProblemIds.NotPartial, declaration.Identifier.GetLocation(), type.Name));
        }

        // The declarations around the one carrying [Network], innermost first, as the containing types are.
        TypeDeclarationSyntax? enclosing = declaration?.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                problems.Add(new LocatedProblem(ProblemIds.Generic, location, outer.Name));
            }

            bool partial = outer.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Any(syntax => syntax.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                problems.Add(new LocatedProblem(ProblemIds.ContainingTypeNotPartial, enclosing?.Identifier.GetLocation() ?? location, type.Name, outer.Name));
            }

            enclosing = enclosing?.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        }
    }

    private static NetworkSpec? ReadSpec(INamedTypeSymbol type, AttributeData network, DeclarationLocations locations, List<LocatedProblem> problems, CancellationToken cancellationToken)
    {
        // A type whose name, or whose containing type's name, is still missing cannot be re-declared.
        bool complete = true;
        for (INamedTypeSymbol? named = type; named is not null; named = named.ContainingType)
        {
            complete &= named.Name.Length > 0;
        }

        var reader = new AttributeReader(network, locations.Network, problems, cancellationToken);
        complete &= reader.NamedArgumentsBound;
        Shape? inputShape = ReadInputShape(reader);
        complete &= inputShape is not null;

        int batchSize = 32;
        var loss = Loss.MeanSquaredError;
        var optimizer = Optimizer.Sgd;
        var hyperparameters = new List<HyperparameterValue>();
        foreach (KeyValuePair<string, TypedConstant> named in reader.NamedArguments())
        {
            switch (named.Key)
            {
                case nameof(NetworkAttribute.BatchSize):
                    complete &= AttributeReader.Int(named.Value, out batchSize);
                    break;
                case nameof(NetworkAttribute.Loss):
                    complete &= AttributeReader.Enum(named.Value, out loss) && reader.Defined(loss, named.Key);
                    break;
                case nameof(NetworkAttribute.Optimizer):
                    complete &= AttributeReader.Enum(named.Value, out optimizer) && reader.Defined(optimizer, named.Key);
                    break;
                default:
                    if (HyperparameterDefinitions.Find(named.Key) is not null && AttributeReader.Float(named.Value, out float value))
                    {
                        hyperparameters.Add(new HyperparameterValue(named.Key, value));
                    }
                    else
                    {
                        complete = false;
                    }

                    break;
            }
        }

        List<LayerSpec>? layers = ReadLayers(type, network, locations, problems, cancellationToken);
        if (!complete || layers is null || inputShape is null)
        {
            return null;
        }

        return new NetworkSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            new EquatableArray<ContainingTypeSpec>(ContainingTypes(type)),
            type.Name,
            inputShape,
            batchSize,
            loss,
            optimizer,
            new HyperparameterSpec(new EquatableArray<HyperparameterValue>(hyperparameters)),
            new EquatableArray<LayerSpec>(layers));
    }

    /// <summary>The input shape: <c>[Network(784)]</c> (one int) or <c>[Network(28, 28, 1)]</c> (the params array); null when it cannot be read.</summary>
    private static Shape? ReadInputShape(AttributeReader reader)
    {
        if (reader.ConstructorArguments.Length != 1)
        {
            return null;
        }

        TypedConstant argument = reader.ConstructorArguments[0];
        if (argument.Kind != TypedConstantKind.Array)
        {
            return reader.TryInt(0, "inputSize", out int size) && Record(reader, "inputSize") ? new Shape(size) : null;
        }

        if (argument.IsNull)
        {
            return null;
        }

        var axes = new int[argument.Values.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            if (!AttributeReader.Int(argument.Values[i], out axes[i]))
            {
                return null;
            }
        }

        reader.Locations.Add(NetworkValidator.InputShapeArgument, reader.Locations.Attribute);
        return new Shape(axes);
    }

    /// <summary>Files the location of <c>inputSize</c> under the name the validator reports the input shape at.</summary>
    private static bool Record(AttributeReader reader, string written)
    {
        reader.Locations.Add(NetworkValidator.InputShapeArgument, reader.Locations.Of(written));
        return true;
    }

    /// <summary>The layer attributes in source order; null when one cannot be read.</summary>
    private static List<LayerSpec>? ReadLayers(INamedTypeSymbol type, AttributeData network, DeclarationLocations locations, List<LocatedProblem> problems, CancellationToken cancellationToken)
    {
        var found = new List<(AttributeData Attribute, LayerKind Kind, AttributeSyntax? Syntax)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (LayerKinds.ForAttribute(attribute.AttributeClass?.ToDisplayString()) is { } kind)
            {
                found.Add((attribute, kind, attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax));
            }
        }

        SyntaxTree? networkTree = network.ApplicationSyntaxReference?.SyntaxTree;
        TypeDeclarationSyntax? networkDeclaration = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();
        var layers = new List<LayerSpec>();
        bool complete = true;
        bool reportedSplit = false;

        // Source order within the declaration carrying [Network]; layers elsewhere (an error) after them, in a stable order.
        var ordered = found
            .OrderBy(layer => layer.Syntax is not null && layer.Syntax.SyntaxTree == networkTree && layer.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() == networkDeclaration ? 0 : 1)
            .ThenBy(layer => layer.Syntax?.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(layer => layer.Syntax?.SpanStart ?? int.MaxValue);
        foreach ((AttributeData attribute, LayerKind kind, AttributeSyntax? syntax) in ordered)
        {
            Location attributeLocation = syntax?.GetLocation() ?? locations.Network.Attribute;
            if (!reportedSplit && syntax is not null && (syntax.SyntaxTree != networkTree || syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() != networkDeclaration))
            {
                problems.Add(new LocatedProblem(ProblemIds.LayersSplitAcrossDeclarations, attributeLocation, type.Name));
                reportedSplit = true;
            }

            var layerLocations = new AttributeLocations(attributeLocation);
            locations.Layers.Add(layerLocations);
            var reader = new AttributeReader(attribute, layerLocations, problems, cancellationToken);
            LayerSpec? layer = reader.NamedArgumentsBound ? kind.Read(reader) : null;
            if (layer is null)
            {
                complete = false;
            }
            else
            {
                layers.Add(layer);
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
}
