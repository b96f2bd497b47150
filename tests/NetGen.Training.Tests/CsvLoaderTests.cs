using System;
using System.IO;
using System.Linq;
using NetGen.Data;
using Xunit;

namespace NetGen.Training.Tests;

public class CsvLoaderTests
{
    [Fact]
    public void Reads_features_and_the_last_column_as_target_with_header_names()
    {
        string path = TestFiles.WriteText("small.csv", "a,b,label\n1.5,-2,0\n3e2, 4 ,1\n");
        Dataset data = CsvLoader.Load(path);
        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(new[] { 1.5f, -2f, 300f, 4f }, data.Features.ToArray());
        Assert.Equal(new[] { 0f, 1f }, data.Targets.ToArray());
        Assert.Equal(new[] { "a", "b" }, data.FeatureNames);
        Assert.Equal("label", data.TargetNames[0]);
    }

    [Fact]
    public void Chooses_the_target_column_by_name_or_by_index()
    {
        string path = TestFiles.WriteText("t.csv", "y,a,b\n7,1,2\n8,3,4\n");
        Dataset byName = CsvLoader.Load(path, new CsvOptions { TargetColumn = "y" });
        Dataset byIndex = CsvLoader.Load(path, new CsvOptions { TargetColumnIndex = 0 });
        Assert.Equal(new[] { 7f, 8f }, byName.Targets.ToArray());
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, byName.Features.ToArray());
        Assert.Equal(byName.Features.ToArray(), byIndex.Features.ToArray());
        Assert.Equal(byName.Targets.ToArray(), byIndex.Targets.ToArray());
    }

    [Fact]
    public void Parses_with_the_invariant_culture_whatever_the_current_one()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            string path = TestFiles.WriteText("c.csv", "a,y\n1.25,0\n");
            Assert.Equal(1.25f, CsvLoader.Load(path).Features[0]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_field_that_is_not_a_number_names_file_line_and_column()
    {
        string path = TestFiles.WriteText("bad.csv", "a,b,y\n1,2,0\n3,x7,1\n");
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path));
        Assert.Equal("bad.csv", error.FileName);
        Assert.Equal(3, error.Line);
        Assert.Equal(2, error.Column);
        Assert.Contains("bad.csv, line 3, column 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x7'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_few_or_too_many_fields_is_reported_at_its_line()
    {
        string shortRow = TestFiles.WriteText("short.csv", "a,b,y\n1,2,0\n\n4,5\n");
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(shortRow));
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("2 fields", error.Message, StringComparison.Ordinal);

        string longRow = TestFiles.WriteText("long.csv", "a,b,y\n1,2,0,9\n");
        Assert.Equal(2, Assert.Throws<CsvFormatException>(() => CsvLoader.Load(longRow)).Line);
    }

    [Fact]
    public void Non_finite_numbers_are_rejected()
    {
        string path = TestFiles.WriteText("inf.csv", "a,y\nInfinity,0\n");
        Assert.Contains("not a finite number", Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_values_are_rejected_by_default_with_their_place()
    {
        string path = TestFiles.WriteText("m.csv", "a,b,y\n1,,0\n");
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path));
        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MissingValuePolicy.Zero, 0f)]
    [InlineData(MissingValuePolicy.ColumnMean, 4f)]
    [InlineData(MissingValuePolicy.ColumnMedian, 3f)]
    public void Missing_values_are_imputed_by_the_named_policy(MissingValuePolicy policy, float expected)
    {
        string path = TestFiles.WriteText("m.csv", "a,y\n1,0\nNA,1\n3,0\n8,1\n");
        Dataset data = CsvLoader.Load(path, new CsvOptions { MissingValues = policy, MissingValueMarkers = ["NA"] });
        Assert.Equal(expected, data.FeatureRow(1)[0]);
    }

    [Fact]
    public void Keep_NaN_then_an_imputer_fitted_on_training_rows_fills_others()
    {
        string path = TestFiles.WriteText("m.csv", "a,y\n2,0\n4,1\n,1\n");
        Dataset data = CsvLoader.Load(path, new CsvOptions { MissingValues = MissingValuePolicy.KeepNaN });
        Assert.True(float.IsNaN(data.FeatureRow(2)[0]));
        Imputer imputer = Imputer.Fit(data.Subset([0, 1]));
        Assert.Equal(3f, imputer.Transform(data).FeatureRow(2)[0]);
    }

    [Fact]
    public void A_missing_target_is_always_an_error()
    {
        string path = TestFiles.WriteText("m.csv", "a,y\n2,\n");
        var options = new CsvOptions { MissingValues = MissingValuePolicy.Zero };
        Assert.Contains("target", Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path, options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_target_column_empty_file_and_header_only_are_clear_errors()
    {
        string path = TestFiles.WriteText("h.csv", "a,y\n1,0\n");
        Assert.Contains("no column named 'z'", Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path, new CsvOptions { TargetColumn = "z" })).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<CsvFormatException>(() => CsvLoader.Load(TestFiles.WriteText("e.csv", ""))).Message, StringComparison.Ordinal);
        Assert.Contains("no data rows", Assert.Throws<CsvFormatException>(() => CsvLoader.Load(TestFiles.WriteText("o.csv", "a,y\n"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_files_are_read_and_a_corrupt_container_is_a_format_error()
    {
        string good = TestFiles.WriteText("g.csv.gz", "a,y\n1,0\n2,1\n", gzip: true);
        Assert.Equal(2, CsvLoader.Load(good).Count);

        byte[] bytes = File.ReadAllBytes(good);
        bytes[^6] ^= 0xFF; // damage the CRC / length trailer
        bytes[12] ^= 0x55; // and the deflate stream
        string bad = TestFiles.WriteBytes("bad.csv.gz", bytes);
        Assert.ThrowsAny<DatasetFormatException>(() => CsvLoader.Load(bad));
    }

    [Fact]
    public void Every_truncation_of_a_gzip_CSV_is_rejected()
    {
        var text = new System.Text.StringBuilder("a,b,y\n");
        for (int row = 0; row < 300; row++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{row},{row * 0.5},{10000 + row}\n");
        }

        byte[] whole = File.ReadAllBytes(TestFiles.WriteText("whole.csv.gz", text.ToString(), gzip: true));
        Assert.Equal(300, CsvLoader.Read(new MemoryStream(whole), "whole.csv.gz").Count);
        for (int cut = 0; cut < whole.Length; cut++)
        {
            int length = cut;
            Assert.ThrowsAny<DatasetFormatException>(() => CsvLoader.Read(new MemoryStream(whole, 0, length), "cut.csv.gz"));
        }
    }

    [Fact]
    public void A_gzip_CSV_cut_inside_its_trailer_names_the_truncation()
    {
        byte[] whole = File.ReadAllBytes(TestFiles.WriteText("t.csv.gz", "a,y\n1,10000\n", gzip: true));
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Read(new MemoryStream(whole, 0, whole.Length - 3), "t.csv.gz"));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenated_gzip_members_read_as_one_file()
    {
        byte[] first = File.ReadAllBytes(TestFiles.WriteText("1.csv.gz", "a,y\n1,0\n", gzip: true));
        byte[] second = File.ReadAllBytes(TestFiles.WriteText("2.csv.gz", "2,1\n3,0\n", gzip: true));
        Dataset data = CsvLoader.Read(new MemoryStream([.. first, .. second]), "both.csv.gz");
        Assert.Equal(new[] { 1f, 2f, 3f }, data.Features.ToArray());
        Assert.ThrowsAny<DatasetFormatException>(() => CsvLoader.Read(new MemoryStream([.. first, .. second[..^4]]), "both.csv.gz"));
    }

    [Fact]
    public void A_line_longer_than_MaxLineLength_is_rejected_without_holding_it()
    {
        string small = TestFiles.WriteText("l.csv", "a,y\n1,0\n" + new string('1', 5000) + ",0\n");
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(small, new CsvOptions { MaxLineLength = 1000 }));
        Assert.Equal(3, error.Line);
        Assert.Contains("MaxLineLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("1000 characters", error.Message, StringComparison.Ordinal);

        // 64 million characters on one line: the default limit stops reading it after about a million.
        byte[] compressed = GzipRepeated("a,y\n", "1111111111111111", 4 << 20, ",0\n");
        long before = GC.GetAllocatedBytesForCurrentThread();
        error = Assert.Throws<CsvFormatException>(() => CsvLoader.Read(new MemoryStream(compressed), "long.csv.gz"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("MaxLineLength", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void More_fields_than_MaxFields_are_rejected_naming_the_limit()
    {
        string path = TestFiles.WriteText("f.csv", "a,b,c,d,y\n1,2,3,4,0\n");
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path, new CsvOptions { MaxFields = 4 }));
        Assert.Equal((1, 5), (error.Line, error.Column));
        Assert.Contains("MaxFields", error.Message, StringComparison.Ordinal);

        string header = string.Join(',', Enumerable.Range(0, 70_000).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string wide = TestFiles.WriteText("w.csv", header + "\n" + string.Join(',', Enumerable.Repeat("0", 70_000)) + "\n");
        Assert.Contains("65536 fields", Assert.Throws<CsvFormatException>(() => CsvLoader.Load(wide)).Message, StringComparison.Ordinal);
        Assert.Equal(69_999, CsvLoader.Load(wide, new CsvOptions { MaxFields = 70_000 }).FeatureCount);
    }

    [Fact]
    public void More_rows_than_MaxRows_are_rejected_naming_the_limit()
    {
        string path = TestFiles.WriteText("r.csv", "a,y\n1,0\n2,0\n\n3,1\n4,1\n");
        Assert.Equal(4, CsvLoader.Load(path, new CsvOptions { MaxRows = 4 }).Count);
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path, new CsvOptions { MaxRows = 3 }));
        Assert.Equal(6, error.Line);
        Assert.Contains("MaxRows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_beyond_MaxContentBytes_is_rejected_while_decompressing()
    {
        byte[] compressed = GzipRepeated("a,y\n", "1,0\n", 1 << 20, string.Empty);
        var options = new CsvOptions { MaxContentBytes = 1 << 20 };
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvLoader.Read(new MemoryStream(compressed), "big.csv.gz", options));
        Assert.Contains("MaxContentBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 200_000, 262_146);
        Assert.Equal(1 << 20, CsvLoader.Read(new MemoryStream(compressed), "big.csv.gz", new CsvOptions { MaxContentBytes = 5 << 20 }).Count);
    }

    [Fact]
    public void Limits_below_one_are_argument_errors()
    {
        string path = TestFiles.WriteText("a.csv", "a,y\n1,0\n");
        Assert.Contains("MaxLineLength", Assert.Throws<ArgumentOutOfRangeException>(() => CsvLoader.Load(path, new CsvOptions { MaxLineLength = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxFields", Assert.Throws<ArgumentOutOfRangeException>(() => CsvLoader.Load(path, new CsvOptions { MaxFields = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxRows", Assert.Throws<ArgumentOutOfRangeException>(() => CsvLoader.Load(path, new CsvOptions { MaxRows = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxContentBytes", Assert.Throws<ArgumentOutOfRangeException>(() => CsvLoader.Load(path, new CsvOptions { MaxContentBytes = 0 })).Message, StringComparison.Ordinal);
    }

    /// <summary>gzip of <paramref name="head"/>, <paramref name="count"/> times <paramref name="repeated"/>, then <paramref name="tail"/>, compressed as it is written.</summary>
    private static byte[] GzipRepeated(string head, string repeated, int count, string tail)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.ASCII.GetBytes(head));
            byte[] chunk = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(repeated, 4096)));
            for (int i = 0; i < count / 4096; i++)
            {
                gzip.Write(chunk);
            }

            gzip.Write(System.Text.Encoding.ASCII.GetBytes(tail));
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Null_missing_value_markers_are_an_argument_error_before_the_file_is_opened()
    {
        string path = TestFiles.WriteText("m.csv", "a,y\n1,0\n");
        var options = new CsvOptions { MissingValueMarkers = null! };
        Assert.Contains("MissingValueMarkers", Assert.Throws<ArgumentNullException>(() => CsvLoader.Load(path, options)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => CsvLoader.Load(path + ".absent", options));
        Assert.Contains("MissingValueMarkers", Assert.Throws<ArgumentException>(() => CsvLoader.Load(path, new CsvOptions { MissingValueMarkers = ["NA", null!] })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_missing_value_policy_is_an_argument_error_not_a_median()
    {
        string path = TestFiles.WriteText("m.csv", "a,y\n1,0\n,1\n3,0\n");
        var options = new CsvOptions { MissingValues = (MissingValuePolicy)99 };
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => CsvLoader.Load(path, options));
        Assert.Contains("MissingValues", error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('\n')]
    [InlineData('\r')]
    public void A_line_break_as_separator_is_an_argument_error(char separator)
    {
        string path = TestFiles.WriteText("s.csv", "a,y\n1,0\n");
        Assert.Contains("Separator", Assert.Throws<ArgumentException>(() => CsvLoader.Load(path, new CsvOptions { Separator = separator })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_header_use_index_and_default_names()
    {
        string path = TestFiles.WriteText("n.csv", "1;2;3\n4;5;6\n");
        Dataset data = CsvLoader.Load(path, new CsvOptions { HasHeader = false, Separator = ';', TargetColumnIndex = 1 });
        Assert.Equal(new[] { 1f, 3f, 4f, 6f }, data.Features.ToArray());
        Assert.Equal(new[] { 2f, 5f }, data.Targets.ToArray());
    }

    [Fact]
    public void The_breast_cancer_copy_has_the_documented_shape_and_first_row()
    {
        Dataset data = CsvLoader.Load(Path.Combine(TestFiles.DataFolder("breast_cancer"), "breast_cancer.csv.gz"));
        Assert.Equal(569, data.Count);
        Assert.Equal(30, data.FeatureCount);
        Assert.Equal(17.99f, data.FeatureRow(0)[0]);
        Assert.Equal(0.1189f, data.FeatureRow(0)[29]);
        int benign = 0;
        foreach (float label in data.Targets)
        {
            benign += label == 1f ? 1 : 0;
        }

        Assert.Equal(357, benign);
    }
}
