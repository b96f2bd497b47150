using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// An IDX file (MNIST's format) that cannot be read: a wrong magic number, an unknown element
/// type, a header whose sizes overflow, data shorter or longer than the header promises, image
/// and label files that disagree, labels out of range, or a corrupt gzip container. The message
/// and the properties name the file and the byte offset.
/// </summary>
/// <remarks>Catch <see cref="DatasetFormatException"/> to handle the malformed input of every loader.</remarks>
public sealed class IdxFormatException : DatasetFormatException
{
    /// <summary>Creates the exception for a problem at a byte offset of a file.</summary>
    /// <param name="fileName">The file (or source name) read.</param>
    /// <param name="offset">The byte offset in the uncompressed content where the problem is.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public IdxFormatException(string fileName, long offset, string problem, Exception? innerException = null)
        : base(fileName, problem, string.Create(CultureInfo.InvariantCulture, $"{fileName}, byte {offset}: {problem}"), innerException)
    {
        Offset = offset;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IdxFormatException()
        : this("(unknown)", 0, "The IDX data is malformed.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IdxFormatException(string message)
        : this("(unknown)", 0, message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public IdxFormatException(string message, Exception innerException)
        : this("(unknown)", 0, message, innerException)
    {
    }

    /// <summary>The byte offset in the uncompressed content where the problem is.</summary>
    public long Offset { get; }
}
