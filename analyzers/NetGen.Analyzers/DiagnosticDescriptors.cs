using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Validation;

namespace NetGen.Analyzers;

/// <summary>Every diagnostic NetGen reports: ID, title, message and severity, in one place (documented in docs/diagnostics.md).</summary>
internal static class DiagnosticDescriptors
{
    private const string Declaration = "NetGen.Declaration";
    private const string Call = "NetGen.Call";

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
        "'{1}' contains the network '{0}' and must be declared partial too, so that NetGen can add the network's members");

    public static readonly DiagnosticDescriptor InputShapeNotPositive = Error(ProblemIds.InputShapeNotPositive,
        "Every axis of the input shape must be positive",
        "[Network] declares the input shape {0}; every axis must be at least 1");

    public static readonly DiagnosticDescriptor UnitsNotPositive = Error(ProblemIds.UnitsNotPositive,
        "A Dense layer needs at least one unit",
        "Dense layer {0} on {2} has {1} units; a layer needs at least 1");

    public static readonly DiagnosticDescriptor BatchSizeNotPositive = Error(ProblemIds.BatchSizeNotPositive,
        "The batch size must be positive",
        "BatchSize is {0}; it must be at least 1");

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(ProblemIds.DropoutRateOutOfRange,
        "A dropout rate must be in [0, 1)",
        "Dropout layer {0} has rate {1}; the rate must be at least 0 and less than 1");

    public static readonly DiagnosticDescriptor NoTrainableLayer = Error(ProblemIds.NoTrainableLayer,
        "A network needs a layer with parameters",
        "'{0}' declares no layer with parameters; add at least one [Dense(units, activation)] after [Network]");

    public static readonly DiagnosticDescriptor TooLarge = Error(ProblemIds.TooLarge,
        "The network is too large to allocate",
        "'{0}' has {2} parameters; with their gradients, the optimizer state and buffers for BatchSize = {1} rows it needs more than {3} floats, the most one array can hold");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(ProblemIds.UndefinedEnumValue,
        "Undefined enum value",
        "{0} is not a defined {1} value");

    public static readonly DiagnosticDescriptor HyperparameterOutOfRange = Error(ProblemIds.HyperparameterOutOfRange,
        "A hyperparameter is out of range",
        "{0}");

    public static readonly DiagnosticDescriptor BinaryCrossEntropyNeedsSigmoid = Error(ProblemIds.BinaryCrossEntropyNeedsSigmoid,
        "Binary cross-entropy needs a sigmoid output or logits",
        "Loss.{2} needs the last layer to use Activation.Sigmoid (outputs are probabilities) or Activation.None (outputs are logits); layer {0} is {1}");

    public static readonly DiagnosticDescriptor CategoricalCrossEntropyNeedsSoftmax = Error(ProblemIds.CategoricalCrossEntropyNeedsSoftmax,
        "Categorical cross-entropy needs a softmax output or logits",
        "Loss.{2} needs the last layer to use Activation.Softmax (outputs are probabilities) or Activation.None (outputs are logits); layer {0} is {1}");

    public static readonly DiagnosticDescriptor CategoricalCrossEntropyNeedsTwoUnits = Error(ProblemIds.CategoricalCrossEntropyNeedsTwoUnits,
        "Categorical cross-entropy needs at least two classes",
        "Loss.{2} needs at least 2 classes on the output's last axis; layer {0} gives {1}: for one yes/no output use Loss.BinaryCrossEntropy with Activation.Sigmoid");

    public static readonly DiagnosticDescriptor DropoutAfterOutput = Error(ProblemIds.DropoutAfterOutput,
        "Dropout cannot follow the last layer with parameters",
        "Dropout layer {0} comes after the last layer with parameters, where it would only add noise to the outputs; move it before that layer");

    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Error(ProblemIds.LayerWithoutNetwork,
        "A layer attribute needs [Network]",
        "'{0}' has layer attributes but no [Network] attribute, so no network is generated");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(ProblemIds.LayersSplitAcrossDeclarations,
        "Layers must be declared next to [Network]",
        "Layers of '{0}' are declared on another partial declaration than [Network]; put all layer attributes on the declaration with [Network] so that their order is defined");

    public static readonly DiagnosticDescriptor LengthMismatch = Error(ProblemIds.LengthMismatch,
        "The argument's length does not match the network",
        "'{0}' of {1}.{2} has {3} floats; expected {4} = {5}",
        Call);

    public static readonly DiagnosticDescriptor NotWholeRows = Error(ProblemIds.NotWholeRows,
        "The argument is not a whole number of rows",
        "'{0}' of {1}.{2} has {3} floats, which is not a whole number of rows of {4} = {5}; expected 1 to {6} rows",
        Call);

    public static readonly DiagnosticDescriptor TooManyRows = Error(ProblemIds.TooManyRows,
        "The argument has more rows than the batch size",
        "'{0}' of {1}.{2} has {3} floats, which is {4} rows, more than BatchSize = {5}",
        Call);

    public static readonly DiagnosticDescriptor RowCountMismatch = Error(ProblemIds.RowCountMismatch,
        "The argument's rows do not match the inputs",
        "'{0}' of {1}.{2} has {3} floats; the inputs are {4} rows, so it needs {4} rows x {5} {6} = {7} floats",
        Call);

    public static readonly DiagnosticDescriptor LinearLayersCollapse = Warning(ProblemIds.LinearLayersCollapse,
        "Two linear layers collapse into one",
        "Dense layer {0} has no activation, so it and Dense layer {1} compose to a single linear map; give layer {0} an activation such as Activation.ReLU");

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Warning(ProblemIds.SoftmaxOnHiddenLayer,
        "Softmax on a hidden layer",
        "Dense layer {0} is a hidden layer with Activation.Softmax, which squeezes its outputs into one probability distribution; softmax belongs on the output layer");

    public static readonly DiagnosticDescriptor LearningRateUnusuallyLarge = Warning(ProblemIds.LearningRateUnusuallyLarge,
        "Learning rate unusually large for the optimizer",
        "LearningRate is {0}, unusually large for Optimizer.{1}, which is rarely used above {2}; training is likely to diverge");

    public static readonly DiagnosticDescriptor DenseAppliesPerPosition = Warning(ProblemIds.DenseAppliesPerPosition,
        "Dense layer applies at each position",
        "Layer {0}, {1}, receives {2} and applies to its last axis at each position, giving {3}; put [Flatten] before it to see each row as one vector of {4}");

    public static readonly DiagnosticDescriptor FlattenOfFlatRow = Warning(ProblemIds.FlattenOfFlatRow,
        "Flatten of a flat row does nothing",
        "Layer {0}, Flatten, receives the flat row {1} and does nothing; remove it");

    public static readonly DiagnosticDescriptor HyperparameterIgnoredByOptimizer = Warning(ProblemIds.HyperparameterIgnoredByOptimizer,
        "The optimizer ignores this hyperparameter",
        "{0} = {1} has no effect: Optimizer.{2} does not use it; {3} does");

    public static readonly DiagnosticDescriptor ConstantThroughInstance = Warning(ProblemIds.ConstantThroughInstance,
        "A network's size is a constant of its type",
        "{0} belongs to the type {1}, which C# does not read through an instance (CS0176): write {1}.{0}, or read it through the INetwork interface (((INetwork){2}).{0}) where the type is not known",
        Call);

    public static readonly DiagnosticDescriptor WindowArgumentNotPositive = Error(ProblemIds.WindowArgumentNotPositive,
        "A convolution or pool argument must be positive",
        "{0} layer {1} on {2} has {3} = {4}; it must be at least 1");

    public static readonly DiagnosticDescriptor WindowNeedsSpatialInput = Error(ProblemIds.WindowNeedsSpatialInput,
        "A convolution or pool needs a sequence or an image",
        "{0} layer {1} needs an input of shape {2}; it receives {3}");

    public static readonly DiagnosticDescriptor KernelLargerThanInput = Error(ProblemIds.KernelLargerThanInput,
        "The kernel is larger than its input",
        "{0} layer {1}'s kernel spans {2} positions along the {3} of its input {4}, which has {5} there; the output would be empty");

    public static readonly DiagnosticDescriptor PoolLeavesNothing = Error(ProblemIds.PoolLeavesNothing,
        "The pool's window is larger than its input",
        "{0} layer {1}'s window of {2} is larger than the {3} of its input {4}, which is {5}; the output would be empty");

    public static readonly DiagnosticDescriptor SameNeedsStrideOne = Error(ProblemIds.SameNeedsStrideOne,
        "Padding.Same needs stride 1",
        "{0} layer {1} on {2} has Padding.Same and Stride = {3}; Same keeps the input's size, which a stride cannot; use Padding.Valid with the stride");

    public static readonly DiagnosticDescriptor CausalNeedsConv1D = Error(ProblemIds.CausalNeedsConv1D,
        "Padding.Causal is for Conv1D only",
        "Conv2D layer {0} on {1} has Padding.Causal, which orders one axis in time; use Conv1D for a sequence, or Padding.Same or Padding.Valid");

    public static readonly DiagnosticDescriptor WindowSkipsInputs = Warning(ProblemIds.WindowSkipsInputs,
        "Windows skip part of the input",
        "{0} layer {1} on {2} has Stride = {3}, more than the {4} positions its window spans, so {5} of every {3} positions along each axis are never read");

    public static readonly DiagnosticDescriptor GlobalPoolOfFlatRow = Warning(ProblemIds.GlobalPoolOfFlatRow,
        "GlobalAvgPool of a flat row does nothing",
        "Layer {0}, GlobalAvgPool, receives the flat row {1}, which has one position, and gives it unchanged; remove it");

    public static readonly DiagnosticDescriptor RecurrentNeedsSequence = Error(ProblemIds.RecurrentNeedsSequence,
        "A recurrent layer needs a sequence",
        "Layer {0}, {1}, receives {2}, which is not a sequence (steps, features); {3}");

    public static readonly DiagnosticDescriptor SequenceIntoRowClassifier = Warning(ProblemIds.SequenceIntoRowClassifier,
        "A recurrent layer's sequence is classified step by step",
        "Layer {0}, {1}, returns its whole sequence {2}, so layer {3}, {4}, classifies each step and the network gives {5}; remove ReturnSequences = true to classify the sequence from its last state");

    public static readonly DiagnosticDescriptor PredictStepNeedsCausalLayers = Error(ProblemIds.PredictStepNeedsCausalLayers,
        "PredictStep needs a network of causal layers",
        "'{0}' has no PredictStep: {1}; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call",
        Call);

    public static readonly DiagnosticDescriptor RecurrentUnitsNotPositive = Error(ProblemIds.RecurrentUnitsNotPositive,
        "A recurrent layer needs at least one unit",
        "Layer {0}, {1}, on {2} has no unit; a recurrent layer's state needs at least 1");

    public static readonly DiagnosticDescriptor ResidualShapeMismatch = Error(ProblemIds.ResidualShapeMismatch,
        "A residual block must give the shape it receives",
        "Layer {0}, Residual, adds the tensor that entered layer {1}, of shape {2}, to the output of layer {3}, of shape {4}; the block between them must give the shape it receives");

    public static readonly DiagnosticDescriptor ResidualReachOutOfRange = Error(ProblemIds.ResidualReachOutOfRange,
        "A residual reaches back before the input",
        "Layer {0}, Residual({1}), on {3}: the layers it reaches back must be at least 1 and at most the {2} layers before it");

    public static readonly DiagnosticDescriptor NothingToNormalize = Error(ProblemIds.NothingToNormalize,
        "LayerNorm of a single channel",
        "Layer {0}, LayerNorm, receives {1}: each position has one channel, which normalises to 0, so the output would be the bias whatever the input; normalise a last axis of at least 2 channels, or use BatchNorm");

    public static readonly DiagnosticDescriptor BatchNormOnSingleRows = Warning(ProblemIds.BatchNormOnSingleRows,
        "BatchNorm trained with batches of one row",
        "Layer {0}, BatchNorm, on {1} normalises each channel with the statistics of a training call's rows, but BatchSize is 1: one row has a variance of 0, so training calls will be refused; use a larger BatchSize, or LayerNorm");

    public static readonly DiagnosticDescriptor NormalizationSettingOutOfRange = Error(ProblemIds.NormalizationSettingOutOfRange,
        "A normalisation setting is out of range",
        "Layer {0}, {1}, has {2} = {3}; it must be {4}");

    public static readonly DiagnosticDescriptor UnknownCodePath = Error(ProblemIds.UnknownCodePath,
        "Unknown NetGenCodePath",
        "The MSBuild property NetGenCodePath is '{0}'; it must be Auto (the default: portable code only for C# 9 or a framework without hardware intrinsics) or Portable (always)");

    /// <summary>The diagnostics of declarations, reported by <see cref="NetworkDeclarationAnalyzer"/>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Declarations { get; } = ImmutableArray.Create(
        NotPartial,
        NotAClass,
        Generic,
        ContainingTypeNotPartial,
        InputShapeNotPositive,
        UnitsNotPositive,
        BatchSizeNotPositive,
        DropoutRateOutOfRange,
        NoTrainableLayer,
        TooLarge,
        UndefinedEnumValue,
        HyperparameterOutOfRange,
        BinaryCrossEntropyNeedsSigmoid,
        CategoricalCrossEntropyNeedsSoftmax,
        CategoricalCrossEntropyNeedsTwoUnits,
        DropoutAfterOutput,
        LayerWithoutNetwork,
        LayersSplitAcrossDeclarations,
        LinearLayersCollapse,
        SoftmaxOnHiddenLayer,
        LearningRateUnusuallyLarge,
        DenseAppliesPerPosition,
        FlattenOfFlatRow,
        HyperparameterIgnoredByOptimizer,
        WindowArgumentNotPositive,
        WindowNeedsSpatialInput,
        KernelLargerThanInput,
        PoolLeavesNothing,
        SameNeedsStrideOne,
        CausalNeedsConv1D,
        WindowSkipsInputs,
        GlobalPoolOfFlatRow,
        RecurrentNeedsSequence,
        SequenceIntoRowClassifier,
        RecurrentUnitsNotPositive,
        ResidualShapeMismatch,
        ResidualReachOutOfRange,
        NothingToNormalize,
        BatchNormOnSingleRows,
        NormalizationSettingOutOfRange,
        UnknownCodePath);

    /// <summary>The diagnostics of calls, reported by <see cref="NetworkCallAnalyzer"/>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Calls { get; } = ImmutableArray.Create(
        LengthMismatch,
        NotWholeRows,
        TooManyRows,
        RowCountMismatch,
        PredictStepNeedsCausalLayers);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

    /// <summary>The descriptor of a problem found by the shared parsing and shape code.</summary>
    public static DiagnosticDescriptor ForProblem(string id) => ById[id];

    private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
    {
        var index = new Dictionary<string, DiagnosticDescriptor>();
        foreach (DiagnosticDescriptor descriptor in Declarations)
        {
            index[descriptor.Id] = descriptor;
        }

        return index;
    }

    private static DiagnosticDescriptor Error(string id, string title, string message, string category = Declaration) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category = Declaration) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
