using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using NetGen.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Deployment.Tests;

/// <summary>
/// The data loaders face files from anywhere: every corrupted CSV or IDX input must either load
/// or fail with the loader's own exception (<see cref="CsvFormatException"/>,
/// <see cref="IdxFormatException"/>), never with anything else, and never allocate from a size
/// the file merely claims.
/// </summary>
public sealed class LoaderFuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 10_000;
    private const long AllocationLimit = 16L << 20;

    [Fact]
    public void Corrupted_CSV_loads_or_throws_CsvFormatException()
    {
        var text = new StringBuilder("a,b,c,label\n");
        var random = new Random(3);
        for (int row = 0; row < 40; row++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{random.NextDouble():F3},{random.Next(-50, 50)},{random.NextDouble() * 1e3:E2},{random.Next(3)}\n");
        }

        byte[] plain = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(40, CsvLoader.Read(new MemoryStream(plain), "valid.csv").Count);
        (int loaded, int rejected) = Fuzz(plain, seed: 11, csv: true);
        output.WriteLine($"CSV: {Mutations} mutations, {loaded} loaded, {rejected} rejected with CsvFormatException");
        Assert.True(rejected > Mutations / 10);
    }

    [Fact]
    public void Corrupted_IDX_loads_or_throws_IdxFormatException()
    {
        byte[] plain = IdxBytes(count: 6, seed: 4);
        Assert.Equal(6, IdxLoader.ReadTensor(new MemoryStream(plain), "valid.idx").Dimensions[0]);
        (int loaded, int rejected) = Fuzz(plain, seed: 12, csv: false);
        output.WriteLine($"IDX: {Mutations} mutations, {loaded} loaded, {rejected} rejected with IdxFormatException");
        Assert.True(rejected > Mutations / 10);
    }

    [Fact]
    public void Every_truncation_of_a_gzip_CSV_or_IDX_file_is_rejected()
    {
        var text = new StringBuilder("a,b,y\n");
        for (int row = 0; row < 300; row++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{row},{row * 0.5},{10000 + row}\n");
        }

        byte[] csv = Gzip(Encoding.UTF8.GetBytes(text.ToString()));
        byte[] idx = Gzip(IdxBytes(count: 40, seed: 6));
        int csvRejected = RejectedTruncations(csv, bytes => CsvLoader.Read(new MemoryStream(bytes), "cut.csv.gz"));
        int idxRejected = RejectedTruncations(idx, bytes => IdxLoader.ReadTensor(new MemoryStream(bytes), "cut.idx.gz"));
        output.WriteLine($"gzip CSV: {csv.Length} cut points, {csvRejected} rejected; gzip IDX: {idx.Length} cut points, {idxRejected} rejected");
        Assert.Equal(csv.Length, csvRejected);
        Assert.Equal(idx.Length, idxRejected);
    }

    /// <summary>
    /// gzip bombs and monsters: each decompresses to far more than the default limits allow, and
    /// each must fail with the loader's exception naming the limit it crossed, having allocated no
    /// more than a few megabytes.
    /// </summary>
    [Fact]
    public void Oversized_gzip_CSV_and_IDX_inputs_fail_on_a_named_limit_with_little_memory()
    {
        byte[] idxHeader = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(idxHeader, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(idxHeader.AsSpan(4), 1);
        BinaryPrimitives.WriteInt32BigEndian(idxHeader.AsSpan(8), 16384);
        BinaryPrimitives.WriteInt32BigEndian(idxHeader.AsSpan(12), 16384);
        byte[] smallIdxHeader = (byte[])idxHeader.Clone();
        BinaryPrimitives.WriteInt32BigEndian(smallIdxHeader.AsSpan(12), 1);
        (string Name, byte[] Gzip, bool Csv, string Limit)[] cases =
        [
            ("one line of 100 million digits", GzipRepeated("a,y\n"u8, "1111111111"u8, 10_000_000), true, "MaxLineLength"),
            ("one line of 2 million fields", GzipRepeated([], "0,"u8, 2_000_000), true, "MaxLineLength"),
            ("a header of 100,000 fields", GzipRepeated([], "c,"u8, 100_000), true, "MaxFields"),
            ("300 MiB of blank lines", GzipRepeated("a,y\n"u8, Encoding.ASCII.GetBytes(new string(' ', (1 << 20) - 1) + "\n"), 300), true, "MaxContentBytes"),
            ("an IDX file of 256 MiB of zeros", GzipRepeated(idxHeader, new byte[1 << 20], 256), false, "MaxContentBytes"),
            ("a 16 KiB IDX file followed by 256 MiB of zeros", GzipRepeated(smallIdxHeader, new byte[1 << 20], 256), false, "bytes after"),
        ];

        int rejected = 0;
        long largest = 0;
        foreach ((string name, byte[] gzip, bool csv, string limit) in cases)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            DatasetFormatException error = csv
                ? Assert.Throws<CsvFormatException>(() => CsvLoader.Read(new MemoryStream(gzip), "bomb.csv.gz"))
                : Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(gzip), "bomb.idx.gz"));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(error.Message.Contains(limit, StringComparison.Ordinal), $"{name}: {error.Message}");
            Assert.True(allocated < AllocationLimit, $"{name}: allocated {allocated} bytes");
            output.WriteLine($"{name}: {gzip.Length} compressed bytes, rejected ({limit}) after allocating {allocated / 1024} KiB");
            largest = Math.Max(largest, allocated);
            rejected++;
        }

        output.WriteLine($"oversized gzip inputs: {cases.Length}, {rejected} rejected on a named limit, at most {largest / 1024} KiB allocated by one");
    }

    [Theory]
    [InlineData(0x7FFFFFFF, 0x7FFFFFFF)]
    [InlineData(65536, 65536)]
    [InlineData(-1, 4)]
    public void An_IDX_header_claiming_a_huge_tensor_throws_without_allocating_it(int count, int width)
    {
        byte[] bytes = new byte[16 + 64];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x0D03); // float32, 3 dimensions
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), width);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<IdxFormatException>(() => IdxLoader.ReadTensor(new MemoryStream(bytes), "huge.idx"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationLimit);
    }

    /// <summary>Loads every proper prefix of <paramref name="whole"/> and counts those rejected with a <see cref="DatasetFormatException"/>.</summary>
    private static int RejectedTruncations(byte[] whole, Action<byte[]> load)
    {
        load(whole);
        int rejected = 0;
        for (int cut = 0; cut < whole.Length; cut++)
        {
            try
            {
                load(whole[..cut]);
            }
            catch (DatasetFormatException)
            {
                rejected++;
            }
        }

        return rejected;
    }

    private static byte[] IdxBytes(int count, int seed)
    {
        byte[] bytes = new byte[16 + (count * 5 * 4)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 5);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 4);
        new Random(seed).NextBytes(bytes.AsSpan(16));
        return bytes;
    }

    private static (int Loaded, int Rejected) Fuzz(byte[] plain, int seed, bool csv)
    {
        var random = new Random(seed);
        byte[] compressed = Gzip(plain);
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < Mutations; i++)
        {
            byte[] source = i % 5 == 4 ? compressed : plain;
            byte[] bytes = Mutate(source, random, i % 4, csv);
            bool truncatedGzip = source == compressed && bytes.Length < compressed.Length;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                if (csv)
                {
                    CsvLoader.Read(new MemoryStream(bytes), "fuzz.csv");
                }
                else
                {
                    IdxLoader.ReadTensor(new MemoryStream(bytes), "fuzz.idx");
                }

                Assert.False(truncatedGzip, $"mutation {i}: a gzip file cut to {bytes.Length} of {compressed.Length} bytes loaded");
                loaded++;
            }
            catch (DatasetFormatException e) when (csv ? e is CsvFormatException : e is IdxFormatException)
            {
                Assert.Contains("fuzz.", e.Message, StringComparison.Ordinal);
                rejected++;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationLimit, $"mutation {i} allocated {allocated} bytes from a {bytes.Length}-byte input");
        }

        Assert.Equal(Mutations, loaded + rejected);
        return (loaded, rejected);
    }

    private static byte[] Mutate(byte[] source, Random random, int kind, bool csv)
    {
        byte[] bytes = (byte[])source.Clone();
        switch (kind)
        {
            case 0: // bit flips
                for (int f = 1 + random.Next(4); f > 0; f--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // truncation
                return bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            case 2: // extension with random bytes, or with text that looks like data
                byte[] tail = csv && random.Next(2) == 0 ? Encoding.UTF8.GetBytes("1,2\n,,,\n\"x\",NaN,1e999,-\n") : new byte[1 + random.Next(64)];
                if (tail.Length > 0 && tail[0] == 0)
                {
                    random.NextBytes(tail);
                }

                return [.. bytes, .. tail];
            default: // rewritten header: for IDX the magic and dimension sizes, for CSV the first line
                if (csv)
                {
                    int end = Array.IndexOf(bytes, (byte)'\n');
                    string[] headers = ["a,b,label\n", "\n", "a,a,a,a\n", ",,,\n", "a;b;c;label\n", new string(',', random.Next(1, 200)) + "\n"];
                    return [.. Encoding.UTF8.GetBytes(headers[random.Next(headers.Length)]), .. bytes.AsSpan(end + 1)];
                }

                int field = random.Next(4);
                int value = random.Next(5) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, 3 => random.Next(256), _ => random.Next() };
                if (field == 0)
                {
                    bytes[random.Next(4)] = (byte)value;
                }
                else if (bytes.Length >= 4 * (field + 1))
                {
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * field), value);
                }

                return bytes;
        }
    }

    /// <summary>gzip of <paramref name="head"/> then <paramref name="count"/> copies of <paramref name="repeated"/>, compressed as written.</summary>
    private static byte[] GzipRepeated(ReadOnlySpan<byte> head, ReadOnlySpan<byte> repeated, int count)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(head);
            for (int i = 0; i < count; i++)
            {
                gzip.Write(repeated);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return buffer.ToArray();
    }
}
