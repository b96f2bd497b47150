using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// <see cref="MaxPoolLanes"/> and the four-destination <see cref="ChannelTranspose"/> store, with which a convolution's kernel pools its
/// own tile for inference calls: each lane against the maximum written out lane by lane, and each stored float against where the
/// channels-last layout puts it. On a machine without AVX-512 the kernels are not called and these tests have nothing to check.
/// </summary>
public class MaxPoolLanesTests
{
    [Fact]
    public void Neighbours_takes_the_larger_of_each_pair_of_lanes_of_each_vector()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            float[] a = Values(random), b = Values(random);
            Vector512<float> maxima = MaxPoolLanes.Neighbours(Vector512.Create(a), Vector512.Create(b));
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(Math.Max(a[2 * i], a[(2 * i) + 1]), maxima.GetElement(i));
                Assert.Equal(Math.Max(b[2 * i], b[(2 * i) + 1]), maxima.GetElement(8 + i));
            }
        }
    }

    [Fact]
    public void Halves_takes_the_larger_of_the_lanes_8_apart_of_each_vector()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            float[] a = Values(random), b = Values(random);
            Vector512<float> maxima = MaxPoolLanes.Halves(Vector512.Create(a), Vector512.Create(b));
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(Math.Max(a[i], a[8 + i]), maxima.GetElement(i));
                Assert.Equal(Math.Max(b[i], b[8 + i]), maxima.GetElement(8 + i));
            }
        }
    }

    [Fact]
    public void Maxima_of_zeros_of_both_signs_and_of_NaN_are_those_of_Vector512_Max()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        // The pool's own kernel takes Vector512.Max: +0 above -0 in either order, NaN wherever a window holds one.
        float[] a = [-0f, 0f, 0f, -0f, float.NaN, 1f, 1f, float.NaN, -1f, -2f, 3f, 3f, float.NegativeInfinity, -5f, 7f, float.PositiveInfinity];
        Vector512<float> maxima = MaxPoolLanes.Neighbours(Vector512.Create(a), Vector512.Create(a));
        Vector512<float> halves = MaxPoolLanes.Halves(Vector512.Create(a), Vector512.Create(a));
        for (int i = 0; i < 8; i++)
        {
            Vector512<float> pair = Vector512.Max(Vector512.Create(a[2 * i]), Vector512.Create(a[(2 * i) + 1]));
            Assert.Equal(BitConverter.SingleToInt32Bits(pair.GetElement(0)), BitConverter.SingleToInt32Bits(maxima.GetElement(i)));
            Vector512<float> apart = Vector512.Max(Vector512.Create(a[i]), Vector512.Create(a[8 + i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(apart.GetElement(0)), BitConverter.SingleToInt32Bits(halves.GetElement(i)));
        }
    }

    [Fact]
    public void Store16x8_to_four_destinations_writes_each_block_of_four_positions_to_its_own()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        // Channel c of lane p is 100 c + p; the four destinations lie 200 floats apart, each block's positions 16 floats apart.
        var channels = new Vector512<float>[8];
        for (int c = 0; c < 8; c++)
        {
            var lanes = new float[16];
            for (int p = 0; p < 16; p++)
            {
                lanes[p] = (100 * c) + p;
            }

            channels[c] = Vector512.Create(lanes);
        }

        var y = new float[800];
        Array.Fill(y, -1f);
        ChannelTranspose.Store16x8(ref y[0], ref y[200], ref y[400], ref y[600], channels[0], channels[1], channels[2], channels[3], channels[4], channels[5], channels[6], channels[7]);
        for (int block = 0; block < 4; block++)
        {
            for (int j = 0; j < 4; j++)
            {
                int position = (block * 200) + (j * 16);
                for (int c = 0; c < 8; c++)
                {
                    Assert.Equal((100 * c) + (4 * block) + j, y[position + c]);
                    Assert.Equal(0f, y[position + 8 + c]);
                }
            }
        }

        // Nothing else was written.
        int untouched = 0;
        foreach (float value in y)
        {
            untouched += value == -1f ? 1 : 0;
        }

        Assert.Equal(800 - (4 * 4 * 16), untouched);
    }

    private static float[] Values(Random random)
    {
        var values = new float[16];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 20) - 10);
        }

        return values;
    }
}
