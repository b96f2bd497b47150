using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// A CSV file that cannot be read as a data set: a field that is not a number, a row with the
/// wrong number of fields, a missing value the policy rejects, an unknown target column, no rows,
/// or a corrupt gzip container. The message and the properties name the file, line and column.
/// </summary>
/// <remarks>Catch <see cref="DatasetFormatException"/> to handle the malformed input of every loader.</remarks>
public sealed class CsvFormatException : DatasetFormatException
{
    /// <summary>Creates the exception for a problem at a place in a file.</summary>
    /// <param name="fileName">The file (or source name) read.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column (field), 1 for problems of a whole line.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CsvFormatException(string fileName, int line, int column, string problem, Exception? innerException = null)
        : base(fileName, problem, string.Create(CultureInfo.InvariantCulture, $"{fileName}, line {line}, column {column}: {problem}"), innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CsvFormatException()
        : this("(unknown)", 1, 1, "The CSV data is malformed.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CsvFormatException(string message)
        : this("(unknown)", 1, 1, message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public CsvFormatException(string message, Exception innerException)
        : this("(unknown)", 1, 1, message, innerException)
    {
    }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The 1-based column (field) of the problem; 1 for problems of a whole line.</summary>
    public int Column { get; }
}
