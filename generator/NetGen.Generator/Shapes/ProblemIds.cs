namespace NetGen.Generator.Shapes;

/// <summary>
/// The IDs of every problem the shared parsing and shape code can find. The analyzers turn them
/// into diagnostics (titles, messages and severities live in their descriptor table); the
/// generator only uses them to decide that a declaration cannot be emitted.
/// </summary>
internal static class ProblemIds
{
    // The declaring type.
    public const string NotPartial = "NG0001";
    public const string NotAClass = "NG0002";
    public const string Generic = "NG0003";
    public const string ContainingTypeNotPartial = "NG0004";

    // Sizes and values.
    public const string InputSizeNotPositive = "NG0010";
    public const string UnitsNotPositive = "NG0011";
    public const string BatchSizeNotPositive = "NG0012";
    public const string DropoutRateOutOfRange = "NG0013";
    public const string NoDenseLayer = "NG0014";
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
}
