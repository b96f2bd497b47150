using System;

namespace NetGen.Data;

/// <summary>
/// Malformed content given to a data set loader (<see cref="CsvLoader"/>, <see cref="IdxLoader"/>),
/// including a corrupt gzip container. The message names the file and the place of the problem.
/// Catch this type to handle every malformed input of the loaders; the derived types add the place
/// (<see cref="CsvFormatException"/>: line and column; <see cref="IdxFormatException"/>: byte offset).
/// </summary>
public class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception for a problem in a file.</summary>
    /// <param name="fileName">The file (or source name) read.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="message">The whole message, naming the file and the place.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected DatasetFormatException(string fileName, string problem, string message, Exception? innerException)
        : base(message, innerException)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public DatasetFormatException()
        : this("(unknown)", "The data is malformed.", "The data is malformed.", null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DatasetFormatException(string message)
        : this("(unknown)", message, message, null)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public DatasetFormatException(string message, Exception innerException)
        : this("(unknown)", message, message, innerException)
    {
    }

    /// <summary>The file (or source name) read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }
}
