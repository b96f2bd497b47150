using System;
using System.IO;
using System.IO.Compression;

namespace NetGen.Benchmarks.Data;

/// <summary>The 2,000 MNIST digits of data/mnist/test2k (see its PROVENANCE.md): pixels scaled to [0, 1], one-hot labels.</summary>
public sealed class MnistSubset
{
    private MnistSubset(float[] images, float[] labels, int rows)
    {
        Images = images;
        OneHotLabels = labels;
        Rows = rows;
    }

    /// <summary>Rows of 784 floats.</summary>
    public float[] Images { get; }

    /// <summary>Rows of 10 floats.</summary>
    public float[] OneHotLabels { get; }

    public int Rows { get; }

    /// <summary>Reads the files copied next to the benchmark assembly.</summary>
    public static MnistSubset Load()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "data", "mnist");
        byte[] images = ReadGzip(Path.Combine(folder, "test2k-images-idx3-ubyte.gz"));
        byte[] labels = ReadGzip(Path.Combine(folder, "test2k-labels-idx1-ubyte.gz"));
        int rows = BigEndian(labels, 4);
        if (BigEndian(images, 0) != 0x803 || BigEndian(labels, 0) != 0x801 || BigEndian(images, 4) != rows)
        {
            throw new InvalidDataException("The MNIST files are not the IDX image and label files of the same rows.");
        }

        var pixels = new float[rows * 784];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = images[16 + i] / 255f;
        }

        var oneHot = new float[rows * 10];
        for (int r = 0; r < rows; r++)
        {
            oneHot[(r * 10) + labels[8 + r]] = 1f;
        }

        return new MnistSubset(pixels, oneHot, rows);
    }

    private static byte[] ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    private static int BigEndian(byte[] bytes, int offset)
        => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
