using System;
using System.Collections.Generic;
using NetGen.Data;
using NetGen.Tests.Shared;
using Xunit;

namespace NetGen.Training.Tests;

public class MiniBatchesTests
{
    private static Dataset Rows(int count)
    {
        var features = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[(2 * i) + 1] = -i;
            targets[i] = i;
        }

        return new Dataset(features, 2, targets, 1);
    }

    [Fact]
    public void Batches_cover_every_row_once_with_a_smaller_last_batch()
    {
        var batches = new MiniBatches(Rows(10), 4);
        Assert.Equal(3, batches.BatchCount);
        var rows = new List<int>();
        var seen = new List<float>();
        foreach (Batch batch in batches)
        {
            rows.Add(batch.Rows);
            seen.AddRange(batch.Targets.ToArray());
            Assert.Equal(batch.Rows * 2, batch.Inputs.Length);
        }

        Assert.Equal(new[] { 4, 4, 2 }, rows);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, seen);
    }

    [Fact]
    public void A_shuffled_order_keeps_inputs_and_targets_of_a_row_together()
    {
        var batches = new MiniBatches(Rows(50), 8);
        var random = new DeterministicRandom(11);
        batches.Shuffle(ref random);
        var seen = new HashSet<float>();
        bool moved = false;
        foreach (Batch batch in batches)
        {
            for (int r = 0; r < batch.Rows; r++)
            {
                float target = batch.Targets[r];
                Assert.Equal(target, batch.Inputs[2 * r]);
                Assert.Equal(-target, batch.Inputs[(2 * r) + 1]);
                moved |= target != (batch.Index * 8) + r;
                Assert.True(seen.Add(target));
            }
        }

        Assert.True(moved);
        Assert.Equal(50, seen.Count);
    }

    [Fact]
    public void Iterating_and_shuffling_allocate_nothing()
    {
        var batches = new MiniBatches(Rows(1000), 32);
        var random = new DeterministicRandom(1);
        float sum = Iterate(batches, ref random); // warm up
        long before = ThreadAllocation.Start();
        for (int pass = 0; pass < 5; pass++)
        {
            sum += Iterate(batches, ref random);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    private static float Iterate(MiniBatches batches, ref DeterministicRandom random)
    {
        batches.Shuffle(ref random);
        float sum = 0;
        foreach (Batch batch in batches)
        {
            sum += batch.Targets[0];
        }

        batches.ResetOrder();
        foreach (Batch batch in batches)
        {
            sum += batch.Inputs[0];
        }

        return sum;
    }
}
