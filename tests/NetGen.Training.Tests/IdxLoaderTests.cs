using System;
using System.IO;
using NetGen.Data;
using Xunit;

namespace NetGen.Training.Tests;

public class IdxLoaderTests
{
    private static byte[] Header(byte type, params int[] dimensions)
    {
        var header = new byte[4 + (4 * dimensions.Length)];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * d)), dimensions[d]);
        }

        return header;
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var all = new byte[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    [Fact]
    public void Reads_an_unsigned_byte_tensor_with_its_dimensions()
    {
        string path = TestFiles.WriteBytes("t.idx", Concat(Header(0x08, 2, 2, 3), [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]));
        IdxTensor tensor = IdxLoader.ReadTensor(path);
        Assert.Equal(IdxElementType.UnsignedByte, tensor.ElementType);
        Assert.Equal(new[] { 2, 2, 3 }, tensor.Dimensions);
        Assert.Equal(6, tensor.ItemSize);
        Assert.Equal(255f, tensor.Item(1)[5]);
    }

    [Fact]
    public void Reads_big_endian_integers_and_floats()
    {
        byte[] ints = [0xFF, 0xFF, 0xFF, 0xFE, 0x00, 0x00, 0x01, 0x00];
        Assert.Equal(new[] { -2f, 256f }, IdxLoader.ReadTensor(TestFiles.WriteBytes("i.idx", Concat(Header(0x0C, 2), ints))).Values);
        byte[] floats = [0x3F, 0xC0, 0x00, 0x00];
        Assert.Equal(1.5f, IdxLoader.ReadTensor(TestFiles.WriteBytes("f.idx", Concat(Header(0x0D, 1), floats))).Values[0]);
    }

    [Fact]
    public void A_wrong_magic_number_is_reported_at_offset_0()
    {
        byte[] bytes = Concat(Header(0x08, 1), [7]);
        bytes[0] = 0x12;
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("m.idx", bytes)));
        Assert.Equal(0, error.Offset);
        Assert.Equal("m.idx", error.FileName);
        Assert.Contains("two zero bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_element_type_or_no_dimensions_is_rejected()
    {
        Assert.Contains("element type 0x07", Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("t.idx", Concat(Header(0x07, 1), [1])))).Message, StringComparison.Ordinal);
        Assert.Contains("0 dimensions", Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("d.idx", Header(0x08)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_data_and_trailing_bytes_are_rejected()
    {
        IdxFormatException truncated = Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("t.idx", Concat(Header(0x08, 2, 3), [1, 2, 3, 4]))));
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.Equal(12 + 4, truncated.Offset);
        Assert.Contains("bytes after", Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("x.idx", Concat(Header(0x08, 2), [1, 2, 3])))).Message, StringComparison.Ordinal);
        Assert.Contains("header ends early", Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("h.idx", [0, 0, 8, 3, 0, 0]))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_announcing_gigabytes_fails_without_allocating_them()
    {
        byte[] bytes = Concat(Header(0x08, 60000, 1000, 1000), [1, 2, 3]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(bytes), "big.idx"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(error.Message.Contains("more than", StringComparison.Ordinal) || error.Message.Contains("truncated", StringComparison.Ordinal), error.Message);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");

        byte[] plausible = Concat(Header(0x08, 1000, 1000, 1000), [1, 2, 3]);
        Assert.Contains("MaxContentBytes", Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(plausible), "p.idx")).Message, StringComparison.Ordinal);
        before = GC.GetAllocatedBytesForCurrentThread();
        var raised = new IdxOptions { MaxContentBytes = 2L << 30 };
        Assert.Contains("truncated", Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(plausible), "p.idx", raised)).Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20);
    }

    [Fact]
    public void A_header_announcing_more_than_MaxContentBytes_is_rejected_before_the_data_is_read()
    {
        byte[] bytes = Concat(Header(0x08, 64, 1024), new byte[64 * 1024]);
        var options = new IdxOptions { MaxContentBytes = 32 * 1024 };
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(bytes), "big.idx", options));
        Assert.Equal(8, error.Offset);
        Assert.Contains("MaxContentBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("32768 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(64 * 1024, IdxLoader.ReadTensor(new MemoryStream(bytes), "big.idx", new IdxOptions { MaxContentBytes = bytes.Length }).Values.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxLoader.ReadTensor(new MemoryStream(bytes), "big.idx", new IdxOptions { MaxContentBytes = 0 }));
    }

    [Fact]
    public void A_gzip_bomb_of_256_MiB_is_rejected_by_the_default_limit_without_decompressing_it()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Header(0x08, 1, 16384, 16384));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++)
            {
                gzip.Write(zeros);
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(buffer.ToArray()), "bomb.idx.gz"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("MaxContentBytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Images_and_labels_become_one_hot_rows_scaled_to_unit_range()
    {
        string images = TestFiles.WriteBytes("img.idx.gz", Concat(Header(0x08, 2, 1, 2), [0, 255, 51, 102]), gzip: true);
        string labels = TestFiles.WriteBytes("lbl.idx", Concat(Header(0x08, 2), [3, 0]));
        Dataset data = IdxLoader.LoadImagesAndLabels(images, labels, classCount: 4);
        float[] pixels = data.Features.ToArray();
        float[] expected = [0f, 1f, 0.2f, 0.4f];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], pixels[i], 6);
        }

        Assert.Equal(new[] { 0f, 0f, 0f, 1f, 1f, 0f, 0f, 0f }, data.Targets.ToArray());
        Assert.Equal(3, data.ClassOf(0));
    }

    [Fact]
    public void One_hot_targets_too_large_for_one_array_are_an_argument_error_naming_the_sizes()
    {
        const int Count = 1 << 20;
        var images = new IdxTensor(IdxElementType.UnsignedByte, [Count, 1], new float[Count]);
        var labels = new IdxTensor(IdxElementType.UnsignedByte, [Count], new float[Count]);
        ArgumentException error = Assert.Throws<ArgumentException>(() => IdxLoader.ToDataset(images, "i.idx", labels, "l.idx", classCount: 4096));
        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Equal(Count, IdxLoader.ToDataset(images, "i.idx", labels, "l.idx", classCount: 4096, oneHot: false).Count);
    }

    [Fact]
    public void Mismatched_counts_and_out_of_range_labels_are_rejected()
    {
        string images = TestFiles.WriteBytes("img.idx", Concat(Header(0x08, 2, 1, 1), [1, 2]));
        string threeLabels = TestFiles.WriteBytes("l3.idx", Concat(Header(0x08, 3), [0, 1, 2]));
        Assert.Contains("3 labels but img.idx has 2 images", Assert.Throws<IdxFormatException>(() => IdxLoader.LoadImagesAndLabels(images, threeLabels)).Message, StringComparison.Ordinal);
        string badLabel = TestFiles.WriteBytes("lb.idx", Concat(Header(0x08, 2), [0, 10]));
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxLoader.LoadImagesAndLabels(images, badLabel));
        Assert.Equal(9, error.Offset);
        Assert.Contains("Label 1 is 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_gzip_container_is_a_format_error()
    {
        string good = TestFiles.WriteBytes("g.idx.gz", Concat(Header(0x08, 64), new byte[64]), gzip: true);
        byte[] bytes = File.ReadAllBytes(good);
        Array.Resize(ref bytes, bytes.Length / 2);
        Assert.ThrowsAny<DatasetFormatException>(() => IdxLoader.ReadTensor(TestFiles.WriteBytes("bad.idx.gz", bytes)));
    }

    [Fact]
    public void Every_truncation_of_a_gzip_IDX_file_is_rejected()
    {
        var pixels = new byte[6 * 7 * 7];
        new Random(5).NextBytes(pixels);
        byte[] whole = File.ReadAllBytes(TestFiles.WriteBytes("w.idx.gz", Concat(Header(0x08, 6, 7, 7), pixels), gzip: true));
        Assert.Equal(pixels.Length, IdxLoader.ReadTensor(new MemoryStream(whole), "w.idx.gz").Values.Length);
        for (int cut = 0; cut < whole.Length; cut++)
        {
            int length = cut;
            Assert.ThrowsAny<DatasetFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(whole, 0, length), "cut.idx.gz"));
        }
    }

    [Fact]
    public void A_gzip_IDX_file_cut_inside_its_trailer_is_reported_as_truncated()
    {
        byte[] whole = File.ReadAllBytes(TestFiles.WriteBytes("t.idx.gz", Concat(Header(0x08, 4), [1, 2, 3, 4]), gzip: true));
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(whole, 0, whole.Length - 1), "t.idx.gz"));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mnist_copy_loads_with_the_documented_class_counts()
    {
        string folder = TestFiles.DataFolder("mnist");
        Dataset test = IdxLoader.LoadImagesAndLabels(Path.Combine(folder, "test2k-images-idx3-ubyte.gz"), Path.Combine(folder, "test2k-labels-idx1-ubyte.gz"));
        Assert.Equal(2000, test.Count);
        Assert.Equal(784, test.FeatureCount);
        var counts = new int[10];
        foreach (int c in test.Classes())
        {
            counts[c]++;
        }

        Assert.Equal(new[] { 181, 226, 195, 210, 189, 172, 218, 213, 196, 200 }, counts);
    }
}
