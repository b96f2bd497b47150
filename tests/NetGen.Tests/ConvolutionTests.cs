using System;
using System.IO;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Convolution networks beyond what <see cref="ShapedNetworkTests"/> compares with PyTorch: LeNet-5's shapes, parameters and
/// outputs against the double-precision reference, its training on the repository's MNIST subset, threads, checkpoints and
/// dropout before a convolution.
/// </summary>
public class ConvolutionTests
{
    private const double Tolerance = 2e-5;

    [Fact]
    public void LeNet5_has_the_shapes_and_parameters_of_its_PyTorch_twin()
    {
        Assert.Equal([28, 28, 1], LeNet5.InputShape.ToArray());
        Assert.Equal([10], LeNet5.OutputShape.ToArray());
        Assert.Equal(784, LeNet5.InputSize);

        // PyTorch's LeNet-5: 6*1*5*5+6, 16*6*5*5+16, 256*120+120, 120*84+84, 84*10+10.
        Assert.Equal(156 + 2416 + 30840 + 10164 + 850, LeNet5.ParameterCount);
        NetworkArchitecture architecture = LeNet5.Architecture;
        Assert.Equal(
            new[] { new TensorShape(24, 24, 6), new TensorShape(12, 12, 6), new TensorShape(8, 8, 16), new TensorShape(4, 4, 16), new TensorShape(256), new TensorShape(120), new TensorShape(84), new TensorShape(10) },
            architecture.Layers.Select(layer => layer.OutputShape).ToArray());
        Assert.Equal([6, 1, 5, 5], architecture.Layers[0].Parameters[0].Shape);
        Assert.Equal([16, 6, 5, 5], architecture.Layers[2].Parameters[0].Shape);
        Assert.Equal(
            "(28, 28, 1) -> Conv2D(6, 5, ReLU) -> MaxPool2D(2) -> Conv2D(16, 5, ReLU) -> MaxPool2D(2) -> Flatten -> Dense(120, ReLU) -> Dense(84, ReLU) -> Dense(10, Softmax); CategoricalCrossEntropy; Adam",
            architecture.ToString());
        Assert.Equal(
            ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias", "11.weight", "11.bias"],
            NetGen.Serialization.Safetensors.TensorNames(architecture));
    }

    [Fact]
    public void LeNet5_outputs_equal_the_reference_for_one_row_and_a_batch()
    {
        INetwork network = new LeNet5(seed: 3);
        var reference = new ShapedReference(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        foreach (int rows in new[] { 1, 3, LeNet5.BatchSize })
        {
            float[] inputs = TestData.Uniform(rows * LeNet5.InputSize, 0f, 1f, seed: rows);
            var outputs = new float[rows * LeNet5.OutputSize];
            network.PredictBatch(inputs, outputs);
            NumericAssert.Close(reference.Predict(parameters, inputs, rows), outputs, Tolerance, Tolerance, $"LeNet-5: {rows} rows");
        }
    }

    [Fact]
    public void LeNet5_one_row_gives_the_bits_of_the_same_row_in_a_batch()
    {
        // One row ends its Dense dot products with LaneSums, a batch with a sum per output: the same association, so the same bits.
        var network = new LeNet5(seed: 5);
        float[] inputs = TestData.Uniform(LeNet5.BatchSize * LeNet5.InputSize, 0f, 1f, seed: 9);
        var batch = new float[LeNet5.BatchSize * LeNet5.OutputSize];
        network.PredictBatch(inputs, batch);
        var one = new float[LeNet5.OutputSize];
        for (int row = 0; row < LeNet5.BatchSize; row++)
        {
            network.Predict(inputs.AsSpan(row * LeNet5.InputSize, LeNet5.InputSize), one);
            for (int o = 0; o < one.Length; o++)
            {
                Assert.True(
                    BitConverter.SingleToInt32Bits(one[o]) == BitConverter.SingleToInt32Bits(batch[(row * LeNet5.OutputSize) + o]),
                    $"row {row}, output {o}: one row {one[o]:R}, in the batch {batch[(row * LeNet5.OutputSize) + o]:R}");
            }
        }
    }

    [Theory]
    [InlineData(nameof(LeNet5))]
    [InlineData(nameof(PooledLaneNet))]
    [InlineData(nameof(PooledWideNet))]
    public void Inference_with_the_pool_inside_the_convolution_gives_the_bits_of_a_training_forward_pass(string name)
    {
        // On the Vector512 path inference calls compute the first convolution and its max pool in one kernel; training calls run each
        // layer's own kernel (the pool's backward pass reads the convolution's output). Both take the same maxima of the same sums.
        INetwork network = name switch
        {
            nameof(LeNet5) => new LeNet5(seed: 3),
            nameof(PooledLaneNet) => new PooledLaneNet(seed: 3),
            _ => new PooledWideNet(seed: 3),
        };
        foreach (int rows in new[] { 1, network.BatchSize })
        {
            float[] inputs = TestData.Uniform(rows * network.InputSize, -1f, 1f, seed: rows);
            var trained = new float[rows * network.OutputSize];
            var inferred = new float[rows * network.OutputSize];
            network.Forward(inputs, trained);
            network.PredictBatch(inputs, inferred);
            for (int i = 0; i < trained.Length; i++)
            {
                Assert.True(
                    BitConverter.SingleToInt32Bits(trained[i]) == BitConverter.SingleToInt32Bits(inferred[i]),
                    $"{name}, {rows} rows, output {i}: training forward pass {trained[i]:R}, inference {inferred[i]:R}");
            }
        }
    }

    [Fact]
    public void LeNet5_learns_the_digits_in_two_epochs()
    {
        Dataset train = Mnist("train8k");
        Dataset test = Mnist("test2k");
        var network = new LeNet5(seed: 1);
        TrainingHistory history = network.Fit(train, new FitOptions { Epochs = 2, Seed = 1 });
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss, "the loss falls from the first epoch to the second");

        int[] predicted = Predictions.Classes(Predictions.Predict(network, test), LeNet5.OutputSize);
        double accuracy = test.Classes().Zip(predicted).Count(pair => pair.First == pair.Second) / (double)test.Count;
        Assert.True(accuracy >= 0.94, $"LeNet-5 reached {accuracy:P2} on the 2,000 test digits after 2 epochs of 8,000 (at least 94 % expected).");
    }

    [Fact]
    public void Threads_split_the_rows_of_LeNet5_bit_for_bit()
    {
        var single = new LeNet5(seed: 2);
        var threaded = new LeNet5(seed: 2) { Threads = 2 };
        for (int step = 0; step < 3; step++)
        {
            float[] inputs = TestData.Uniform(LeNet5.BatchSize * LeNet5.InputSize, 0f, 1f, seed: step);
            float[] targets = TestData.Targets(single, LeNet5.BatchSize, seed: 50 + step);
            Assert.Equal(single.TrainStep(inputs, targets), threaded.TrainStep(inputs, targets));
        }

        NumericAssert.BitwiseEqual(TestData.Parameters(single), TestData.Parameters(threaded), "parameters after three threaded steps");
        threaded.Threads = 1;
    }

    [Fact]
    public void A_checkpoint_of_a_convolution_network_restores_it_exactly()
    {
        var network = new CausalSequenceNet(seed: 4);
        for (int step = 0; step < 3; step++)
        {
            network.TrainStep(TestData.Inputs(network, 5, seed: step), TestData.Targets(network, 5, seed: 9 + step));
        }

        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        CausalSequenceNet loaded = CausalSequenceNet.Load(stream);
        float[] inputs = TestData.Inputs(network, 5, seed: 77);
        float[] targets = TestData.Targets(network, 5, seed: 78);
        Assert.Equal(network.TrainStep(inputs, targets), loaded.TrainStep(inputs, targets));
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(loaded), "parameters after the same step");
    }

    [Fact]
    public void Dropout_before_and_after_a_convolution_is_the_identity_in_inference()
    {
        INetwork network = new ConvolutionDropoutNet(seed: 6);
        var reference = new ShapedReference(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        float[] inputs = TestData.Inputs(network, 4, seed: 5);
        var outputs = new float[4 * network.OutputSize];
        network.PredictBatch(inputs, outputs);
        NumericAssert.Close(reference.Predict(parameters, inputs, 4), outputs, Tolerance, Tolerance, "ConvolutionDropoutNet in inference");
    }

    private static Dataset Mnist(string part)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Data", "mnist");
        return IdxLoader.LoadImagesAndLabels(Path.Combine(folder, $"{part}-images-idx3-ubyte.gz"), Path.Combine(folder, $"{part}-labels-idx1-ubyte.gz"));
    }
}
