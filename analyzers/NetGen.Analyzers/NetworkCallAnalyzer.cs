using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Layers;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Analyzers;

/// <summary>
/// Reports a call of a generated network's <c>Predict</c>, <c>PredictBatch</c>, <c>TrainStep</c>,
/// <c>ComputeGradients</c>, <c>Evaluate</c>, <c>AccumulateGradients</c>, <c>Forward</c>, <c>Backward</c>, <c>ImportParameters</c>,
/// <c>ExportParameters</c> or <c>ExportGradients</c> at the argument whose length the compiler can
/// see (<see cref="KnownLength"/>) and that the generated guard would reject at run time; and a call of
/// <c>PredictStep</c> or <c>ResetState</c> on a network that does not stream, with the layer that keeps it from streaming.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.Calls;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? network = start.Compilation.GetTypeByMetadataName(RuntimeNames.Of<NetworkAttribute>());
            if (network is not null)
            {
                start.RegisterOperationAction(operation => AnalyzeInvocation(operation, network), OperationKind.Invocation);
                start.RegisterSyntaxNodeAction(node => AnalyzeStreamingCall(node, network), SyntaxKind.InvocationExpression);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol networkAttribute)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        ArgumentRole[]? roles = RolesOf(method.Name);
        if (roles is null || method.IsStatic || method.Parameters.Length != roles.Length ||
            !IsNetwork(method.ContainingType, networkAttribute) ||
            !NetworkSizes.TryRead(method.ContainingType, out NetworkSizes sizes))
        {
            return;
        }

        // By parameter position, so that named arguments in another order are checked inputs first.
        var arguments = new IArgumentOperation?[roles.Length];
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal < roles.Length && IsFloatSpan(parameter.Type))
            {
                arguments[parameter.Ordinal] = argument;
            }
        }

        var call = new Call(context, method, sizes);
        int? inputRows = null;
        for (int i = 0; i < roles.Length; i++)
        {
            if (arguments[i] is not { } argument || !KnownLength.TryGet(argument.Value, out int length))
            {
                continue;
            }

            switch (roles[i])
            {
                case ArgumentRole.InputRow:
                    call.CheckExact(argument, length, "InputSize", sizes.InputSize);
                    break;
                case ArgumentRole.OutputRow:
                    call.CheckExact(argument, length, "OutputSize", sizes.OutputSize);
                    break;
                case ArgumentRole.InputStep when sizes.StepInputSize > 0:
                    call.CheckExact(argument, length, "StepInputSize", sizes.StepInputSize);
                    break;
                case ArgumentRole.OutputStep when sizes.StepOutputSize > 0:
                    call.CheckExact(argument, length, "StepOutputSize", sizes.StepOutputSize);
                    break;
                case ArgumentRole.Parameters:
                    call.CheckExact(argument, length, "ParameterCount", sizes.ParameterCount);
                    break;
                case ArgumentRole.InputRows:
                    inputRows = call.CheckRows(argument, length, "InputSize", sizes.InputSize);
                    break;
                case ArgumentRole.OutputRows when inputRows is int rows:
                    call.CheckMatchingRows(argument, length, rows, "OutputSize", sizes.OutputSize);
                    break;
                case ArgumentRole.OutputRows:
                    call.CheckRows(argument, length, "OutputSize", sizes.OutputSize);
                    break;
                case ArgumentRole.TargetRows when inputRows is int rows:
                    call.CheckMatchingRows(argument, length, rows, "TargetSize", sizes.TargetSize);
                    break;
                case ArgumentRole.TargetRows:
                    call.CheckRows(argument, length, "TargetSize", sizes.TargetSize);
                    break;
            }
        }
    }

    /// <summary>A call of <c>PredictStep</c>, <c>PredictSteps</c> or <c>ResetState</c> on a network that the generator gave no such member: the compiler says
    /// the member is missing, this says why.</summary>
    private static void AnalyzeStreamingCall(SyntaxNodeAnalysisContext context, INamedTypeSymbol networkAttribute)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        SimpleNameSyntax? name;
        ITypeSymbol? receiver;
        switch (invocation.Expression)
        {
            case MemberAccessExpressionSyntax access:
                name = access.Name;
                receiver = IsStreamingMember(name) ? context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type : null;
                break;
            case IdentifierNameSyntax identifier:
                // A call inside the network's own class.
                name = identifier;
                receiver = IsStreamingMember(name) ? context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol?.ContainingType : null;
                break;
            default:
                return;
        }

        if (receiver is not INamedTypeSymbol type || type.GetMembers(name.Identifier.ValueText).Length > 0)
        {
            return;
        }

        AttributeData? network = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, networkAttribute))
            {
                network = attribute;
            }
        }

        if (network is null || NetworkParser.Parse(type, network, context.CancellationToken) is not { Spec: { } spec, Problems.Count: 0 } ||
            NetworkPlanner.Plan(spec).Plan is not { } plan || plan.Streams)
        {
            return;
        }

        LayerPlan? layer = plan.FirstLayerNotStreaming;
        string reason = plan.Input.Shape.Rank != 2 || layer is null
            ? $"its input {plan.Input.Shape} is not a sequence (steps, features)"
            : $"layer {layer.Index + 1}, {layer.Declaration}, {layer.StreamingObstacle}";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PredictStepNeedsCausalLayers, name.GetLocation(), type.Name, reason));
    }

    private static bool IsStreamingMember(SimpleNameSyntax name) => name.Identifier.ValueText is "PredictStep" or "PredictSteps" or "ResetState";

    private static ArgumentRole[]? RolesOf(string method) => method switch
    {
        "Predict" => new[] { ArgumentRole.InputRow, ArgumentRole.OutputRow },
        "PredictStep" => new[] { ArgumentRole.InputStep, ArgumentRole.OutputStep },
        "PredictBatch" or "Forward" => new[] { ArgumentRole.InputRows, ArgumentRole.OutputRows },
        "TrainStep" or "ComputeGradients" or "Evaluate" or "AccumulateGradients" => new[] { ArgumentRole.InputRows, ArgumentRole.TargetRows },
        "Backward" => new[] { ArgumentRole.OutputRows },
        "ImportParameters" or "ExportParameters" or "ExportGradients" => new[] { ArgumentRole.Parameters },
        _ => null,
    };

    private static bool IsNetwork(INamedTypeSymbol type, INamedTypeSymbol networkAttribute)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, networkAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFloatSpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1 } span &&
        span.TypeArguments[0].SpecialType == SpecialType.System_Single;

    /// <summary>What a span parameter holds.</summary>
    private enum ArgumentRole
    {
        /// <summary>One row of InputSize floats.</summary>
        InputRow,

        /// <summary>One row of OutputSize floats.</summary>
        OutputRow,

        /// <summary>One step of StepInputSize floats.</summary>
        InputStep,

        /// <summary>One step of StepOutputSize floats.</summary>
        OutputStep,

        /// <summary>ParameterCount floats.</summary>
        Parameters,

        /// <summary>1 to BatchSize rows of InputSize floats.</summary>
        InputRows,

        /// <summary>As many rows of OutputSize floats as the inputs have.</summary>
        OutputRows,

        /// <summary>As many rows of TargetSize floats as the inputs have.</summary>
        TargetRows,
    }

    /// <summary>One call being checked: reports at its arguments with the network's and member's names.</summary>
    private readonly struct Call
    {
        private readonly OperationAnalysisContext _context;
        private readonly IMethodSymbol _method;
        private readonly NetworkSizes _sizes;

        public Call(OperationAnalysisContext context, IMethodSymbol method, NetworkSizes sizes)
        {
            _context = context;
            _method = method;
            _sizes = sizes;
        }

        public void CheckExact(IArgumentOperation argument, int length, string meaning, int expected)
        {
            if (length != expected)
            {
                Report(DiagnosticDescriptors.LengthMismatch, argument, length, meaning, expected);
            }
        }

        /// <summary>The number of rows when the length is 1 to BatchSize whole rows; otherwise reports and returns null.</summary>
        public int? CheckRows(IArgumentOperation argument, int length, string meaning, int rowSize)
        {
            if (length == 0 || length % rowSize != 0)
            {
                Report(DiagnosticDescriptors.NotWholeRows, argument, length, meaning, rowSize, _sizes.BatchSize);
                return null;
            }

            int rows = length / rowSize;
            if (rows > _sizes.BatchSize)
            {
                Report(DiagnosticDescriptors.TooManyRows, argument, length, rows, _sizes.BatchSize);
                return null;
            }

            return rows;
        }

        public void CheckMatchingRows(IArgumentOperation argument, int length, int rows, string meaning, int rowSize)
        {
            long expected = (long)rows * rowSize;
            if (length != expected)
            {
                Report(DiagnosticDescriptors.RowCountMismatch, argument, length, rows, meaning, rowSize, expected);
            }
        }

        private void Report(DiagnosticDescriptor descriptor, IArgumentOperation argument, params object[] values)
        {
            var arguments = new object[values.Length + 3];
            arguments[0] = argument.Parameter?.Name ?? string.Empty;
            arguments[1] = _method.ContainingType.Name;
            arguments[2] = _method.Name;
            values.CopyTo(arguments, 3);
            _context.ReportDiagnostic(Diagnostic.Create(descriptor, argument.Syntax.GetLocation(), arguments));
        }
    }
}
