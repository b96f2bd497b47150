using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>Recurrent layers and streaming: a recurrent layer on a flat row, a sequence classified step by step, a state of no
/// unit, and PredictStep or ResetState called on a network that does not stream.</summary>
public class RecurrentDiagnosticsTests
{
    [Fact]
    public void NG0070_recurrent_layer_on_a_flat_input_is_reported_at_the_layer()
    {
        Diagnostics("""
            using NetGen;

            [Network(16)]
            [GRU(8)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0070", 4, 2, "GRU(8)", "Layer 1, GRU(8), receives (16), which is not a sequence (steps, features); declare the input as a sequence, [Network(steps, features)]")]);
    }

    [Fact]
    public void NG0070_recurrent_layer_after_one_that_gives_only_its_last_state_is_reported_with_the_fix()
    {
        Diagnostics("""
            using NetGen;

            [Network(10, 2)]
            [LSTM(8)]
            [LSTM(4)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0070", 5, 2, "LSTM(4)", "Layer 2, LSTM(4), receives (8), which is not a sequence (steps, features); set ReturnSequences = true on layer 1 so that it gives its state at every step")]);
    }

    [Fact]
    public void NG0071_a_returned_sequence_classified_at_every_step_is_reported_at_ReturnSequences()
    {
        Diagnostics("""
            using NetGen;

            [Network(10, 2, Loss = Loss.CategoricalCrossEntropy)]
            [GRU(8, ReturnSequences = true)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """,
            [Warning("NG0071", 4, 9, "ReturnSequences = true", "Layer 1, GRU(8, ReturnSequences = true), returns its whole sequence (10, 8), so layer 2, Dense(3, Softmax), classifies each step and the network gives (10, 3); remove ReturnSequences = true to classify the sequence from its last state")]);
    }

    [Fact]
    public void NG0072_PredictStep_on_a_network_with_a_flat_input_is_reported_at_the_call()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.PredictStep(new float[4], new float[2]);
            }
            """,
            [Error("NG0072", 9, 44, "PredictStep", "'Net' has no PredictStep: its input (4) is not a sequence (steps, features); only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Theory]
    [InlineData("ResetState()", "ResetState")]
    [InlineData("PredictSteps(new float[12], new float[6])", "PredictSteps")]
    public void NG0072_ResetState_or_PredictSteps_on_a_network_with_a_Flatten_is_reported_at_the_call(string call, string member)
    {
        Diagnostics($$"""
            using NetGen;

            [Network(6, 2)]
            [GRU(4, ReturnSequences = true)]
            [Flatten]
            [Dense(1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.{{call}};
            }
            """,
            [Error("NG0072", 11, 44, member, "'Net' has no PredictStep: layer 2, Flatten, is not causal in time: it joins every step of the sequence into one row; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void NG0072_PredictStep_on_a_sequence_network_with_a_BatchNorm_is_reported_at_the_call()
    {
        Diagnostics("""
            using NetGen;

            [Network(6, 2, BatchSize = 4)]
            [GRU(4, ReturnSequences = true)]
            [BatchNorm]
            [Dense(1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.PredictStep(new float[2], new float[1]);
            }
            """,
            [Error("NG0072", 11, 44, "PredictStep", "'Net' has no PredictStep: layer 2, BatchNorm(None), is not causal in time; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void Streaming_calls_through_LayerNorm_and_Residual_layers_are_not_reported()
    {
        Clean("""
            using System;
            using NetGen;

            [Network(10, 2)]
            [LayerNorm]
            [GRU(4, ReturnSequences = true)]
            [Dense(4, Activation.Tanh)]
            [Residual(1, Activation.ReLU)]
            [Dense(1)]
            public partial class Net
            {
                public void Use(float[] step)
                {
                    Span<float> output = stackalloc float[StepOutputSize];
                    ResetState();
                    PredictStep(step.AsSpan(0, StepInputSize), output);
                }
            }
            """);
    }

    [Fact]
    public void NG0072_PredictStep_through_a_Conv1D_with_Same_padding_names_the_layer_and_the_steps_it_reads()
    {
        Diagnostics("""
            using NetGen;

            [Network(16, 2)]
            [Conv1D(8, 3, Padding = Padding.Causal)]
            [Conv1D(8, 5, Padding = Padding.Same)]
            [Conv1D(1, 1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.PredictStep(new float[2], new float[1]);
            }
            """,
            [Error("NG0072", 11, 44, "PredictStep", "'Net' has no PredictStep: layer 2, Conv1D(8, 5, None, Padding = Same), is not causal in time: with Padding = Same, output step t reads input steps up to t + 2; Padding = Causal reads steps up to t only; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void NG0072_PredictStep_through_a_strided_causal_Conv1D_names_the_stride()
    {
        Diagnostics("""
            using NetGen;

            [Network(16, 2)]
            [Conv1D(8, 3, Stride = 2, Padding = Padding.Causal)]
            [Conv1D(1, 1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.PredictStep(new float[2], new float[1]);
            }
            """,
            [Error("NG0072", 10, 44, "PredictStep", "'Net' has no PredictStep: layer 1, Conv1D(8, 3, None, Stride = 2, Padding = Causal), is not causal in time with Stride = 2: it gives one output step for every 2 input steps; streaming needs Stride = 1; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void NG0072_ResetState_through_a_Conv1D_with_Valid_padding_names_the_steps_it_reads()
    {
        Diagnostics("""
            using NetGen;

            [Network(16, 2)]
            [Conv1D(4, 3, Dilation = 2)]
            [Conv1D(1, 1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.ResetState();
            }
            """,
            [Error("NG0072", 10, 44, "ResetState", "'Net' has no PredictStep: layer 1, Conv1D(4, 3, None, Dilation = 2), is not causal in time: with Padding = Valid, output step t reads input steps t to t + 4; Padding = Causal reads steps up to t only; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void NG0072_PredictStep_through_a_pool_after_a_causal_Conv1D_names_the_pool()
    {
        Diagnostics("""
            using NetGen;

            [Network(16, 2)]
            [Conv1D(8, 3, Padding = Padding.Causal)]
            [MaxPool1D(2)]
            [Conv1D(1, 1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.PredictStep(new float[2], new float[1]);
            }
            """,
            [Error("NG0072", 11, 44, "PredictStep", "'Net' has no PredictStep: layer 2, MaxPool1D(2), is not causal in time: it pools windows of 2 steps every 2, not one output step per input step; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void NG0072_PredictStep_through_a_GlobalAvgPool_names_it()
    {
        Diagnostics("""
            using NetGen;

            [Network(16, 2)]
            [Conv1D(8, 3, Padding = Padding.Causal)]
            [GlobalAvgPool]
            [Dense(1)]
            public partial class Net { }

            public static class Use
            {
                public static void Run(Net net) => net.PredictStep(new float[2], new float[1]);
            }
            """,
            [Error("NG0072", 11, 44, "PredictStep", "'Net' has no PredictStep: layer 2, GlobalAvgPool, is not causal in time: it averages over every step of the sequence; only a network whose input is a sequence (steps, features) and whose layers are all causal in time (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual) streams one step per call")],
            "CS1061");
    }

    [Fact]
    public void Streaming_calls_through_causal_and_pointwise_Conv1D_layers_are_not_reported()
    {
        Clean("""
            using System;
            using NetGen;

            [Network(16, 2)]
            [Conv1D(8, 3, Activation.ReLU, Dilation = 4, Padding = Padding.Causal)]
            [Conv1D(4, 1)]
            [GRU(4, ReturnSequences = true)]
            [Dense(1)]
            public partial class Net
            {
                public void Use()
                {
                    Span<float> output = stackalloc float[StepOutputSize];
                    ResetState();
                    PredictStep(new float[StepInputSize], output);
                }
            }
            """);
    }

    [Fact]
    public void NG0073_recurrent_layer_of_no_unit_is_reported_at_the_units()
    {
        Diagnostics("""
            using NetGen;

            [Network(10, 2)]
            [GRU(0)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0073", 4, 6, "0", "Layer 1, GRU(0), on (10, 2) has no unit; a recurrent layer's state needs at least 1")]);
    }

    [Fact]
    public void Streaming_calls_of_the_right_lengths_and_stacked_recurrent_layers_are_not_reported()
    {
        Clean("""
            using System;
            using NetGen;

            [Network(10, 2, Loss = Loss.CategoricalCrossEntropy)]
            [LSTM(8, ReturnSequences = true)]
            [Dropout(0.1f)]
            [GRU(4)]
            [Dense(3, Activation.Softmax)]
            public partial class Net
            {
                public void Use()
                {
                    Span<float> output = stackalloc float[StepOutputSize];
                    ResetState();
                    PredictStep(new float[2], output);
                }
            }
            """);
    }

    [Fact]
    public void NG0040_a_step_of_the_wrong_length_is_reported_at_the_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(10, 2)]
            [GRU(4)]
            [Dense(1)]
            public partial class Net
            {
                public void Use() => PredictStep(new float[3], new float[1]);
            }
            """,
            [Error("NG0040", 8, 38, "new float[3]", "'step' of Net.PredictStep has 3 floats; expected StepInputSize = 2")]);
    }
}
