using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NetGen.Analyzers;

/// <summary>
/// The length of a float array or span argument when the compiler can see it: an array created
/// with a constant length or an initializer, a <c>stackalloc</c> of constant length, a collection
/// expression without spreads, a generated fixed-size buffer (an <c>[InlineArray]</c> struct), a
/// span over one of these (<c>AsSpan</c>, <c>Slice</c>, <c>new Span&lt;float&gt;(...)</c>) with
/// constant bounds, or a local initialised with one of these and never written again. Anything
/// else is unknown, so that a reported length is always the length at run time.
/// </summary>
internal static class KnownLength
{
    private const int MaxDepth = 8;
    private const string InlineArrayAttribute = "System.Runtime.CompilerServices.InlineArrayAttribute";

    public static bool TryGet(IOperation? operation, out int length) => TryGet(operation, 0, out length);

    private static bool TryGet(IOperation? operation, int depth, out int length)
    {
        length = 0;
        if (operation is null || depth > MaxDepth)
        {
            return false;
        }

        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        if (TryInlineArray(operation.Type, out length))
        {
            return true;
        }

        return operation switch
        {
            IArrayCreationOperation array => array.DimensionSizes.Length == 1 && TryConstant(array.DimensionSizes[0], out length),
            IObjectCreationOperation creation => IsSpan(creation.Type) && TrySpanConstructor(creation, depth, out length),
            IInvocationOperation invocation => TrySlice(invocation, depth, out length),
            ILocalReferenceOperation local => TryLocal(local, depth, out length),
            _ => TrySyntax(operation, out length),
        };
    }

    // new Span<float>(array) and new Span<float>(array, start, length).
    private static bool TrySpanConstructor(IObjectCreationOperation creation, int depth, out int length)
    {
        length = 0;
        if (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type is IArrayTypeSymbol)
        {
            return TryGet(creation.Arguments[0].Value, depth + 1, out length);
        }

        return creation.Arguments.Length == 3 && creation.Arguments[0].Value.Type is IArrayTypeSymbol &&
            TryConstant(creation.Arguments[2].Value, out length);
    }

    // array.AsSpan(), array.AsSpan(start), array.AsSpan(start, length), span.Slice(start), span.Slice(start, length).
    private static bool TrySlice(IInvocationOperation invocation, int depth, out int length)
    {
        length = 0;
        IMethodSymbol method = invocation.TargetMethod;
        IOperation? source;
        int first;
        if (method.Name == "AsSpan" && method.IsExtensionMethod && invocation.Arguments.Length >= 1 &&
            invocation.Arguments[0].Value.Type is IArrayTypeSymbol)
        {
            source = invocation.Arguments[0].Value;
            first = 1;
        }
        else if (method.Name == "Slice" && IsSpan(method.ContainingType) && invocation.Instance is not null)
        {
            source = invocation.Instance;
            first = 0;
        }
        else
        {
            return false;
        }

        int count = invocation.Arguments.Length - first;
        for (int i = first; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter?.Type.SpecialType != SpecialType.System_Int32)
            {
                return false;
            }
        }

        switch (count)
        {
            case 0:
                return TryGet(source, depth + 1, out length);
            case 1:
                if (TryConstant(invocation.Arguments[first].Value, out int start) && TryGet(source, depth + 1, out int whole) && start <= whole)
                {
                    length = whole - start;
                    return true;
                }

                return false;
            case 2:
                return TryConstant(invocation.Arguments[first + 1].Value, out length);
            default:
                return false;
        }
    }

    private static bool TryLocal(ILocalReferenceOperation reference, int depth, out int length)
    {
        length = 0;
        ILocalSymbol local = reference.Local;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
        {
            return false;
        }

        SyntaxReference declaration = local.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != model.SyntaxTree ||
            declaration.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } ||
            IsWrittenAfterDeclaration(local, reference))
        {
            return false;
        }

        return TryGet(model.GetOperation(initializer), depth + 1, out length);
    }

    /// <summary>Whether the local is assigned, passed by <c>ref</c> or <c>out</c>, or aliased anywhere in the body that holds <paramref name="reference"/>.</summary>
    private static bool IsWrittenAfterDeclaration(ILocalSymbol local, IOperation reference)
    {
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation use && !use.IsDeclaration &&
                SymbolEqualityComparer.Default.Equals(use.Local, local) && IsWrite(use))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrite(IOperation use)
    {
        IOperation? parent = use.Parent;
        while (parent is ITupleOperation)
        {
            use = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == use || assignment is ISimpleAssignmentOperation { IsRef: true },
            IIncrementOrDecrementOperation or IAddressOfOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => use.Syntax.Parent is RefExpressionSyntax, // ref var alias = ref local; return ref local;
        };
    }

    // stackalloc and collection expressions, which IOperation does not model in every Roslyn version.
    private static bool TrySyntax(IOperation operation, out int length)
    {
        length = 0;
        switch (operation.Syntax)
        {
            case StackAllocArrayCreationExpressionSyntax { Initializer: { } initializer }:
                length = initializer.Expressions.Count;
                return true;
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax arrayType }:
                if (arrayType.RankSpecifiers.Count == 1 && arrayType.RankSpecifiers[0].Sizes.Count == 1 &&
                    operation.SemanticModel?.GetConstantValue(arrayType.RankSpecifiers[0].Sizes[0]) is { HasValue: true, Value: int count } &&
                    count >= 0)
                {
                    length = count;
                    return true;
                }

                return false;
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                length = implicitStackAlloc.Initializer.Expressions.Count;
                return true;
#if !ROSLYN_4_3
            // Collection expressions are C# 12; a compiler on Roslyn 4.3 never parses one.
            case CollectionExpressionSyntax collection:
                foreach (CollectionElementSyntax element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax)
                    {
                        return false;
                    }
                }

                length = collection.Elements.Count;
                return true;
#endif
            default:
                return false;
        }
    }

    private static bool TryInlineArray(ITypeSymbol? type, out int length)
    {
        length = 0;
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } structure)
        {
            return false;
        }

        foreach (AttributeData attribute in structure.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == InlineArrayAttribute &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Primitive, Value: int count } &&
                count > 0 && IsFloatElement(structure))
            {
                length = count;
                return true;
            }
        }

        return false;
    }

    private static bool IsFloatElement(INamedTypeSymbol structure)
    {
        foreach (ISymbol member in structure.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: false } field)
            {
                return field.Type.SpecialType == SpecialType.System_Single;
            }
        }

        return false;
    }

    private static bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span &&
        span.TypeArguments[0].SpecialType == SpecialType.System_Single;

    private static bool TryConstant(IOperation operation, out int value)
    {
        value = 0;
        if (operation.ConstantValue is { HasValue: true, Value: int number } && number >= 0)
        {
            value = number;
            return true;
        }

        return false;
    }
}
