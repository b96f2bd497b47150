namespace NetGen.Data;

/// <summary>What the CSV loader does with an empty field (or a field equal to one of <see cref="CsvOptions.MissingValueMarkers"/>) in a feature column.</summary>
/// <remarks>
/// The column statistics of <see cref="ColumnMean"/> and <see cref="ColumnMedian"/> are taken over
/// the whole file. To fit them on the training part only, load with <see cref="KeepNaN"/>, split,
/// and use <see cref="Imputer"/>. A missing target is always an error.
/// </remarks>
public enum MissingValuePolicy
{
    /// <summary>A missing value is an error naming its line and column (the default).</summary>
    Reject = 0,

    /// <summary>A missing value becomes <see cref="float.NaN"/>, for an <see cref="Imputer"/> fitted later.</summary>
    KeepNaN = 1,

    /// <summary>A missing value becomes 0.</summary>
    Zero = 2,

    /// <summary>A missing value becomes the mean of the column's present values.</summary>
    ColumnMean = 3,

    /// <summary>A missing value becomes the median of the column's present values.</summary>
    ColumnMedian = 4,
}
