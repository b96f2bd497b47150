using System;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// With <c>Threads</c> above 1 a training call splits its rows, and the rows of each weight gradient,
/// between threads that write disjoint floats: parameters, gradients and losses must be bit for bit
/// those of one thread, whatever the number of rows (small batches stay on one thread).
/// </summary>
public class ThreadedTrainingTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Adam_with_dropout_matches_one_thread_bit_for_bit(int threads)
    {
        var threaded = new ThreadedAdamNet(seed: 2) { Threads = threads };
        Assert.Equal(threads, threaded.Threads);
        AssertTrainingMatches(new ThreadedAdamNet(seed: 2), threaded, new DeterministicRandom(5), [70, 64, 1, 33, 47, 16, 70], 50);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Fused_Adam_over_panels_matches_one_thread_bit_for_bit(int threads)
        => AssertTrainingMatches(new ThreadedPanelNet(seed: 4), new ThreadedPanelNet(seed: 4) { Threads = threads }, new DeterministicRandom(6), [64, 17, 40, 64], 48);

    [Fact]
    public void Clipped_momentum_matches_one_thread_bit_for_bit()
    {
        var single = new ThreadedClippedNet(seed: 9);
        var threaded = new ThreadedClippedNet(seed: 9) { Threads = 2 };
        var random = new DeterministicRandom(8);
        for (int step = 0; step < 3; step++)
        {
            (float[] x, float[] t) = Batch(ref random, 64, 300, 3, classes: false);
            Assert.Equal(single.TrainStep(x, t), threaded.TrainStep(x, t));
            AssertSame(single, threaded);
        }
    }

    [Fact]
    public void Threads_back_to_one_stops_the_team_and_training_goes_on()
    {
        var network = new ThreadedClippedNet(seed: 1) { Threads = 2 };
        network.Threads = 1;
        Assert.Equal(1, network.Threads);
        var random = new DeterministicRandom(3);
        (float[] x, float[] t) = Batch(ref random, 64, 300, 3, classes: false);
        Assert.True(float.IsFinite(network.TrainStep(x, t)));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Threads = 0);
    }

    /// <summary>Training steps of each size in <paramref name="steps"/>, then gradients computed and accumulated over
    /// <paramref name="gradientRows"/> rows, give the same losses, parameters and gradients on both networks.</summary>
    private static void AssertTrainingMatches(INetwork single, INetwork threaded, DeterministicRandom random, int[] steps, int gradientRows)
    {
        int inputs = single.InputSize, outputs = single.OutputSize;
        foreach (int rows in steps)
        {
            (float[] x, float[] t) = Batch(ref random, rows, inputs, outputs, classes: true);
            Assert.Equal(single.TrainStep(x, t), threaded.TrainStep(x, t));
            AssertSame(single, threaded);
        }

        (float[] x2, float[] t2) = Batch(ref random, gradientRows, inputs, outputs, classes: true);
        Assert.Equal(single.ComputeGradients(x2, t2), threaded.ComputeGradients(x2, t2));
        Assert.Equal(single.AccumulateGradients(x2, t2), threaded.AccumulateGradients(x2, t2));
        AssertSame(single, threaded);
    }

    private static void AssertSame(INetwork expected, INetwork actual)
    {
        float[] a = new float[expected.ParameterCount], b = new float[expected.ParameterCount];
        expected.ExportParameters(a);
        actual.ExportParameters(b);
        Assert.Equal(a, b);
        expected.ExportGradients(a);
        actual.ExportGradients(b);
        Assert.Equal(a, b);
    }

    private static (float[] Inputs, float[] Targets) Batch(ref DeterministicRandom random, int rows, int inputs, int outputs, bool classes)
    {
        float[] x = new float[rows * inputs];
        float[] t = new float[rows * outputs];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.NextSymmetric(2f);
        }

        for (int r = 0; r < rows; r++)
        {
            if (classes)
            {
                t[(r * outputs) + random.NextInt32(outputs)] = 1f;
            }
            else
            {
                for (int o = 0; o < outputs; o++)
                {
                    t[(r * outputs) + o] = random.NextSymmetric(1f);
                }
            }
        }

        return (x, t);
    }
}
