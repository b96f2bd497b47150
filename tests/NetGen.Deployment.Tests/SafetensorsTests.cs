using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Deployment.Tests;

public sealed class SafetensorsTests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Sequential_names_count_activation_and_dropout_modules_as_PyTorch_does()
    {
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias"], Safetensors.TensorNames(FuzzNet.Architecture));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], Safetensors.TensorNames(FuzzNet.Architecture, new SafetensorsOptions { Naming = SafetensorsNaming.LayerIndex }));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], Safetensors.TensorNames(NoneNet.Architecture)); // no activation modules
        Assert.Equal(["model.0.weight", "model.0.bias", "model.3.weight", "model.3.bias"], Safetensors.TensorNames(FuzzNet.Architecture, new SafetensorsOptions { Prefix = "model." }));
    }

    [Fact]
    public void An_undefined_naming_is_an_argument_error_rather_than_layer_indices()
    {
        var options = new SafetensorsOptions { Naming = (SafetensorsNaming)5 };
        Assert.Contains("Naming", Assert.Throws<ArgumentOutOfRangeException>(() => Safetensors.TensorNames(FuzzNet.Architecture, options)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(new FuzzNet(1), options));
        Assert.Throws<ArgumentNullException>(() => Safetensors.TensorNames(FuzzNet.Architecture, new SafetensorsOptions { Prefix = null! }));
    }

    /// <summary>Weights written by PyTorch load into the NetGen network of the same shape and give PyTorch's outputs.</summary>
    [Fact]
    public void Weights_trained_in_PyTorch_load_and_predict_what_PyTorch_predicted()
    {
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Fixture("torch_sequential.json")));
        float[] inputs = expected.RootElement.GetProperty("inputs").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        float[] outputs = expected.RootElement.GetProperty("outputs").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        var network = new FuzzNet();
        Safetensors.ReadFile(network, Fixture("torch_sequential.safetensors"));

        var actual = new float[FuzzNet.OutputSize];
        for (int row = 0; row < inputs.Length / FuzzNet.InputSize; row++)
        {
            network.Predict(inputs.AsSpan(row * FuzzNet.InputSize, FuzzNet.InputSize), actual);
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.Equal(outputs[(row * FuzzNet.OutputSize) + i], actual[i], 1e-6f);
            }
        }
    }

    [Fact]
    public void A_convolution_network_trained_in_PyTorch_loads_and_predicts_what_PyTorch_predicted()
    {
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Fixture("torch_conv.json")));
        float[] inputs = expected.RootElement.GetProperty("inputs").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        float[] outputs = expected.RootElement.GetProperty("outputs").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        var network = new TorchConvNet();
        Safetensors.ReadFile(network, Fixture("torch_conv.safetensors"));

        // The rows are channels last, as NetGen takes them; PyTorch saw the same values channels first.
        var actual = new float[TorchConvNet.OutputSize];
        for (int row = 0; row < inputs.Length / TorchConvNet.InputSize; row++)
        {
            network.Predict(inputs.AsSpan(row * TorchConvNet.InputSize, TorchConvNet.InputSize), actual);
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.Equal(outputs[(row * TorchConvNet.OutputSize) + i], actual[i], 1e-5f);
            }
        }

        // And back: the file NetGen writes, with the same names and shapes, holds the same parameters.
        var reloaded = new TorchConvNet(seed: 5);
        Safetensors.Read(reloaded, new MemoryStream(Write(network, null)));
        Assert.Equal(TestData.Parameters(network), TestData.Parameters(reloaded));
    }

    [Fact]
    public void Writing_then_reading_round_trips_the_parameters_exactly()
    {
        FuzzNet source = TestData.TrainedFuzzNet(seed: 12);
        byte[] file = Write(source, null);
        var target = new FuzzNet(99);
        Safetensors.Read(target, new MemoryStream(file));
        Assert.Equal(TestData.Parameters(source), TestData.Parameters(target));
        Assert.Equal(0, (BinaryPrimitives.ReadInt64LittleEndian(file) + 8) % 8); // data starts 8-byte aligned
    }

    [Fact]
    public void The_written_header_is_the_documented_JSON()
    {
        byte[] file = Write(new FuzzNet(1), new SafetensorsOptions { Prefix = "net." });
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, length).TrimEnd(' '));
        JsonElement weight = header.RootElement.GetProperty("net.3.weight");
        Assert.Equal("F32", weight.GetProperty("dtype").GetString());
        Assert.Equal([3, 5], weight.GetProperty("shape").EnumerateArray().Select(dim => dim.GetInt32()));
        Assert.Equal([140, 200], weight.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt32()));
        Assert.Equal("pt", header.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        Assert.Equal(8 + length + (4 * FuzzNet.ParameterCount), file.Length);
    }

    [Fact]
    public void A_shape_mismatch_names_the_tensor_and_both_shapes()
    {
        byte[] file = Write(new ELUNet(1), new SafetensorsOptions { Naming = SafetensorsNaming.LayerIndex });
        var network = new FuzzNet(5);
        float[] before = TestData.Parameters(network);
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(network, new MemoryStream(file), new SafetensorsOptions { Naming = SafetensorsNaming.LayerIndex }));
        Assert.Contains("'0.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[9, 7]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[5, 6]", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TestData.Parameters(network));
    }

    [Fact]
    public void A_missing_tensor_is_named_with_the_ones_present()
    {
        byte[] file = Write(new FuzzNet(1), null);
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new FuzzNet(), new MemoryStream(file), new SafetensorsOptions { Naming = SafetensorsNaming.LayerIndex }));
        Assert.Contains("no tensor '2.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("3.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unexpected_tensors_are_rejected_by_name_unless_ignored()
    {
        byte[] file = Handmade(("0.weight", "F32", [5, 6]), ("0.bias", "F32", [5]), ("3.weight", "F32", [3, 5]), ("3.bias", "F32", [3]), ("4.running_mean", "F32", [3]));
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new FuzzNet(), new MemoryStream(file)));
        Assert.Contains("4.running_mean", error.Message, StringComparison.Ordinal);
        Safetensors.Read(new FuzzNet(), new MemoryStream(file), new SafetensorsOptions { IgnoreUnexpectedTensors = true });
    }

    [Theory]
    [InlineData("F64")]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void Other_float_dtypes_are_converted(string dtype)
    {
        byte[] file = Handmade(("0.weight", dtype, [5, 6]), ("0.bias", dtype, [5]), ("3.weight", dtype, [3, 5]), ("3.bias", dtype, [3]));
        var network = new FuzzNet();
        Safetensors.Read(network, new MemoryStream(file));
        float[] parameters = TestData.Parameters(network);
        Assert.Equal(0.5f, parameters[0]); // Handmade fills every element with 0.5 (exact in each dtype)
        Assert.All(parameters, value => Assert.Equal(0.5f, value));
    }

    [Fact]
    public void An_integer_dtype_is_named_in_the_error()
    {
        byte[] file = Handmade(("0.weight", "I32", [5, 6]), ("0.bias", "F32", [5]), ("3.weight", "F32", [3, 5]), ("3.bias", "F32", [3]));
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new FuzzNet(), new MemoryStream(file)));
        Assert.Contains("'0.weight' has dtype I32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void A_header_length_beyond_the_stream_throws_without_allocating_it(ulong claimed)
    {
        byte[] file = Write(new FuzzNet(1), null);
        BinaryPrimitives.WriteUInt64LittleEndian(file, claimed);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => Safetensors.Read(new FuzzNet(), new MemoryStream(file)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Theory]
    [InlineData("\\ud800", "F32", "dtype")]
    [InlineData("", "\\udc00F32", "dtype")]
    [InlineData("", "F32", "dt\\udbffype")]
    [InlineData("\\udc00\\ud800", "F32", "dtype")]
    public void A_lone_UTF16_surrogate_in_the_header_is_InvalidDataException(string nameSuffix, string dtype, string dtypeKey)
    {
        string header = $"{{\"0.weight{nameSuffix}\":{{\"{dtypeKey}\":\"{dtype}\",\"shape\":[1],\"data_offsets\":[0,4]}}}}";
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = [.. BitConverter.GetBytes((ulong)json.Length), .. json, 0, 0, 0, 0];
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => Safetensors.ReadParameters(new MemoryStream(file), FuzzNet.Architecture));
        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Corrupted files only ever fail with <see cref="InvalidDataException"/>, and a read that fails leaves the network it was reading into unchanged.</summary>
    [Fact]
    public void Corrupted_files_throw_InvalidDataException_only()
    {
        byte[] file = Write(TestData.TrainedFuzzNet(3), null);
        var random = new Random(77);
        float[] before = TestData.Parameters(new FuzzNet(5));
        int loaded = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = (byte[])file.Clone();
            if (i % 3 == 0)
            {
                bytes = bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            }
            else
            {
                int at = random.Next(i % 3 == 1 ? Math.Min(bytes.Length, 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file)) : bytes.Length);
                bytes[at] = (byte)random.Next(256);
            }

            var probe = new FuzzNet(5);
            try
            {
                Safetensors.Read(probe, new MemoryStream(bytes));
                loaded++;
            }
            catch (InvalidDataException)
            {
                // The failed read must not have written any parameter of the network it was reading into.
                Assert.Equal(before, TestData.Parameters(probe));
            }
        }

        Assert.InRange(loaded, 1, 2999);
    }

    /// <summary>
    /// JSON escapes that decode to malformed UTF-16 (lone or reversed surrogates), and broken
    /// escapes, put inside every kind of string of a valid header (names, keys, dtypes, metadata):
    /// each file loads or fails with <see cref="InvalidDataException"/>, never anything else.
    /// </summary>
    [Fact]
    public void Malformed_UTF16_escapes_in_header_strings_throw_InvalidDataException_only()
    {
        byte[] file = Write(TestData.TrainedFuzzNet(4), null);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, headerLength);
        byte[] data = file[(8 + headerLength)..];
        var quotes = Enumerable.Range(0, header.Length).Where(i => header[i] == '"').ToArray();
        string[] escapes = [@"\ud800", @"\udbff", @"\udc00", @"\udfff", @"\udc00\ud800", @"\ud800\u0041", @"\ud800\ud800", @"\ud8", @"\uZZZZ", @"\u0000", @"\", "\u0001"];
        var random = new Random(21);
        const int Files = 2000;
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < Files; i++)
        {
            int pair = random.Next(quotes.Length / 2);
            int at = random.Next(quotes[2 * pair] + 1, quotes[(2 * pair) + 1] + 1);
            string mutated = header.Insert(at, escapes[random.Next(escapes.Length)]);
            byte[] json = Encoding.UTF8.GetBytes(mutated);
            byte[] bytes = [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data];
            try
            {
                Safetensors.Read(new FuzzNet(5), new MemoryStream(bytes));
                loaded++;
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        output.WriteLine($"safetensors headers with malformed UTF-16 escapes: {Files} files, {loaded} loaded (the escape inside metadata), {rejected} rejected with InvalidDataException");
        Assert.Equal(Files, loaded + rejected);
        Assert.InRange(rejected, Files / 2, Files);
    }

    private static byte[] Write(INetwork network, SafetensorsOptions? options)
    {
        using var stream = new MemoryStream();
        Safetensors.Write(network, stream, options);
        return stream.ToArray();
    }

    /// <summary>A safetensors file whose tensors are filled with 0.5 in their dtype.</summary>
    private static byte[] Handmade(params (string Name, string DType, int[] Shape)[] tensors)
    {
        var header = new StringBuilder("{");
        using var data = new MemoryStream();
        foreach ((string name, string dtype, int[] shape) in tensors)
        {
            int count = shape.Aggregate(1, (a, b) => a * b);
            long begin = data.Length;
            for (int i = 0; i < count; i++)
            {
                byte[] value = dtype switch
                {
                    "F64" => BitConverter.GetBytes(0.5),
                    "F16" => BitConverter.GetBytes((Half)0.5f),
                    "BF16" => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits(0.5f) >> 16)),
                    "I32" => BitConverter.GetBytes(1),
                    _ => BitConverter.GetBytes(0.5f),
                };
                data.Write(value);
            }

            header.Append(header.Length > 1 ? "," : string.Empty)
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(',', shape)}],\"data_offsets\":[{begin},{data.Length}]}}");
        }

        byte[] json = Encoding.UTF8.GetBytes(header.Append('}').ToString());
        byte[] file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.ToArray().CopyTo(file, 8 + json.Length);
        return file;
    }
}
