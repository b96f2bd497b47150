using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Data;
using Xunit;

namespace NetGen.Training.Tests;

public class SplitTests
{
    // 100 rows: 70 of class 0, 30 of class 1; feature = row index so rows can be traced.
    private static Dataset Imbalanced()
    {
        var features = new float[100];
        var targets = new float[100];
        for (int i = 0; i < 100; i++)
        {
            features[i] = i;
            targets[i] = i < 70 ? 0 : 1;
        }

        return new Dataset(features, 1, targets, 1);
    }

    private static int CountOf(Dataset data, int c) => data.Classes().Count(x => x == c);

    [Fact]
    public void Stratified_split_keeps_class_proportions_in_every_part()
    {
        DatasetSplit split = DatasetSplitter.Split(Imbalanced(), 0.2, 0.1, seed: 3, stratify: true);
        Assert.Equal((70, 20, 10), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.Equal(49, CountOf(split.Train, 0));
        Assert.Equal(14, CountOf(split.Validation, 0));
        Assert.Equal(7, CountOf(split.Test, 0));
        Assert.Equal(3, CountOf(split.Test, 1));
    }

    [Fact]
    public void Split_parts_are_disjoint_and_cover_every_row()
    {
        DatasetSplit split = DatasetSplitter.Split(Imbalanced(), 0.25, 0.15, seed: 9);
        var rows = split.Train.Features.ToArray().Concat(split.Validation.Features.ToArray()).Concat(split.Test.Features.ToArray()).ToList();
        Assert.Equal(100, rows.Count);
        Assert.Equal(100, rows.Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        Dataset data = Imbalanced();
        float[] a = DatasetSplitter.TrainTestSplit(data, 0.3, 5).Test.Features.ToArray();
        float[] b = DatasetSplitter.TrainTestSplit(data, 0.3, 5).Test.Features.ToArray();
        float[] c = DatasetSplitter.TrainTestSplit(data, 0.3, 6).Test.Features.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Fractions_that_leave_no_training_rows_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.Split(Imbalanced(), 0.5, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.Split(Imbalanced(), -0.1, 0.5, 1));
    }

    [Fact]
    public void K_fold_partitions_every_row_into_exactly_one_test_fold_of_near_equal_size()
    {
        IReadOnlyList<Fold> folds = DatasetSplitter.KFold(23, 5, seed: 2);
        Assert.Equal(new[] { 5, 5, 5, 4, 4 }, folds.Select(f => f.TestIndices.Count));
        var held = folds.SelectMany(f => f.TestIndices).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, 23), held);
        foreach (Fold fold in folds)
        {
            Assert.Empty(fold.TrainIndices.Intersect(fold.TestIndices));
            Assert.Equal(23, fold.TrainIndices.Count + fold.TestIndices.Count);
        }
    }

    [Fact]
    public void Stratified_k_fold_gives_each_fold_the_class_proportions()
    {
        Dataset data = Imbalanced();
        IReadOnlyList<Fold> folds = DatasetSplitter.StratifiedKFold(data, 5, seed: 4);
        foreach (Fold fold in folds)
        {
            Dataset test = fold.Test(data);
            Assert.Equal(20, test.Count);
            Assert.Equal(14, CountOf(test, 0));
            Assert.Equal(6, CountOf(test, 1));
        }

        Assert.Equal(Enumerable.Range(0, 100), folds.SelectMany(f => f.TestIndices).OrderBy(i => i));
    }

    [Fact]
    public void K_fold_needs_between_two_folds_and_one_per_row()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.KFold(10, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.KFold(3, 4, 0));
    }

    [Fact]
    public void A_large_class_label_does_not_size_the_stratification()
    {
        var data = new Dataset([0f, 1f, 2f, 3f, 4f, 5f], 1, [0f, 50_000_000f, 0f, 50_000_000f, 0f, 50_000_000f], 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        (Dataset train, Dataset test) = DatasetSplitter.TrainTestSplit(data, 1.0 / 3, seed: 1, stratify: true);
        IReadOnlyList<Fold> folds = DatasetSplitter.StratifiedKFold(data, 3, seed: 1);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Equal([0, 50_000_000], test.Classes().Order());
        Assert.Equal(4, train.Count);
        Assert.All(folds, fold => Assert.Equal(2, fold.TestIndices.Count));
    }
}
