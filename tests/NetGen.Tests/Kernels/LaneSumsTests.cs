using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// <see cref="LaneSums"/>, the sums across the lanes of several vectors that one-row dot-product kernels end with: each lane of the
/// result must be the bits <c>VectorN.Sum</c> gives for its vector (the same association), so that a row summed by one kernel and a
/// row summed by another agree exactly. The data spans magnitudes from 1e-4 to 1e4 with both signs, where a different order of
/// the additions would round differently (the last test shows that it does).
/// </summary>
public class LaneSumsTests
{
    private const int Trials = 2000;

    [Fact]
    public void Sixteen_vectors_of_sixteen_give_the_bits_of_Vector512_Sum()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var random = new Random(11);
        var a = new Vector512<float>[16];
        for (int trial = 0; trial < Trials; trial++)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = Vector512.Create(Values(random, 16));
            }

            Vector512<float> sums = LaneSums.Sum(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
            for (int i = 0; i < a.Length; i++)
            {
                AssertSameBits(Vector512.Sum(a[i]), sums.GetElement(i), trial, i);
            }
        }
    }

    [Fact]
    public void Eight_vectors_of_sixteen_give_the_bits_of_Vector512_Sum()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var random = new Random(14);
        var a = new Vector512<float>[8];
        for (int trial = 0; trial < Trials; trial++)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = Vector512.Create(Values(random, 16));
            }

            Vector256<float> sums = LaneSums.Sum(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            for (int i = 0; i < a.Length; i++)
            {
                AssertSameBits(Vector512.Sum(a[i]), sums.GetElement(i), trial, i);
            }
        }
    }

    [Fact]
    public void Eight_vectors_of_eight_give_the_bits_of_Vector256_Sum()
    {
        var random = new Random(12);
        var a = new Vector256<float>[8];
        for (int trial = 0; trial < Trials; trial++)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = Vector256.Create(Values(random, 8));
            }

            Vector256<float> sums = LaneSums.Sum(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            for (int i = 0; i < a.Length; i++)
            {
                AssertSameBits(Vector256.Sum(a[i]), sums.GetElement(i), trial, i);
            }
        }
    }

    [Fact]
    public void Four_vectors_of_four_give_the_bits_of_Vector128_Sum()
    {
        var random = new Random(13);
        var a = new Vector128<float>[4];
        for (int trial = 0; trial < Trials; trial++)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = Vector128.Create(Values(random, 4));
            }

            Vector128<float> sums = LaneSums.Sum(a[0], a[1], a[2], a[3]);
            for (int i = 0; i < a.Length; i++)
            {
                AssertSameBits(Vector128.Sum(a[i]), sums.GetElement(i), trial, i);
            }
        }
    }

    [Fact]
    public void The_data_is_sensitive_to_the_order_of_the_additions()
    {
        // Summing lanes (0 + 2) + (1 + 3) instead of (0 + 1) + (2 + 3) changes some results: without this, the tests above could
        // not tell two associations apart.
        var random = new Random(13);
        int differing = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            float[] x = Values(random, 4);
            float inOrder = (x[0] + x[1]) + (x[2] + x[3]);
            float interleaved = (x[0] + x[2]) + (x[1] + x[3]);
            differing += BitConverter.SingleToInt32Bits(inOrder) != BitConverter.SingleToInt32Bits(interleaved) ? 1 : 0;
        }

        Assert.True(differing > Trials / 10, $"only {differing} of {Trials} sums depend on the order");
    }

    private static float[] Values(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, (random.NextDouble() * 8) - 4));
        }

        return values;
    }

    private static void AssertSameBits(float expected, float actual, int trial, int lane)
        => Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"trial {trial}, lane {lane}: Sum gives {expected:R}, LaneSums {actual:R}");
}
