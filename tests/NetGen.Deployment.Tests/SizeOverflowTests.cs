using System;
using System.IO;
using NetGen.Quantization;
using NetGen.Serialization;
using Xunit;

namespace NetGen.Deployment.Tests;

/// <summary>Sizes that are products of other sizes are computed in 64 bits: what does not fit is an argument error naming the sizes, never a wrapped-around count.</summary>
public sealed class SizeOverflowTests
{
    private static NetworkArchitecture Dense(int inputs, int units, Optimizer optimizer = Optimizer.Sgd) =>
        new(inputs, 1, Loss.MeanSquaredError, optimizer, [new DenseLayerInfo(new TensorShape(inputs), units, Activation.None, 0)]);

    [Theory]
    [InlineData(1 << 20, 1 << 20)] // 2^40 weights: an int product wraps to 0
    [InlineData(46341, 46341)] // 2,147,488,281 weights: an int product wraps negative
    public void A_dense_layer_with_more_weights_than_an_int_holds_is_rejected_naming_its_sizes(int inputs, int units)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Dense(inputs, units));
        Assert.Contains($"{inputs} inputs", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{units} units", error.Message, StringComparison.Ordinal);
        Assert.Contains(((long)inputs * units).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_whose_parameters_add_up_to_more_than_an_int_holds_are_rejected()
    {
        LayerInfo first = new DenseLayerInfo(new TensorShape(40_000), 40_000, Activation.ReLU, 0);
        LayerInfo second = new DenseLayerInfo(new TensorShape(40_000), 20_000, Activation.None, 40_000 * 40_000 + 40_000);
        ArgumentException error = Assert.Throws<ArgumentException>(() => new NetworkArchitecture(40_000, 1, Loss.MeanSquaredError, Optimizer.Sgd, [first, second]));
        Assert.Contains("2400060000 parameters", error.Message, StringComparison.Ordinal);
        Assert.Equal(46340L * 46340 + 46340, Dense(46340, 46340).ParameterCount);
    }

    /// <summary>The int8 rows are padded to 64 bytes: 46,283 rows of 46,400 bytes do not fit one array although the unpadded weights do.</summary>
    [Fact]
    public void Loading_an_int8_network_whose_padded_weights_do_not_fit_is_an_argument_error_before_allocating()
    {
        NetworkArchitecture architecture = Dense(46_337, 46_283);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ArgumentException error = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Load(new MemoryStream(), architecture));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("46283 rows of 46400 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_checkpoint_larger_than_one_buffer_is_an_argument_error_naming_its_length()
    {
        NetworkArchitecture architecture = Dense(30_000, 30_000, Optimizer.Adam); // 900 million parameters, 3 tensors of them
        long length = Checkpoint.LengthOf(architecture);
        ArgumentException error = Assert.Throws<ArgumentException>(() => Checkpoint.Write(Stream.Null, architecture, default, 0, new uint[4], [], []));
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }
}
