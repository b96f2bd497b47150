using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>How <see cref="CsvLoader"/> reads a file.</summary>
/// <remarks>
/// The limits (<see cref="MaxLineLength"/>, <see cref="MaxFields"/>, <see cref="MaxRows"/>,
/// <see cref="MaxContentBytes"/>) are checked while the file streams in, so a hostile or broken file
/// (a gzip bomb, a line of a billion characters) fails with a <see cref="CsvFormatException"/> naming
/// the limit instead of exhausting memory. The defaults read any ordinary data set; raise them for
/// larger ones.
/// </remarks>
public sealed class CsvOptions
{
    /// <summary>The default of <see cref="MaxLineLength"/>: 1,048,576 characters.</summary>
    public const int DefaultMaxLineLength = 1 << 20;

    /// <summary>The default of <see cref="MaxFields"/>: 65,536 fields.</summary>
    public const int DefaultMaxFields = 1 << 16;

    /// <summary>The default of <see cref="MaxRows"/>: 10,000,000 rows.</summary>
    public const int DefaultMaxRows = 10_000_000;

    /// <summary>The default of <see cref="MaxContentBytes"/>: 256 MiB (268,435,456 bytes).</summary>
    public const long DefaultMaxContentBytes = 256L << 20;

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

    /// <summary>The most characters one line may hold, without its line break (default <see cref="DefaultMaxLineLength"/>, at least 1). A longer line is rejected without being held in memory.</summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>The most fields one line may hold, the header included (default <see cref="DefaultMaxFields"/>, at least 2).</summary>
    public int MaxFields { get; init; } = DefaultMaxFields;

    /// <summary>The most data rows a file may hold, the header and blank lines not counted (default <see cref="DefaultMaxRows"/>, at least 1).</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>
    /// The most bytes of content read from a file or stream, counted after gzip decompression
    /// (default <see cref="DefaultMaxContentBytes"/>, at least 1). Text given as a
    /// <see cref="System.IO.TextReader"/> is already decoded by its owner and is not counted.
    /// </summary>
    public long MaxContentBytes { get; init; } = DefaultMaxContentBytes;
}
