namespace NetGen.Generator.Validation;

/// <summary>
/// The IDs of every problem NetGen reports. The shared parsing, planning and validation code finds
/// the declaration problems; the analyzers turn them into diagnostics (titles, messages and
/// severities live in their descriptor table) and find the call-site problems themselves. The
/// generator only uses the errors to decide that a declaration cannot be emitted.
/// </summary>
internal static class ProblemIds
{
    // The declaring type.
    public const string NotPartial = "NG0001";
    public const string NotAClass = "NG0002";
    public const string Generic = "NG0003";
    public const string ContainingTypeNotPartial = "NG0004";

    // Sizes and values.
    public const string InputShapeNotPositive = "NG0010";
    public const string UnitsNotPositive = "NG0011";
    public const string BatchSizeNotPositive = "NG0012";
    public const string DropoutRateOutOfRange = "NG0013";
    public const string NoTrainableLayer = "NG0014";
    public const string TooLarge = "NG0015";
    public const string UndefinedEnumValue = "NG0016";
    public const string HyperparameterOutOfRange = "NG0017";

    // How layers fit together and with the loss.
    public const string BinaryCrossEntropyNeedsSigmoid = "NG0020";
    public const string CategoricalCrossEntropyNeedsSoftmax = "NG0021";
    public const string CategoricalCrossEntropyNeedsTwoUnits = "NG0022";
    public const string DropoutAfterOutput = "NG0023";

    // Where layer attributes are.
    public const string LayerWithoutNetwork = "NG0030";
    public const string LayersSplitAcrossDeclarations = "NG0031";

    // Calls whose argument lengths the compiler can see (found by the analyzers only).
    public const string LengthMismatch = "NG0040";
    public const string NotWholeRows = "NG0041";
    public const string TooManyRows = "NG0042";
    public const string RowCountMismatch = "NG0043";

    // Likely mistakes: warnings, which do not stop the generator.
    public const string LinearLayersCollapse = "NG0050";
    public const string SoftmaxOnHiddenLayer = "NG0051";
    public const string LearningRateUnusuallyLarge = "NG0052";
    public const string DenseAppliesPerPosition = "NG0053";
    public const string FlattenOfFlatRow = "NG0054";
    public const string HyperparameterIgnoredByOptimizer = "NG0055";
    public const string ConstantThroughInstance = "NG0056";

    /// <summary>The diagnostic property that tells a code fix what to change to (see <see cref="Problem.Suggestion"/>).</summary>
    public const string SuggestionProperty = "Suggestion";

    // Convolutions and pools.
    public const string WindowArgumentNotPositive = "NG0060";
    public const string WindowNeedsSpatialInput = "NG0061";
    public const string KernelLargerThanInput = "NG0062";
    public const string PoolLeavesNothing = "NG0063";
    public const string SameNeedsStrideOne = "NG0064";
    public const string CausalNeedsConv1D = "NG0065";
    public const string WindowSkipsInputs = "NG0066";
    public const string GlobalPoolOfFlatRow = "NG0067";

    // Recurrent layers and streaming.
    public const string RecurrentNeedsSequence = "NG0070";
    public const string SequenceIntoRowClassifier = "NG0071";
    public const string PredictStepNeedsCausalLayers = "NG0072";
    public const string RecurrentUnitsNotPositive = "NG0073";

    // Normalisation and skip connections.
    public const string ResidualShapeMismatch = "NG0080";
    public const string ResidualReachOutOfRange = "NG0081";
    public const string NothingToNormalize = "NG0082";
    public const string BatchNormOnSingleRows = "NG0083";
    public const string NormalizationSettingOutOfRange = "NG0084";

    // The build.
    public const string UnknownCodePath = "NG0090";
}
