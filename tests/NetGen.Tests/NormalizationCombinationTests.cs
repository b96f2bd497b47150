using System;
using System.Collections.Generic;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// BatchNorm, LayerNorm and Residual where they meet the convolutions and the recurrent layers: gradients against finite
/// differences of the training loss, batch statistics over feature maps whatever the thread count, inference with the running
/// statistics after a convolution computed by hand, and the streamed steps of networks with LayerNorm and Residual layers
/// against the whole sequence.
/// </summary>
public class NormalizationCombinationTests
{
    private static readonly Dictionary<string, Func<int, INetwork>> s_networks = new()
    {
        [nameof(ConvNormNet)] = seed => new ConvNormNet(seed),
        [nameof(ImageBatchNormNet)] = seed => new ImageBatchNormNet(seed),
        [nameof(SameConvBatchNormNet)] = seed => new SameConvBatchNormNet(seed),
        [nameof(StreamingNormNet)] = seed => new StreamingNormNet(seed),
        [nameof(StreamingSkipNet)] = seed => new StreamingSkipNet(seed),
    };

    public static TheoryData<string> Networks => new(s_networks.Keys);

    public static TheoryData<string> Streaming => new(nameof(StreamingNormNet), nameof(StreamingSkipNet));

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradients_match_finite_differences_of_the_training_loss(string name)
    {
        INetwork network = s_networks[name](11);
        int rows = Math.Min(network.BatchSize, 6);
        float[] inputs = TestData.Inputs(network, rows, seed: 5);
        float[] targets = TestData.Targets(network, rows, seed: 6);
        float[] parameters = TestData.Parameters(network);
        network.ComputeGradients(inputs, targets);
        float[] gradients = TestData.Gradients(network);
        foreach (int index in GradientSample.Indices(network.Architecture, seed: 3, fullTensorLimit: 16))
        {
            double derivative = Derivative(network, parameters, index, inputs, targets);
            double tolerance = 2e-3 + (2e-2 * Math.Abs(derivative));
            Assert.True(Math.Abs(derivative - gradients[index]) <= tolerance, $"{name}: parameter {index}: finite difference {derivative}, gradient {gradients[index]}");
        }
    }

    [Fact]
    public void Batch_statistics_over_feature_maps_are_identical_whatever_the_thread_count()
    {
        var single = new ConvNormNet(seed: 2);
        var threaded = new ConvNormNet(seed: 2) { Threads = 2 };
        try
        {
            for (int step = 0; step < 3; step++)
            {
                float[] inputs = TestData.Inputs(single, ConvNormNet.BatchSize - step, seed: step);
                float[] targets = TestData.Targets(single, ConvNormNet.BatchSize - step, seed: 50 + step);
                Assert.Equal(single.TrainStep(inputs, targets), threaded.TrainStep(inputs, targets));
            }

            NumericAssert.BitwiseEqual(TestData.Parameters(single), TestData.Parameters(threaded), "parameters after three threaded steps");
            NumericAssert.BitwiseEqual(State(single), State(threaded), "running statistics after three threaded steps");
            float[] more = TestData.Inputs(single, ConvNormNet.BatchSize, seed: 9);
            var a = new float[ConvNormNet.BatchSize * ConvNormNet.OutputSize];
            var b = new float[a.Length];
            single.PredictBatch(more, a);
            threaded.PredictBatch(more, b);
            NumericAssert.BitwiseEqual(a, b, "PredictBatch");
        }
        finally
        {
            threaded.Threads = 1;
        }
    }

    /// <summary>A convolution, a BatchNorm folded into it for inference, Flatten, Dense: the network, the convolution alone, its
    /// feature maps' channels and positions, and the BatchNorm's activation.</summary>
    public static TheoryData<string> FoldedConvolutions => new(nameof(ImageBatchNormNet), nameof(SameConvBatchNormNet));

    [Theory]
    [MemberData(nameof(FoldedConvolutions))]
    public void Inference_after_a_convolution_normalises_with_the_running_statistics(string name)
    {
        (INetwork network, INetwork conv, int channels, int positions, Func<double, double> activation) = name == nameof(ImageBatchNormNet)
            ? ((INetwork)new ImageBatchNormNet(seed: 4), (INetwork)new ImageConvNet(seed: 0), 3, 16, (Func<double, double>)(y => Math.Max(0, y)))
            : (new SameConvBatchNormNet(seed: 4), new SameConvNet(seed: 0), 4, 10, Math.Tanh);
        for (int step = 0; step < 5; step++)
        {
            network.TrainStep(TestData.Inputs(network, 8, seed: step), TestData.Targets(network, 8, seed: 20 + step));
        }

        // Twice: the folded weights are made at the first inference call, and made again after the next training step.
        for (int round = 0; round < 2; round++)
        {
            // The convolution's output by the network of the convolution alone, with the same parameters.
            float[] parameters = TestData.Parameters(network);
            conv.ImportParameters(parameters.AsSpan(0, conv.ParameterCount));
            float[] input = TestData.Inputs(network, 1, seed: 99 + round);
            var maps = new float[conv.OutputSize];
            conv.Predict(input, maps);

            // BatchNorm's weight and bias follow the convolution's parameters; the Dense layer's weight reads the flattened maps in
            // PyTorch's channels-first order.
            float[] state = State(network);
            int bn = conv.ParameterCount;
            int dense = bn + (2 * channels);
            var expected = new double[network.OutputSize];
            for (int o = 0; o < expected.Length; o++)
            {
                double sum = parameters[dense + (expected.Length * channels * positions) + o];
                for (int c = 0; c < channels; c++)
                {
                    double scale = parameters[bn + c] / Math.Sqrt(state[channels + c] + 1e-5);
                    for (int p = 0; p < positions; p++)
                    {
                        double y = activation(((maps[(p * channels) + c] - state[c]) * scale) + parameters[bn + channels + c]);
                        sum += parameters[dense + (o * channels * positions) + (c * positions) + p] * y;
                    }
                }

                expected[o] = sum;
            }

            Assert.True(Math.Abs(state[0]) > 1e-3, "the running mean should have moved from 0 in five steps");
            var output = new float[network.OutputSize];
            network.Predict(input, output);
            NumericAssert.Close(expected, output, 1e-4, 1e-5, $"{name}: Predict against the running statistics by hand, round {round}");
            network.TrainStep(TestData.Inputs(network, 8, seed: 40), TestData.Targets(network, 8, seed: 41));
        }
    }

    [Fact]
    public void Inference_with_a_BatchNorm_folded_into_a_convolution_and_the_max_pool_after_them_matches_the_layers_by_hand()
    {
        // On the Vector512 path inference calls compute the convolution with the BatchNorm folded in and the pool in one kernel.
        INetwork network = new PooledBatchNormNet(seed: 4);
        INetwork conv = new PooledConvNet(seed: 0);
        const int channels = 4, height = 10, width = 20, pooledHeight = 5, pooledWidth = 10;
        for (int step = 0; step < 5; step++)
        {
            network.TrainStep(TestData.Inputs(network, 8, seed: step), TestData.Targets(network, 8, seed: 20 + step));
        }

        for (int round = 0; round < 2; round++)
        {
            float[] parameters = TestData.Parameters(network);
            conv.ImportParameters(parameters.AsSpan(0, conv.ParameterCount));
            float[] input = TestData.Inputs(network, 1, seed: 99 + round);
            var maps = new float[conv.OutputSize];
            conv.Predict(input, maps);

            // BatchNorm with the running statistics and ReLU at each position, the maximum of each 2 x 2 window, then the Dense layer,
            // whose weight reads the flattened maps in PyTorch's channels-first order.
            float[] state = State(network);
            int bn = conv.ParameterCount;
            int dense = bn + (2 * channels);
            int pooledPositions = pooledHeight * pooledWidth;
            var pooled = new double[channels * pooledPositions];
            for (int c = 0; c < channels; c++)
            {
                double scale = parameters[bn + c] / Math.Sqrt(state[channels + c] + 1e-5);
                for (int py = 0; py < pooledHeight; py++)
                {
                    for (int px = 0; px < pooledWidth; px++)
                    {
                        double maximum = double.NegativeInfinity;
                        for (int dy = 0; dy < 2; dy++)
                        {
                            for (int dx = 0; dx < 2; dx++)
                            {
                                int position = (((2 * py) + dy) * width) + (2 * px) + dx;
                                double y = Math.Max(0, ((maps[(position * channels) + c] - state[c]) * scale) + parameters[bn + channels + c]);
                                maximum = Math.Max(maximum, y);
                            }
                        }

                        pooled[(c * pooledPositions) + (py * pooledWidth) + px] = maximum;
                    }
                }
            }

            var expected = new double[network.OutputSize];
            for (int o = 0; o < expected.Length; o++)
            {
                double sum = parameters[dense + (expected.Length * pooled.Length) + o];
                for (int i = 0; i < pooled.Length; i++)
                {
                    sum += parameters[dense + (o * pooled.Length) + i] * pooled[i];
                }

                expected[o] = sum;
            }

            Assert.Equal(height * width * channels, maps.Length);
            Assert.True(Math.Abs(state[0]) > 1e-3, "the running mean should have moved from 0 in five steps");
            var output = new float[network.OutputSize];
            network.Predict(input, output);
            NumericAssert.Close(expected, output, 1e-4, 1e-5, $"Predict against the layers by hand, round {round}");
            var batch = new float[network.OutputSize];
            network.PredictBatch(input, batch);
            NumericAssert.Close(expected, batch, 1e-4, 1e-5, $"PredictBatch against the layers by hand, round {round}");
            network.TrainStep(TestData.Inputs(network, 8, seed: 40), TestData.Targets(network, 8, seed: 41));
        }
    }

    [Fact]
    public void CopyParametersTo_and_SoftUpdate_carry_the_running_statistics()
    {
        var source = new ImageBatchNormNet(seed: 1);
        var target = new ImageBatchNormNet(seed: 2);
        for (int step = 0; step < 3; step++)
        {
            source.TrainStep(TestData.Inputs(source, 8, seed: step), TestData.Targets(source, 8, seed: 30 + step));
        }

        float[] input = TestData.Inputs(source, 1, seed: 7);
        var expected = new float[ImageBatchNormNet.OutputSize];
        var actual = new float[ImageBatchNormNet.OutputSize];
        target.Predict(input, actual);
        source.CopyParametersTo(target);
        source.Predict(input, expected);
        target.Predict(input, actual);
        NumericAssert.BitwiseEqual(expected, actual, "Predict of the copy");
        NumericAssert.BitwiseEqual(State(source), State(target), "running statistics of the copy");

        source.TrainStep(TestData.Inputs(source, 8, seed: 9), TestData.Targets(source, 8, seed: 39));
        float[] before = State(target);
        float[] after = State(source);
        source.SoftUpdate(target, 0.25f);
        float[] blended = State(target);
        for (int i = 0; i < blended.Length; i++)
        {
            NumericAssert.Close((0.25 * after[i]) + (0.75 * before[i]), blended[i], 1e-5, 1e-6, $"running statistic {i} after SoftUpdate(0.25)");
        }
    }

    [Theory]
    [MemberData(nameof(Streaming))]
    public void Each_streamed_step_equals_the_whole_sequence_at_that_position(string name)
    {
        INetwork network = s_networks[name](7);
        network.TrainStep(TestData.Inputs(network, 4, seed: 1), TestData.Targets(network, 4, seed: 2));
        StreamingAssert.EachStepEqualsPredict(network, TestData.Inputs(network, 1, seed: 3), 1e-5, name);
    }

    private static double Derivative(INetwork network, float[] parameters, int index, float[] inputs, float[] targets)
        => NormalizationTests.Derivative(network, parameters, index, inputs, targets);

    private static float[] State(INetwork network) => NormalizationTests.State(network);
}
