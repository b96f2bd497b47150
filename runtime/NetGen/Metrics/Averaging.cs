namespace NetGen.Metrics;

/// <summary>How per-class precision, recall or F1 are combined into one number for several classes.</summary>
public enum Averaging
{
    /// <summary>The unweighted mean over classes (each class counts the same).</summary>
    Macro = 0,

    /// <summary>Computed from the total true positives, false positives and false negatives; for single-label data it equals accuracy.</summary>
    Micro = 1,

    /// <summary>The mean over classes weighted by each class's support (its number of true rows).</summary>
    Weighted = 2,
}
