using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Serialization;
using Xunit;

namespace NetGen.Deployment.Tests;

/// <summary>
/// The JSON of a safetensors header, read by NetGen's own strict reader and written by its own writer: what JSON allows
/// (every escape, surrogate pairs, white space, any value in the metadata) loads; what it does not, and integers beyond
/// 64 bits, nesting deeper than 8, data after the header object and malformed UTF-8, are <see cref="InvalidDataException"/>
/// naming the problem.
/// </summary>
public sealed class SafetensorsHeaderJsonTests
{
    /// <summary>FuzzNet's four tensors, which <see cref="Load"/> follows with 212 bytes of F32 0.5.</summary>
    private const string Header =
        """{"__metadata__":{"format":"pt"},"0.weight":{"dtype":"F32","shape":[5,6],"data_offsets":[0,120]},"0.bias":{"dtype":"F32","shape":[5],"data_offsets":[120,140]},"3.weight":{"dtype":"F32","shape":[3,5],"data_offsets":[140,200]},"3.bias":{"dtype":"F32","shape":[3],"data_offsets":[200,212]}}""";

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The header NetGen writes is the one the System.Text.Json writer wrote before, byte for byte (the fixture
    /// was written by it), with a prefix that holds every kind of character the writer escapes; and it reads back.</summary>
    [Fact]
    public void The_written_header_is_byte_identical_to_the_one_System_Text_Json_wrote()
    {
        var options = new SafetensorsOptions { Prefix = "m\u00e9<&>'\"+`\\\u0001\u007f\t\n\U0001F600/." };
        byte[] before = File.ReadAllBytes(Fixture("fuzznet_written_with_system_text_json.safetensors"));
        using var stream = new MemoryStream();
        Safetensors.Write(new FuzzNet(1), stream, options);
        byte[] after = stream.ToArray();
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(before);
        Assert.Equal(Encoding.UTF8.GetString(before, 8, headerEnd - 8), Encoding.UTF8.GetString(after, 8, headerEnd - 8));
        Assert.Equal(before.AsSpan(0, headerEnd).ToArray(), after.AsSpan(0, headerEnd).ToArray());
        Assert.Equal(before.Length, after.Length);

        var network = new FuzzNet(5);
        Safetensors.Read(network, new MemoryStream(before), options);
        Assert.Equal(TestData.Parameters(new FuzzNet(1)), TestData.Parameters(network));
    }

    [Fact]
    public void A_lone_surrogate_in_a_prefix_is_written_as_the_replacement_character()
    {
        using var stream = new MemoryStream();
        Safetensors.Write(new FuzzNet(1), stream, new SafetensorsOptions { Prefix = "\udc00\ud800." });
        string header = Encoding.UTF8.GetString(stream.ToArray(), 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(stream.ToArray()));
        Assert.Contains("\"\\uFFFD\\uFFFD.0.weight\"", header, StringComparison.Ordinal);
        var network = new FuzzNet(5);
        Safetensors.Read(network, new MemoryStream(stream.ToArray()), new SafetensorsOptions { Prefix = "\ufffd\ufffd." });
        Assert.Equal(TestData.Parameters(new FuzzNet(1)), TestData.Parameters(network));
    }

    [Theory]
    [InlineData("\"0.weight\"", @"""0.w\u0065ig\u0068t""")] // escapes in lower-case hex
    [InlineData("\"0.bias\"", @"""0\u002Ebias""")] // and upper-case
    [InlineData("{\"format\":\"pt\"}", @"{""format"":""pt"",""k\""\\\/\b\f\n\r\t"":""\ud83d\ude00 \u00e9 \u0000""}")] // every escape
    [InlineData("{\"format\":\"pt\"}", @"{""lone"":""\ud800"",""reversed"":""\udc00\ud800"",""\udfff"":1}")] // metadata is skipped, not decoded
    [InlineData("{\"format\":\"pt\"}", "{\"raw\":\"\u00e9\U0001F600\u4e2d\"}")] // UTF-8 as it is
    [InlineData("{\"format\":\"pt\"}", "{\"n\":[-0.5e-3,1E+400,0,-1,123456789012345678901234567890,true,false,null,{\"a\":[[]]},{},[]]}")] // any value
    [InlineData("{\"format\":\"pt\"}", "{\"d\":[[[[[[]]]]]]}")] // 8 levels: the header, the metadata and six arrays
    [InlineData(",", " ,\r\n\t")] // white space between every member and element
    [InlineData(":", "\t : \n")]
    [InlineData("{\"__metadata__\"", " \r\n\t{ \"__metadata__\"")]
    [InlineData("[200,212]}}", "[ 200 , 212 ] } } \n\t\r ")]
    [InlineData("[0,120]", "[-0,120]")] // -0 is an integer, 0, as it always was
    [InlineData("{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[120,140]}", "{\"data_offsets\":[120,140],\"shape\":[5],\"dtype\":\"F32\"}")] // the fields of a tensor in any order
    public void Headers_that_JSON_allows_load(string find, string replacement)
    {
        var network = new FuzzNet(5);
        Safetensors.Read(network, new MemoryStream(Load(Header.Replace(find, replacement, StringComparison.Ordinal))));
        Assert.All(TestData.Parameters(network), value => Assert.Equal(0.5f, value));
    }

    [Fact]
    public void Surrogate_pairs_in_names_decode_to_the_character_beyond_the_BMP()
    {
        string header = Header.Replace("\"0.weight\"", @"""\ud83d\ude00.0.weight""", StringComparison.Ordinal)
            .Replace("\"0.bias\"", @"""\uD83D\uDE00.0.bias""", StringComparison.Ordinal)
            .Replace("\"3.weight\"", "\"\U0001F600.3.weight\"", StringComparison.Ordinal)
            .Replace("\"3.bias\"", @"""\ud83d\uDE00.3.bias""", StringComparison.Ordinal);
        var network = new FuzzNet(5);
        Safetensors.Read(network, new MemoryStream(Load(header)), new SafetensorsOptions { Prefix = "\U0001F600." });
        Assert.All(TestData.Parameters(network), value => Assert.Equal(0.5f, value));
    }

    [Theory]
    [InlineData(@"k\""\\\/\b\f\n\r\t\u00e9\u0000\u00E9.", "k\"\\/\b\f\n\r\t\u00e9\0\u00e9.")] // every escape JSON has
    [InlineData(@"\u0041\u00DF\u4E2D\uFFFF.", "A\u00df\u4e2d\uffff.")]
    [InlineData("\u00e9.", "\u00e9.")] // UTF-8 as it is
    public void Escaped_names_decode_to_the_names_they_spell(string escaped, string prefix)
    {
        string header = Header.Replace("\"0.", "\"" + escaped + "0.", StringComparison.Ordinal).Replace("\"3.", "\"" + escaped + "3.", StringComparison.Ordinal);
        var network = new FuzzNet(5);
        Safetensors.Read(network, new MemoryStream(Load(header)), new SafetensorsOptions { Prefix = prefix });
        Assert.All(TestData.Parameters(network), value => Assert.Equal(0.5f, value));
    }

    [Theory]
    [InlineData("[200,212]}}", "[200,212]}}x", "'x' after the end of its value")] // trailing data
    [InlineData("[200,212]}}", "[200,212]}}{}", "'{' after the end of its value")]
    [InlineData("[200,212]}}", "[200,212]}}\0", "the byte 0x00 after the end of its value")]
    [InlineData("[200,212]}}", "[200,212]}", "ends in the middle of its JSON")]
    [InlineData("{\"__metadata__\"", "\ufeff{\"__metadata__\"", "the byte 0xEF where a value belongs")] // no byte order mark
    [InlineData("{\"format\":\"pt\"}", "{\"format\":\"pt\",}", "'}' where a property name")] // trailing commas
    [InlineData("[0,120]", "[0,120,]", "']' where a value belongs")]
    [InlineData("{\"format\":\"pt\"}", "{'format':\"pt\"}", "''' where a property name")]
    [InlineData("{\"format\":\"pt\"}", "{format:\"pt\"}", "'f' where a property name")]
    [InlineData("{\"format\":\"pt\"}", "{\"format\":\"pt\" /* c */}", "'/' where a comma")] // comments
    [InlineData("{\"format\":\"pt\"}", "{\"format\" \"pt\"}", "where the colon")]
    [InlineData("[0,120]", "[00,120]", "'0' where a comma")] // leading zeros
    [InlineData("[0,120]", "[+0,120]", "'+' where a value belongs")]
    [InlineData("[0,120]", "[.5,120]", "'.' where a value belongs")]
    [InlineData("[0,120]", "[0.,120]", "a decimal point not followed by a digit")]
    [InlineData("[0,120]", "[0e,120]", "an exponent without digits")]
    [InlineData("[0,120]", "[-,120]", "a minus sign not followed by a digit")]
    [InlineData("{\"format\":\"pt\"}", "{\"n\":NaN}", "'N' where a value belongs")]
    [InlineData("{\"format\":\"pt\"}", "{\"n\":Infinity}", "'I' where a value belongs")]
    [InlineData("{\"format\":\"pt\"}", "{\"n\":tru}", "JSON's only words are true, false and null")]
    [InlineData("{\"format\":\"pt\"}", "{\"n\":nulls}", "'s' where a comma")]
    [InlineData("\"0.weight\"", "\"0.weight\u0001\"", "the control character U+0001 unescaped in a string")]
    [InlineData("\"pt\"", "\"p\tt\"", "the control character U+0009 unescaped in a string")]
    [InlineData("\"pt\"", @"""p\xt""", "a backslash before 'x', which is no JSON escape")]
    [InlineData("\"pt\"", @"""p\u12""", @"an escape \u not followed by four hexadecimal digits")]
    [InlineData("\"pt\"", @"""p\u12G4""", @"an escape \u not followed by four hexadecimal digits")]
    [InlineData("\"pt\"", "\"pt", "'0' where a comma")] // the string runs on to the next quote
    [InlineData("{\"format\":\"pt\"}", "{\"d\":[[[[[[[]]]]]]]}", "objects and arrays nested deeper than 8")] // 9 levels
    [InlineData("{\"format\":\"pt\"}", "{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{}}}}}}}}", "objects and arrays nested deeper than 8")]
    [InlineData(":", "\u00a0:", "the byte 0xC2 where the colon")] // white space JSON does not have
    [InlineData(",", "\f,", "the byte 0x0C where a comma")]
    [InlineData(",", "\v,", "the byte 0x0B where a comma")]
    [InlineData("[200,212]}}", "[200,212]}}\u00a0", "the byte 0xC2 after the end of its value")]
    public void Headers_that_JSON_does_not_allow_are_rejected_with_the_problem_and_its_byte(string find, string replacement, string problem)
    {
        InvalidDataException error = Rejected(Header.Replace(find, replacement, StringComparison.Ordinal));
        Assert.StartsWith("The safetensors header is not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("(byte ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[200,212]", "[200,9223372036854775808]", "The data_offsets of tensor '3.bias' must be at most 16 non-negative integers")] // beyond long
    [InlineData("[200,212]", "[200,18446744073709551616]", "The data_offsets of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("[200,212]", "[200,-1]", "The data_offsets of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("[200,212]", "[200,212.0]", "The data_offsets of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("[200,212]", "[200,2.12e2]", "The data_offsets of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("[200,212]", "[200,\"212\"]", "The data_offsets of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("[200,212]", "[200,9223372036854775807]", "Tensor '3.bias' spans bytes 200..9223372036854775807, but 3 F32 values take 12 bytes")] // the largest long is read
    [InlineData("\"shape\":[3]", "\"shape\":[4294967299]", "Tensor '3.bias' has shape [4294967299]")] // beyond int
    [InlineData("\"shape\":[3]", "\"shape\":[3.0]", "The shape of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("\"shape\":[3]", "\"shape\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,3]", "The shape of tensor '3.bias' must be at most 16 non-negative integers")]
    [InlineData("[200,212]", "[212,200]", "Tensor '3.bias' needs a dtype, a shape and two increasing data_offsets")]
    [InlineData("[200,212]", "[200,206,212]", "Tensor '3.bias' needs a dtype, a shape and two increasing data_offsets")]
    [InlineData("\"0.bias\"", @"""0.w\u0065ight""", "The safetensors header names '0.weight' twice")] // duplicates are compared unescaped
    [InlineData("{\"format\":\"pt\"},", "{\"format\":\"pt\"},\"__metadata__\":{},", "The safetensors header names '__metadata__' twice")]
    [InlineData("\"0.bias\"", @"""0.bi\ud83das""", "malformed at a tensor name: its JSON escapes do not spell valid UTF-16")]
    [InlineData("\"F32\",\"shape\":[3]", @"""F3\ude002"",""shape"":[3]", "malformed at the dtype of tensor '3.bias': its JSON escapes do not spell valid UTF-16")]
    [InlineData("\"0.bias\":{\"dtype\"", @"""0.bias"":{""dtype\ud800\u0041""", "malformed at a field name of tensor '0.bias': its JSON escapes do not spell valid UTF-16")]
    [InlineData("{\"format\":\"pt\"}", "{\"format\":\"pt\"},\"x\":[]", "malformed at tensor 'x'")]
    [InlineData("\"dtype\":\"F32\",\"shape\":[3]", "\"dtype\":32,\"shape\":[3]", "malformed at the dtype of tensor '3.bias'")]
    [InlineData("\"shape\":[3]", "\"shape\":[3],\"offsets\":[0,1]", "Tensor '3.bias' has an unknown field 'offsets'")]
    [InlineData("\"shape\":[3]", "\"shape\":[3],\"shape\":[3]", "Tensor '3.bias' gives its shape twice")] // neither is taken, even when both agree
    [InlineData("\"dtype\":\"F32\",\"shape\":[3]", "\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[3]", "Tensor '3.bias' gives its dtype twice")]
    [InlineData("[200,212]", "[200,212],\"data_offsets\":[200,212]", "Tensor '3.bias' gives its data_offsets twice")]
    public void Headers_whose_values_do_not_fit_are_rejected_with_the_tensor(string find, string replacement, string message)
    {
        Assert.Contains(message, Rejected(Header.Replace(find, replacement, StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_that_is_not_an_object_is_rejected()
    {
        Assert.Contains("malformed at the header", Rejected("[]").Message, StringComparison.Ordinal);
        Assert.Contains("malformed at the header", Rejected("\"{}\"").Message, StringComparison.Ordinal);
        Assert.Contains("ends in the middle of its JSON", Rejected("  ").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C080")] // an overlong form of U+0000
    [InlineData("E08080")] // an overlong form in three bytes
    [InlineData("EDA080")] // an encoded surrogate (U+D800)
    [InlineData("F4908080")] // beyond U+10FFFF
    [InlineData("F5808080")]
    [InlineData("E282")] // a sequence cut short
    [InlineData("80")] // a continuation byte alone
    [InlineData("FF")]
    public void A_header_that_is_not_UTF8_is_rejected(string hex)
    {
        byte[] json = Encoding.UTF8.GetBytes(Header);
        int at = Encoding.UTF8.GetBytes(Header[..Header.IndexOf("pt", StringComparison.Ordinal)]).Length + 1;
        byte[] bad = [.. json.AsSpan(0, at), .. Convert.FromHexString(hex), .. json.AsSpan(at)];
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => Safetensors.ReadParameters(new MemoryStream(FileOf(bad)), FuzzNet.Architecture));
        Assert.Equal($"The safetensors header is not valid UTF-8 (at byte {at}).", error.Message);
    }

    [Theory]
    [InlineData("C3A9")] // é
    [InlineData("E282AC")] // €
    [InlineData("EFBFBF")] // U+FFFF
    [InlineData("F09F9880")] // U+1F600
    [InlineData("F48FBFBF")] // U+10FFFF
    public void Well_formed_UTF8_of_every_length_loads(string hex)
    {
        byte[] json = Encoding.UTF8.GetBytes(Header);
        int at = Encoding.UTF8.GetBytes(Header[..Header.IndexOf("pt", StringComparison.Ordinal)]).Length + 1;
        byte[] good = [.. json.AsSpan(0, at), .. Convert.FromHexString(hex), .. json.AsSpan(at)];
        Assert.All(Safetensors.ReadParameters(new MemoryStream(FileOf(good)), FuzzNet.Architecture), value => Assert.Equal(0.5f, value));
    }

    private static InvalidDataException Rejected(string header)
    {
        var network = new FuzzNet(5);
        float[] before = TestData.Parameters(network);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(network, new MemoryStream(Load(header))));
        Assert.Equal(before, TestData.Parameters(network));
        return error;
    }

    private static byte[] Load(string header) => FileOf(Encoding.UTF8.GetBytes(header));

    /// <summary>A safetensors file of the header <paramref name="json"/> and FuzzNet's 53 parameters, each F32 0.5.</summary>
    private static byte[] FileOf(byte[] json)
    {
        byte[] data = Enumerable.Range(0, FuzzNet.ParameterCount).SelectMany(_ => BitConverter.GetBytes(0.5f)).ToArray();
        return [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data];
    }
}
