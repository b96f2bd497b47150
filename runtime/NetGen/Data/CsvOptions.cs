using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>How <see cref="CsvLoader"/> reads a file.</summary>
public sealed class CsvOptions
{
    /// <summary>Whether the first line names the columns (default true).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field separator (default a comma). Fields are not quoted.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The name of the target column in the header. Set this or <see cref="TargetColumnIndex"/>; with neither, the last column is the target.</summary>
    public string? TargetColumn { get; init; }

    /// <summary>The 0-based index of the target column; negative counts from the end (-1 is the last column). Set this or <see cref="TargetColumn"/>.</summary>
    public int? TargetColumnIndex { get; init; }

    /// <summary>What to do with missing feature values (default <see cref="MissingValuePolicy.Reject"/>).</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Reject;

    /// <summary>Field texts that mean "missing" besides an empty field, compared after trimming (default none).</summary>
    public IReadOnlyCollection<string> MissingValueMarkers { get; init; } = [];
}
