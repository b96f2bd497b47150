using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Serialization;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>Two stacked GRU layers, read from PyTorch's <c>nn.GRU(3, 5, num_layers=2, batch_first=True)</c>.</summary>
[Network(6, 3)]
[GRU(5, ReturnSequences = true)]
[GRU(5)]
[Dense(2)]
public partial class TwoLayerGruNet
{
}

/// <summary>Two stacked LSTM layers, read from PyTorch's <c>nn.LSTM(2, 4, num_layers=2, batch_first=True)</c>.</summary>
[Network(5, 2)]
[LSTM(4, ReturnSequences = true)]
[LSTM(4)]
[Dense(3)]
public partial class TwoLayerLstmNet
{
}

/// <summary>
/// PyTorch modules with <c>num_layers=2</c> (Fixtures/make_multilayer_recurrent_fixtures.py) load into two stacked NetGen
/// layers with <see cref="SafetensorsOptions.StackRecurrentLayers"/>: the names (<c>_l1</c> for the second layer, the next
/// module numbered 1), the outputs against PyTorch's, and the way back.
/// </summary>
public class MultiLayerRecurrentImportTests
{
    private static readonly SafetensorsOptions s_stacked = new() { StackRecurrentLayers = true };

    [Fact]
    public void Stacked_names_are_those_of_one_multi_layer_module()
    {
        Assert.Equal(Fixture(nameof(TwoLayerGruNet)).Names, Safetensors.TensorNames(TwoLayerGruNet.Architecture, s_stacked));
        Assert.Equal(Fixture(nameof(TwoLayerLstmNet)).Names, Safetensors.TensorNames(TwoLayerLstmNet.Architecture, s_stacked));

        // Without the option each layer is a module of its own; with LayerIndex naming the stack keeps its first layer's number.
        Assert.Equal("1.weight_ih_l0", Safetensors.TensorNames(TwoLayerGruNet.Architecture)[4]);
        Assert.Equal(
            ["0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "0.weight_ih_l1", "0.weight_hh_l1", "0.bias_ih_l1", "0.bias_hh_l1", "2.weight", "2.bias"],
            Safetensors.TensorNames(TwoLayerGruNet.Architecture, s_stacked with { Naming = SafetensorsNaming.LayerIndex }));
    }

    [Fact]
    public void Layers_of_different_sizes_or_kinds_are_not_stacked()
    {
        // StackedGruNet is GRU(20, sequences) then GRU(6): PyTorch's num_layers needs one size, so they stay two modules.
        Assert.Contains("1.weight_ih_l0", Safetensors.TensorNames(Networks.StackedGruNet.Architecture, s_stacked));
        Assert.DoesNotContain(Safetensors.TensorNames(Networks.StackedGruNet.Architecture, s_stacked), name => name.EndsWith("_l1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(TwoLayerGruNet), "two_layer_gru.safetensors")]
    [InlineData(nameof(TwoLayerLstmNet), "two_layer_lstm.safetensors")]
    public void A_multi_layer_module_PyTorch_wrote_loads_and_gives_its_outputs(string name, string file)
    {
        (string[] _, double[] inputs, double[] expected, int rows) = Fixture(name);
        INetwork network = Create(name, 3);
        Safetensors.ReadFile(network, Path.Combine(AppContext.BaseDirectory, "Fixtures", file), s_stacked);
        var outputs = new float[rows * network.OutputSize];
        network.PredictBatch(inputs.Select(value => (float)value).ToArray(), outputs);
        NumericAssert.Close(expected, outputs, 1e-4, 1e-4, $"{name}: outputs of PyTorch's two-layer module");

        // And back: the stacked names written read into a fresh network bit for bit.
        using var stream = new MemoryStream();
        Safetensors.Write(network, stream, s_stacked);
        stream.Position = 0;
        INetwork copy = Create(name, 4);
        Safetensors.Read(copy, stream, s_stacked);
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(copy), $"{name}: stacked safetensors round trip");

        // Read without the option, the file's _l1 tensors match nothing: an error naming what is missing.
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(Create(name, 5), stream));
        Assert.Contains("1.weight_ih_l0", error.Message, StringComparison.Ordinal);
        Assert.Contains("StackRecurrentLayers", error.Message, StringComparison.Ordinal);
    }

    private static INetwork Create(string name, int seed) => name == nameof(TwoLayerGruNet) ? new TwoLayerGruNet(seed) : new TwoLayerLstmNet(seed);

    private static (string[] Names, double[] Inputs, double[] Outputs, int Rows) Fixture(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "multilayer_recurrent.json")));
        JsonElement network = document.RootElement.GetProperty(name);
        static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(value => value.GetDouble()).ToArray();
        return (
            network.GetProperty("names").EnumerateArray().Select(value => value.GetString()!).ToArray(),
            Doubles(network.GetProperty("inputs")),
            Doubles(network.GetProperty("outputs")),
            network.GetProperty("rows").GetInt32());
    }
}
