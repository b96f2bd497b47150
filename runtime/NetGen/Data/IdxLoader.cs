using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using NetGen.Serialization;

namespace NetGen.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes,
/// an element type byte, a dimension count byte, then one 32-bit size per dimension) followed by
/// exactly the elements it announces. Files ending in <c>.gz</c> (or starting with the gzip magic
/// bytes) are decompressed on the fly.
/// </summary>
/// <remarks>
/// Every malformed input throws <see cref="IdxFormatException"/> (a
/// <see cref="DatasetFormatException"/>) naming the file and byte offset, before anything is
/// returned, and so does a header announcing more than <see cref="IdxOptions.MaxContentBytes"/>.
/// Memory is bounded by the content actually present, not by the sizes a header claims.
/// </remarks>
public static class IdxLoader
{
    /// <summary>The largest number of dimensions accepted.</summary>
    public const int MaxDimensions = 16;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <exception cref="IdxFormatException">The content is malformed or larger than <see cref="IdxOptions.MaxContentBytes"/>.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static IdxTensor ReadTensor(string path, IdxOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options = Checked(options);
        using FileStream file = File.OpenRead(path);
        return ReadTensor(file, Path.GetFileName(path), options);
    }

    /// <summary>Reads IDX content from a stream (gzip-compressed or not), to its end; the stream is not closed.</summary>
    /// <param name="stream">The content.</param>
    /// <param name="sourceName">The name used in error messages, such as the file name.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <exception cref="IdxFormatException">The content is malformed or larger than <see cref="IdxOptions.MaxContentBytes"/>.</exception>
    public static IdxTensor ReadTensor(Stream stream, string sourceName, IdxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        options = Checked(options);
        using Stream content = CompressedStream.OpenMaybeCompressed(stream);
        try
        {
            return Parse(content, sourceName, options.MaxContentBytes);
        }
        catch (InvalidDataException exception)
        {
            long offset = content is CheckedGZipStream gzip ? gzip.BytesRead : 0;
            throw new IdxFormatException(sourceName, offset, exception.Message, exception);
        }
    }

    /// <summary>
    /// Reads an image file and its label file (MNIST's pair) as a classification data set: each
    /// image flattened to one row of features multiplied by <paramref name="scale"/>, and its label
    /// as a one-hot row of <paramref name="classCount"/> targets (or as one target holding the
    /// label when <paramref name="oneHot"/> is false).
    /// </summary>
    /// <param name="imagesPath">The images, for example <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="labelsPath">The labels, for example <c>train-labels-idx1-ubyte.gz</c>.</param>
    /// <param name="classCount">The number of classes (10 for MNIST); every label must be below it.</param>
    /// <param name="scale">What each pixel is multiplied by (default 1/255, giving [0, 1]).</param>
    /// <param name="oneHot">Whether targets are one-hot rows (for softmax cross-entropy) or the label itself.</param>
    /// <param name="options">How to read both files; null for the defaults.</param>
    /// <exception cref="IdxFormatException">A file is malformed or too large, the counts differ, or a label is not in [0, <paramref name="classCount"/>).</exception>
    public static Dataset LoadImagesAndLabels(string imagesPath, string labelsPath, int classCount = 10, float scale = 1f / 255f, bool oneHot = true, IdxOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        options = Checked(options);
        IdxTensor images = ReadTensor(imagesPath, options);
        IdxTensor labels = ReadTensor(labelsPath, options);
        return ToDataset(images, Path.GetFileName(imagesPath), labels, Path.GetFileName(labelsPath), classCount, scale, oneHot);
    }

    /// <summary>Makes a classification data set of images and labels already read (see <see cref="LoadImagesAndLabels"/>).</summary>
    /// <exception cref="IdxFormatException">The shapes or counts disagree, or a label is not in [0, <paramref name="classCount"/>).</exception>
    /// <exception cref="ArgumentException">One-hot targets (images times <paramref name="classCount"/>) would not fit one array.</exception>
    public static Dataset ToDataset(IdxTensor images, string imagesName, IdxTensor labels, string labelsName, int classCount = 10, float scale = 1f / 255f, bool oneHot = true)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (images.Dimensions.Count < 2)
        {
            throw new IdxFormatException(imagesName, 3, string.Create(CultureInfo.InvariantCulture, $"Images need at least 2 dimensions (count and pixels); the file has {images.Dimensions.Count}."));
        }

        if (labels.Dimensions.Count != 1)
        {
            throw new IdxFormatException(labelsName, 3, string.Create(CultureInfo.InvariantCulture, $"Labels need exactly 1 dimension; the file has {labels.Dimensions.Count}."));
        }

        if (images.Count != labels.Count)
        {
            throw new IdxFormatException(labelsName, 4, string.Create(CultureInfo.InvariantCulture, $"The file has {labels.Count} labels but {imagesName} has {images.Count} images."));
        }

        if (images.Count == 0 || images.ItemSize == 0)
        {
            throw new IdxFormatException(imagesName, 4, "The file holds no images.");
        }

        int count = images.Count;
        int headerBytes = 4 + (4 * labels.Dimensions.Count);
        int targetCount = oneHot ? classCount : 1;
        var targets = new float[ArraySize.Product(count, targetCount, "One-hot targets for {0} images of {1} classes", nameof(classCount))];
        for (int i = 0; i < count; i++)
        {
            float label = labels.Values[i];
            if (!(label >= 0 && label < classCount && MathF.Floor(label) == label))
            {
                long offset = headerBytes + ((long)i * ElementSize(labels.ElementType));
                throw new IdxFormatException(labelsName, offset, string.Create(CultureInfo.InvariantCulture, $"Label {i} is {label}; labels must be whole numbers from 0 to {classCount - 1}."));
            }

            if (oneHot)
            {
                targets[(i * classCount) + (int)label] = 1f;
            }
            else
            {
                targets[i] = label;
            }
        }

        var features = new float[images.Values.Length];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = images.Values[i] * scale;
        }

        return new Dataset(features, images.ItemSize, targets, targetCount);
    }

    private static IdxOptions Checked(IdxOptions? options)
    {
        options ??= new IdxOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxContentBytes, 1, "options.MaxContentBytes");
        return options;
    }

    private static IdxTensor Parse(Stream content, string sourceName, long maxContentBytes)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = content.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (got < 4)
        {
            throw new IdxFormatException(sourceName, got, string.Create(CultureInfo.InvariantCulture, $"The file has {got} bytes; an IDX header needs at least 4."));
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new IdxFormatException(sourceName, 0, string.Create(CultureInfo.InvariantCulture, $"The magic number starts with 0x{magic[0]:X2}{magic[1]:X2}; an IDX file starts with two zero bytes."));
        }

        var type = (IdxElementType)magic[2];
        if (!Enum.IsDefined(type))
        {
            throw new IdxFormatException(sourceName, 2, string.Create(CultureInfo.InvariantCulture, $"The element type 0x{magic[2]:X2} is unknown (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)."));
        }

        int rank = magic[3];
        if (rank < 1 || rank > MaxDimensions)
        {
            throw new IdxFormatException(sourceName, 3, string.Create(CultureInfo.InvariantCulture, $"The file declares {rank} dimensions; 1 to {MaxDimensions} are supported."));
        }

        Span<byte> sizes = stackalloc byte[4 * MaxDimensions];
        sizes = sizes[..(4 * rank)];
        got = content.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
        if (got < sizes.Length)
        {
            throw new IdxFormatException(sourceName, 4 + got, string.Create(CultureInfo.InvariantCulture, $"The header ends early: {rank} dimension sizes need {4 * rank} bytes after the magic number, but only {got} follow."));
        }

        var dimensions = new int[rank];
        long elements = 1;
        int elementSize = ElementSize(type);
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizes.Slice(4 * d, 4));
            if (size > int.MaxValue)
            {
                throw new IdxFormatException(sourceName, 4 + (4 * d), string.Create(CultureInfo.InvariantCulture, $"Dimension {d} has the size {size}, which is too large."));
            }

            dimensions[d] = (int)size;
            elements *= size;
            if (elements * elementSize > Array.MaxLength)
            {
                throw new IdxFormatException(sourceName, 4 + (4 * d), string.Create(CultureInfo.InvariantCulture, $"The dimensions announce more than {Array.MaxLength} bytes of data, more than one array can hold."));
            }
        }

        long headerLength = 4 + (4L * rank);
        long expected = elements * elementSize;
        if (headerLength + expected > maxContentBytes)
        {
            throw new IdxFormatException(sourceName, headerLength - 4, string.Create(CultureInfo.InvariantCulture, $"The header announces {headerLength + expected} bytes ({string.Join(" x ", dimensions)} elements of {elementSize} bytes and the header), more than {maxContentBytes} bytes (IdxOptions.MaxContentBytes); raise the limit to read this file."));
        }
        byte[] data = StreamReading.ReadUpTo(content, (int)expected);
        if (data.Length < expected)
        {
            throw new IdxFormatException(sourceName, headerLength + data.Length, string.Create(CultureInfo.InvariantCulture, $"The data is truncated: the header announces {expected} bytes ({string.Join(" x ", dimensions)} elements of {elementSize} bytes) but only {data.Length} follow."));
        }

        if (content.ReadByte() >= 0)
        {
            throw new IdxFormatException(sourceName, headerLength + expected, string.Create(CultureInfo.InvariantCulture, $"There are bytes after the {expected} bytes of data the header announces."));
        }

        return new IdxTensor(type, dimensions, Convert(data, type, (int)elements));
    }

    private static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.SignedInt16 => 2,
        IdxElementType.SignedInt32 or IdxElementType.SinglePrecision => 4,
        _ => 8,
    };

    private static float[] Convert(byte[] data, IdxElementType type, int elements)
    {
        var values = new float[elements];
        ReadOnlySpan<byte> bytes = data;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = type switch
            {
                IdxElementType.UnsignedByte => bytes[i],
                IdxElementType.SignedByte => (sbyte)bytes[i],
                IdxElementType.SignedInt16 => BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(2 * i, 2)),
                IdxElementType.SignedInt32 => BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 * i, 4)),
                IdxElementType.SinglePrecision => BinaryPrimitives.ReadSingleBigEndian(bytes.Slice(4 * i, 4)),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(bytes.Slice(8 * i, 8)),
            };
        }

        return values;
    }
}
