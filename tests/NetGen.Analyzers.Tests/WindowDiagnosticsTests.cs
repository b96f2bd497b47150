using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>Convolutions and pools: shapes that cannot flow are errors at the argument that causes them, with the shapes computed
/// so far in the message; windows that skip inputs and a global pool of a flat row are warnings.</summary>
public class WindowDiagnosticsTests
{
    [Fact]
    public void NG0060_kernel_size_of_zero_is_reported_at_the_kernel_size()
    {
        Diagnostics("""
            using NetGen;

            [Network(8, 8, 1)]
            [Conv2D(4, 0, Activation.ReLU)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0060", 4, 12, "0", "Conv2D layer 1 on (8, 8, 1) has kernelSize = 0; it must be at least 1")]);
    }

    [Fact]
    public void NG0061_image_convolution_of_a_flat_row_is_reported_at_the_layer()
    {
        Diagnostics("""
            using NetGen;

            [Network(64)]
            [Conv2D(4, 3, Activation.ReLU)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0061", 4, 2, "Conv2D(4, 3, Activation.ReLU)", "Conv2D layer 1 needs an input of shape (H, W, C); it receives (64)")]);
    }

    [Fact]
    public void NG0062_kernel_larger_than_the_image_is_reported_at_the_kernel_size_with_the_shapes()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, 4, 1)]
            [Conv2D(4, 5, Activation.ReLU)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0062", 4, 12, "5", "Conv2D layer 1's kernel spans 5 positions along the height of its input (4, 4, 1), which has 4 there; the output would be empty")]);
    }

    [Fact]
    public void NG0063_pool_larger_than_the_feature_maps_is_reported_at_the_size_with_the_computed_shape()
    {
        Diagnostics("""
            using NetGen;

            [Network(8, 8, 1)]
            [Conv2D(4, 5, Activation.ReLU)]
            [MaxPool2D(5)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0063", 5, 12, "5", "MaxPool2D layer 2's window of 5 is larger than the height of its input (4, 4, 4), which is 4; the output would be empty")]);
    }

    [Fact]
    public void NG0064_same_padding_with_a_stride_is_reported_at_the_padding()
    {
        Diagnostics("""
            using NetGen;

            [Network(8, 8, 1)]
            [Conv2D(4, 3, Activation.ReLU, Stride = 2, Padding = Padding.Same)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0064", 4, 44, "Padding = Padding.Same", "Conv2D layer 1 on (8, 8, 1) has Padding.Same and Stride = 2; Same keeps the input's size, which a stride cannot; use Padding.Valid with the stride")]);
    }

    [Fact]
    public void NG0065_causal_padding_of_an_image_is_reported_at_the_padding()
    {
        Diagnostics("""
            using NetGen;

            [Network(8, 8, 1)]
            [Conv2D(4, 3, Activation.ReLU, Padding = Padding.Causal)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0065", 4, 32, "Padding = Padding.Causal", "Conv2D layer 1 on (8, 8, 1) has Padding.Causal, which orders one axis in time; use Conv1D for a sequence, or Padding.Same or Padding.Valid")]);
    }

    [Fact]
    public void NG0066_stride_beyond_the_kernel_span_is_reported_at_the_stride_and_still_generates()
    {
        BuildResult result = Diagnostics("""
            using NetGen;

            [Network(16, 3)]
            [Conv1D(4, 2, Activation.ReLU, Stride = 3)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0066", 4, 32, "Stride = 3", "Conv1D layer 1 on (16, 3) has Stride = 3, more than the 2 positions its window spans, so 1 of every 3 positions along each axis are never read")]);
        Assert.NotEmpty(result.GeneratedFiles);
    }

    [Fact]
    public void NG0067_global_average_pool_of_a_flat_row_is_reported_at_the_layer()
    {
        Diagnostics("""
            using NetGen;

            [Network(8)]
            [Dense(4, Activation.ReLU)]
            [GlobalAvgPool]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0067", 5, 2, "GlobalAvgPool", "Layer 2, GlobalAvgPool, receives the flat row (4), which has one position, and gives it unchanged; remove it")]);
    }

    [Fact]
    public void LeNet5_and_a_causal_sequence_model_report_nothing()
    {
        Diagnostics("""
            using NetGen;

            [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 32)]
            [Conv2D(6, 5, Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 5, Activation.ReLU)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(120, Activation.ReLU)]
            [Dense(84, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class LeNet { }

            [Network(128, 3, Loss = Loss.CategoricalCrossEntropy)]
            [Conv1D(16, 5, Activation.ReLU, Padding = Padding.Causal)]
            [MaxPool1D(2)]
            [Conv1D(32, 5, Activation.ReLU, Dilation = 2)]
            [GlobalAvgPool]
            [Dense(6, Activation.Softmax)]
            public partial class Sensor { }
            """,
            []);
    }
}
