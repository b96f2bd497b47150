using System;
using NetGen.Data;
using Xunit;

namespace NetGen.Training.Tests;

public class PreprocessingTests
{
    private static Dataset Make(float[] features, int width, float[] targets) => new(features, width, targets, 1);

    [Fact]
    public void Standardisation_uses_training_mean_and_population_deviation_only()
    {
        Dataset train = Make([1, 10, 3, 10, 5, 10], 2, [0, 1, 0]);
        StandardScaler scaler = StandardScaler.Fit(train);
        Assert.Equal(3f, scaler.Means[0]);
        Assert.Equal(MathF.Sqrt(8f / 3f), scaler.Scales[0], 6);
        Assert.Equal(1f, scaler.Scales[1]); // constant column: only centred

        Dataset test = Make([7, 12], 2, [1]);
        float[] scaled = scaler.Transform(test).Features.ToArray();
        Assert.Equal(4f / MathF.Sqrt(8f / 3f), scaled[0], 5);
        Assert.Equal(2f, scaled[1]);
        Assert.Equal(7f, test.Features[0]); // the input is unchanged
    }

    [Fact]
    public void Min_max_scaling_maps_the_training_range_and_extrapolates_beyond_it()
    {
        Dataset train = Make([2, 4, 6], 1, [0, 0, 0]);
        MinMaxScaler scaler = MinMaxScaler.Fit(train, -1f, 1f);
        Assert.Equal(new[] { -1f, 0f, 1f }, scaler.Transform(train).Features.ToArray());
        Assert.Equal(3f, scaler.Transform(Make([10], 1, [0])).Features[0]);
    }

    [Fact]
    public void One_hot_encoding_learns_sorted_labels_and_rejects_unseen_ones()
    {
        Dataset train = Make([0, 0, 0], 1, [5, 2, 5]);
        OneHotEncoder encoder = OneHotEncoder.Fit(train);
        Assert.Equal(new[] { 2f, 5f }, encoder.Classes);
        Dataset encoded = encoder.Transform(train);
        Assert.Equal(new[] { 0f, 1f, 1f, 0f, 0f, 1f }, encoded.Targets.ToArray());
        Assert.Equal(1, encoded.ClassOf(0));
        Assert.Throws<ArgumentException>(() => encoder.Transform(Make([0], 1, [3])));
    }

    [Fact]
    public void A_transform_applied_to_another_width_names_both_widths()
    {
        StandardScaler scaler = StandardScaler.Fit(Make([1, 2], 2, [0]));
        ArgumentException error = Assert.Throws<ArgumentException>(() => scaler.Transform(Make([1, 2, 3], 3, [0])));
        Assert.Contains("3 features", error.Message, StringComparison.Ordinal);
        Assert.Contains("fitted on 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_row_of_another_width_is_rejected_and_left_unchanged()
    {
        Dataset train = Make([1, 2, 3, 4], 2, [0, 1]);
        float[] row = [5, 6, 7];
        ArgumentException standard = Assert.Throws<ArgumentException>(() => StandardScaler.Fit(train).TransformRow(row));
        ArgumentException minMax = Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(train).TransformRow(row));
        foreach (ArgumentException error in new[] { standard, minMax })
        {
            Assert.Contains("3 features", error.Message, StringComparison.Ordinal);
            Assert.Contains("fitted on 2", error.Message, StringComparison.Ordinal);
            Assert.Equal("features", error.ParamName);
        }

        Assert.Equal(new[] { 5f, 6f, 7f }, row);
    }

    [Fact]
    public void One_hot_encoding_too_large_for_one_array_is_an_argument_error_naming_the_sizes()
    {
        var data = new Dataset(new float[1 << 20], 1, new float[1 << 20], 1);
        ArgumentException error = Assert.Throws<ArgumentException>(() => OneHotEncoder.ForClassCount(4096).Transform(data));
        Assert.Contains("1048576 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subset_too_large_for_one_array_is_an_argument_error_naming_the_sizes()
    {
        var data = new Dataset(new float[4096], 4096, new float[1], 1);
        ArgumentException error = Assert.Throws<ArgumentException>(() => data.Subset(new int[1 << 20]));
        Assert.Contains("1048576 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, data.Subset(new int[1000]).Count);
    }

    [Fact]
    public void Dataset_rejects_lengths_that_are_not_whole_rows()
    {
        Assert.Throws<ArgumentException>(() => new Dataset(new float[5], 2, new float[2], 1));
        Assert.Throws<ArgumentException>(() => new Dataset(new float[4], 2, new float[3], 1));
    }

    [Fact]
    public void Class_of_a_fractional_single_target_is_an_error()
    {
        Dataset data = Make([0], 1, [0.5f]);
        Assert.Throws<InvalidOperationException>(() => data.ClassOf(0));
    }
}
