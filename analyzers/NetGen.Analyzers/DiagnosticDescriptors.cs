using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Shapes;

namespace NetGen.Analyzers;

/// <summary>Every diagnostic NetGen reports: ID, title, message and severity, in one place (documented in docs/diagnostics.md).</summary>
internal static class DiagnosticDescriptors
{
    private const string Declaration = "NetGen.Declaration";
    private const string HelpLinkBase = "https://github.com/netgen/netgen/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotPartial = Error(ProblemIds.NotPartial,
        "A network class must be partial",
        "'{0}' must be declared partial so that NetGen can add the network's members");

    public static readonly DiagnosticDescriptor NotAClass = Error(ProblemIds.NotAClass,
        "A network must be a non-abstract, non-static class",
        "'{0}' is a {1}; [Network] needs a partial class that is neither abstract nor static, and not a record");

    public static readonly DiagnosticDescriptor Generic = Error(ProblemIds.Generic,
        "A network cannot be generic",
        "'{0}' has type parameters; a network's sizes are fixed, so it and the types around it cannot be generic");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(ProblemIds.ContainingTypeNotPartial,
        "A type containing a network must be partial",
        "'{0}' is nested in '{1}', which must be declared partial too");

    public static readonly DiagnosticDescriptor InputSizeNotPositive = Error(ProblemIds.InputSizeNotPositive,
        "The input size must be positive",
        "The network's input size is {0}; it must be at least 1");

    public static readonly DiagnosticDescriptor UnitsNotPositive = Error(ProblemIds.UnitsNotPositive,
        "A Dense layer needs at least one unit",
        "Dense layer {0} has {1} units; a layer needs at least 1");

    public static readonly DiagnosticDescriptor BatchSizeNotPositive = Error(ProblemIds.BatchSizeNotPositive,
        "The batch size must be positive",
        "BatchSize is {0}; it must be at least 1");

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(ProblemIds.DropoutRateOutOfRange,
        "A dropout rate must be in [0, 1)",
        "Dropout layer {0} has rate {1}; the rate must be at least 0 and less than 1");

    public static readonly DiagnosticDescriptor NoDenseLayer = Error(ProblemIds.NoDenseLayer,
        "A network needs a Dense layer",
        "'{0}' declares no Dense layer; add at least one [Dense(units, activation)] after [Network]");

    public static readonly DiagnosticDescriptor TooLarge = Error(ProblemIds.TooLarge,
        "The network is too large to allocate",
        "'{0}' needs more than {1} floats for its parameters, optimizer state and buffers, more than one array can hold");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(ProblemIds.UndefinedEnumValue,
        "Undefined enum value",
        "{0} is not a defined {1} value");

    public static readonly DiagnosticDescriptor HyperparameterOutOfRange = Error(ProblemIds.HyperparameterOutOfRange,
        "A hyperparameter is out of range",
        "{0} is {1}; it must be {2}");

    public static readonly DiagnosticDescriptor BinaryCrossEntropyNeedsSigmoid = Error(ProblemIds.BinaryCrossEntropyNeedsSigmoid,
        "Binary cross-entropy needs a sigmoid output",
        "Loss.BinaryCrossEntropy needs the last layer to use Activation.Sigmoid; layer {0} uses {1}");

    public static readonly DiagnosticDescriptor CategoricalCrossEntropyNeedsSoftmax = Error(ProblemIds.CategoricalCrossEntropyNeedsSoftmax,
        "Categorical cross-entropy needs a softmax output",
        "Loss.CategoricalCrossEntropy needs the last layer to use Activation.Softmax; layer {0} uses {1}");

    public static readonly DiagnosticDescriptor CategoricalCrossEntropyNeedsTwoUnits = Error(ProblemIds.CategoricalCrossEntropyNeedsTwoUnits,
        "Categorical cross-entropy needs at least two classes",
        "Loss.CategoricalCrossEntropy needs at least 2 output units; layer {0} has {1} (use Loss.BinaryCrossEntropy with Sigmoid for one)");

    public static readonly DiagnosticDescriptor DropoutAfterOutput = Error(ProblemIds.DropoutAfterOutput,
        "Dropout cannot follow the output layer",
        "Dropout layer {0} comes after the last Dense layer; the last layer must be Dense, so move the dropout before it");

    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Error(ProblemIds.LayerWithoutNetwork,
        "A layer attribute needs [Network]",
        "'{0}' has layer attributes but no [Network] attribute, so no network is generated");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(ProblemIds.LayersSplitAcrossDeclarations,
        "Layers must be declared next to [Network]",
        "Layers of '{0}' are declared on another partial declaration than [Network]; put all layer attributes on the declaration with [Network] so that their order is defined");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [ProblemIds.NotPartial] = NotPartial,
        [ProblemIds.NotAClass] = NotAClass,
        [ProblemIds.Generic] = Generic,
        [ProblemIds.ContainingTypeNotPartial] = ContainingTypeNotPartial,
        [ProblemIds.InputSizeNotPositive] = InputSizeNotPositive,
        [ProblemIds.UnitsNotPositive] = UnitsNotPositive,
        [ProblemIds.BatchSizeNotPositive] = BatchSizeNotPositive,
        [ProblemIds.DropoutRateOutOfRange] = DropoutRateOutOfRange,
        [ProblemIds.NoDenseLayer] = NoDenseLayer,
        [ProblemIds.TooLarge] = TooLarge,
        [ProblemIds.UndefinedEnumValue] = UndefinedEnumValue,
        [ProblemIds.HyperparameterOutOfRange] = HyperparameterOutOfRange,
        [ProblemIds.BinaryCrossEntropyNeedsSigmoid] = BinaryCrossEntropyNeedsSigmoid,
        [ProblemIds.CategoricalCrossEntropyNeedsSoftmax] = CategoricalCrossEntropyNeedsSoftmax,
        [ProblemIds.CategoricalCrossEntropyNeedsTwoUnits] = CategoricalCrossEntropyNeedsTwoUnits,
        [ProblemIds.DropoutAfterOutput] = DropoutAfterOutput,
        [ProblemIds.LayerWithoutNetwork] = LayerWithoutNetwork,
        [ProblemIds.LayersSplitAcrossDeclarations] = LayersSplitAcrossDeclarations,
    };

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.CreateRange(ById.Values);

    public static DiagnosticDescriptor ForProblem(string id) => ById[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Declaration, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
