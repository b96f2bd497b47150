using System.Linq;
using NetGen.Generator.Tests.Support;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Which forward and weight-gradient kernels a convolution gets on the Vector512 path: output positions as the lanes (the tile transposed into
/// channels-last rows by <c>ChannelTranspose.Store16x8</c>) for a convolution of at most 8 filters over one input channel with
/// stride 1 and a row of at least 16 positions; the filters as the lanes otherwise, and on every other path. And which input
/// gradient it gets: gathered with the filters as lanes, or scattered through a transposed copy of the kernel; and where its ReLU's
/// gradient is applied: by the max pool after it, or in a pass of its own.
/// </summary>
public class ConvolutionKernelChoiceTests
{
    private const string Transpose = "ChannelTranspose.Store16x8";

    [Theory]
    [InlineData("[Network(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU)] [MaxPool2D(2)] [Conv2D(16, 5, Activation.ReLU)]", true)]
    [InlineData("[Network(20, 16, 1)] [Conv2D(8, 3, Activation.Tanh, Padding = Padding.Same)]", true)]
    [InlineData("[Network(40, 1)] [Conv1D(1, 4, Dilation = 3, Padding = Padding.Causal)]", true)]
    [InlineData("[Network(28, 28, 1)] [Conv2D(9, 5, Activation.ReLU)]", false)]
    [InlineData("[Network(28, 28, 2)] [Conv2D(6, 5, Activation.ReLU)]", false)]
    [InlineData("[Network(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU, Stride = 2)]", false)]
    [InlineData("[Network(14, 14, 1)] [Conv2D(6, 3, Activation.ReLU)]", false)]
    public void The_first_convolution_takes_positions_as_lanes_only_where_it_fits(string layers, bool positionLanes)
    {
        string source = $$"""
            using NetGen;

            namespace Samples;

            {{layers}} [Flatten] [Dense(2)]
            public partial class ChoiceNet
            {
            }
            """;
        (var result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string Text(string isa) => GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith($".{isa}.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

        string vector512 = Text("Vector512");
        string firstForward = Method(vector512, "Layer1Forward_Vector512");
        Assert.Equal(positionLanes, firstForward.Contains(Transpose, System.StringComparison.Ordinal));
        Assert.Equal(positionLanes, Method(vector512, "Layer1WeightGradient_Vector512").Contains("ChannelTranspose.Load16x8", System.StringComparison.Ordinal));

        // Only the first layer reads one channel: the second convolution of LeNet keeps the filters as lanes. (LeNet's inference calls
        // pool inside the first convolution, whose kernel then transposes too.)
        int pooled = vector512.Contains("Layer1ForwardPooled_Vector512(", System.StringComparison.Ordinal) ? Count(Method(vector512, "Layer1ForwardPooled_Vector512")) : 0;
        Assert.Equal(Count(firstForward) + pooled, Count(vector512));
        Assert.DoesNotContain(Transpose, Text("Vector256"), System.StringComparison.Ordinal);
        Assert.DoesNotContain(Transpose, Text("Vector128"), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Network(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU)]", true)]
    [InlineData("[Network(19, 21, 1)] [Conv2D(5, 3, Activation.Sigmoid, Dilation = 2)]", true)]
    [InlineData("[Network(20, 16, 1)] [Conv2D(8, 3, Activation.Tanh, Padding = Padding.Same)]", false)]
    [InlineData("[Network(30, 30, 1)] [Conv2D(6, 3, Activation.ReLU)]", false)]
    [InlineData("[Network(40, 1)] [Conv1D(1, 4, Dilation = 3, Padding = Padding.Causal)]", false)]
    public void Two_rows_share_a_vector_for_their_last_8_positions_where_a_row_ends_with_8_or_fewer_after_its_whole_tiles(string layers, bool packs)
    {
        // 24 and 17 positions per row: 8 and 1 after a whole tile of 16, over 24 and 15 rows; 16 positions: no tail; 28: a tail of 12,
        // which a tile of its own computes with fewer lanes wasted than two rows' 8 would save; a sequence: one row, no pair.
        string source = $$"""
            using NetGen;

            namespace Samples;

            {{layers}} [Flatten] [Dense(2)]
            public partial class TailNet
            {
            }
            """;
        (var result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string vector512 = GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith(".Vector512.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        string forward = Method(vector512, "Layer1Forward_Vector512");
        Assert.Contains(Transpose, forward, System.StringComparison.Ordinal);
        Assert.Equal(packs, forward.Contains("Vector256.LoadUnsafe(ref xp", System.StringComparison.Ordinal));
        Assert.Equal(packs, forward.Contains("ChannelTranspose.Store16x8(ref yp, ref Unsafe.Add(ref yp, ", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Conv2D(16, 5, Activation.ReLU)]", true)]
    [InlineData("[Conv2D(16, 5, Activation.ReLU, Stride = 2)]", false)]
    [InlineData("[Conv2D(4, 5, Activation.ReLU)]", false)]
    public void An_input_gradient_is_gathered_with_the_filters_as_lanes_where_they_fill_them_better_than_the_channels(string layer, bool gathers)
    {
        // After a first convolution of 6 filters (padded to 16 channels): 16 filters fill their vector, 4 do not.
        string source = $$"""
            using NetGen;

            namespace Samples;

            [Network(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU)] [MaxPool2D(2)] {{layer}} [Flatten] [Dense(2)]
            public partial class GatherNet
            {
            }
            """;
        (var result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string all = string.Concat(GeneratorHarness.Sources(result).Select(file => file.SourceText.ToString()));
        Assert.Equal(!gathers, all.Contains("TransposedWeights", System.StringComparison.Ordinal));
        string vector512 = GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith(".Vector512.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Equal(gathers, Method(vector512, "Layer3InputGradient_Vector512").Contains("LaneSums.Sum", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Conv2D(6, 5, Activation.ReLU)] [MaxPool2D(2)]", true)]
    [InlineData("[Conv2D(6, 5, Activation.ReLU)] [AvgPool2D(2)]", false)]
    [InlineData("[Conv2D(6, 5, Activation.Tanh)] [MaxPool2D(2)]", false)]
    [InlineData("[Conv2D(6, 5, Activation.ReLU)] [Dropout(0.2f)] [MaxPool2D(2)]", false)]
    public void A_max_pool_applies_the_ReLU_gradient_of_the_convolution_before_it(string layers, bool folded)
    {
        string source = $$"""
            using NetGen;

            namespace Samples;

            [Network(28, 28, 1)] {{layers}} [Flatten] [Dense(2)]
            public partial class FoldNet
            {
            }
            """;
        (var result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string passes = GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith(".Passes.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        string vector512 = GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith(".Vector512.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Equal(folded, passes.Contains("ReLU: applied by the max pool after it", System.StringComparison.Ordinal));
        Assert.Equal(folded, vector512.Contains("Vector512.GreaterThan(m, Vector512<float>.Zero) & g", System.StringComparison.Ordinal));
        Assert.Equal(!folded && layers.Contains("ReLU", System.StringComparison.Ordinal), passes.Contains("ActivationBackward(global::NetGen.Activation.ReLU", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU)] [MaxPool2D(2)]", true)]
    [InlineData("(28, 28, 1)] [Conv2D(6, 5)] [MaxPool2D(2)]", true)]
    [InlineData("(12, 22, 1)] [Conv2D(5, 3, Activation.ReLU, Padding = Padding.Same)] [MaxPool2D(2)]", true)]
    [InlineData("(12, 30, 1)] [Conv2D(6, 3)] [MaxPool2D(2)]", true)]
    [InlineData("(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU)] [AvgPool2D(2)]", false)]
    [InlineData("(28, 28, 1)] [Conv2D(6, 5, Activation.Tanh)] [MaxPool2D(2)]", false)]
    [InlineData("(28, 28, 1)] [Conv2D(8, 5, Activation.ReLU)] [MaxPool2D(2)]", false)]
    [InlineData("(28, 28, 1)] [Conv2D(6, 5, Activation.ReLU)] [MaxPool2D(2, Stride = 1)]", false)]
    [InlineData("(28, 28, 1)] [Conv2D(6, 4, Activation.ReLU)] [MaxPool2D(2)]", false)]
    [InlineData("(8, 24, 1)] [Conv2D(6, 3, Activation.ReLU)] [MaxPool2D(2)]", false)]
    [InlineData("(28, 28, 2)] [Conv2D(6, 5, Activation.ReLU)] [MaxPool2D(2)]", false)]
    public void Inference_calls_pool_inside_the_convolution_where_its_tiles_start_on_windows(string layers, bool pools)
    {
        // A 2 x 2 max pool with stride 2 after a position-lane convolution (one input channel) of at most 6 filters with ReLU or no
        // activation, whose output is even (24 x 24, 12 x 22, 10 x 28; not 25 x 25) and has at least 8 rows when two rows share a vector
        // for their last positions (not 6 x 22).
        string source = $$"""
            using NetGen;

            namespace Samples;

            [Network{{layers}} [Flatten] [Dense(2)]
            public partial class PooledNet
            {
            }
            """;
        (var result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string File(string suffix) => GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith(suffix, System.StringComparison.Ordinal)).SourceText.ToString();
        string passes = File(".Passes.g.cs");
        Assert.Equal(pools, passes.Contains("Layer1ForwardPooled(", System.StringComparison.Ordinal));
        Assert.Equal(pools, passes.Contains("// inference calls: the convolution's kernel computed this layer's output", System.StringComparison.Ordinal));
        if (pools)
        {
            string vector512 = Method(File(".Vector512.g.cs"), "Layer1ForwardPooled_Vector512");
            Assert.Contains("MaxPoolLanes.Neighbours(", vector512, System.StringComparison.Ordinal);
            Assert.Contains(Transpose, vector512, System.StringComparison.Ordinal);
            Assert.DoesNotContain("Layer1Forward_Vector512(", vector512, System.StringComparison.Ordinal);
            string vector256 = Method(File(".Vector256.g.cs"), "Layer1ForwardPooled_Vector256");
            Assert.Contains("Layer1Forward_Vector256(ref x, ref w, ref b, ref y, rows);", vector256, System.StringComparison.Ordinal);
            Assert.Contains("Layer2Forward_Vector256(ref y, ref p, rows);", vector256, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inference_calls_pool_inside_a_convolution_with_a_BatchNorm_folded_in()
    {
        string source = """
            using NetGen;

            namespace Samples;

            [Network(28, 28, 1)] [Conv2D(6, 5)] [BatchNorm(Activation.ReLU)] [MaxPool2D(2)] [Flatten] [Dense(2)]
            public partial class FoldedPoolNet
            {
            }
            """;
        (var result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string File(string suffix) => GeneratorHarness.Sources(result).Single(file => file.HintName.EndsWith(suffix, System.StringComparison.Ordinal)).SourceText.ToString();
        string passes = File(".Passes.g.cs");
        Assert.Contains("Layer1ForwardFoldedPooled(", passes, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Layer1ForwardFolded(ref input", passes, System.StringComparison.Ordinal);
        Assert.Contains("// inference calls: the convolution's kernel computed this layer's output", passes, System.StringComparison.Ordinal);
        Assert.Contains("MaxPoolLanes.Neighbours(", Method(File(".Vector512.g.cs"), "Layer1ForwardFoldedPooled_Vector512"), System.StringComparison.Ordinal);
        Assert.Contains("Layer1ForwardFolded_Vector128(ref x, ref w, ref b, ref y, rows);", Method(File(".Vector128.g.cs"), "Layer1ForwardFoldedPooled_Vector128"), System.StringComparison.Ordinal);
    }

    /// <summary>The text of the generated method <paramref name="name"/>, from its name to its closing brace.</summary>
    private static string Method(string file, string name)
    {
        string text = file[file.IndexOf(name + "(", System.StringComparison.Ordinal)..];
        return text[..text.IndexOf("\n    }\n", System.StringComparison.Ordinal)];
    }

    private static int Count(string text) => text.Split(Transpose).Length - 1;
}
