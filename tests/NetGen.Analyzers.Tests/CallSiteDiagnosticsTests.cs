using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>Calls whose argument lengths the compiler can see and that the generated guards would reject.</summary>
public class CallSiteDiagnosticsTests
{
    // Line 1 to 7 of every test: a network of 4 inputs, 2 outputs and at most 3 rows (ParameterCount 4*8+8+8*2+2 = 58).
    private const string Network = """
        using System;
        using NetGen;

        [Network(4, BatchSize = 3)]
        [Dense(8, Activation.ReLU)]
        [Dense(2)]
        public partial class Net { }

        """;

    [Fact]
    public void NG0040_predict_with_an_array_of_the_wrong_length_is_reported_at_the_argument()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static void Run(Net net) => net.Predict(new float[3], new float[2]);
            }
            """,
            [Error("NG0040", 10, 52, "new float[3]", "'input' of Net.Predict has 3 floats; expected InputSize = 4")]);
    }

    [Fact]
    public void NG0040_stackalloc_collection_expression_and_parameters_are_checked()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static void Run(Net net)
                {
                    Span<float> output = stackalloc float[3];
                    net.Predict([1f, 2f, 3f, 4f], output);
                    net.ExportParameters(new float[Net.ParameterCount - 1]);
                    net.ImportParameters(new float[58]);
                }
            }
            """,
            [
                Error("NG0040", 13, 39, "output", "'output' of Net.Predict has 3 floats; expected OutputSize = 2"),
                Error("NG0040", 14, 30, "new float[Net.ParameterCount - 1]", "'destination' of Net.ExportParameters has 57 floats; expected ParameterCount = 58"),
            ]);
    }

    [Fact]
    public void NG0040_fixed_size_buffer_of_another_network_is_reported_where_it_converts_to_a_span()
    {
        Diagnostics(Network + """
            [Network(3)]
            [Dense(2)]
            public partial class Other { }

            public static class Use
            {
                public static void Run(Net net, Other.Input input) => net.Predict(input, stackalloc float[2]);
            }
            """,
            [Error("NG0040", 14, 71, "input", "'input' of Net.Predict has 3 floats; expected InputSize = 4")]);
    }

    [Fact]
    public void NG0041_inputs_that_are_not_whole_rows_are_reported_at_the_argument()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static float Run(Net net) => net.TrainStep(new float[6], new float[2]);
            }
            """,
            [Error("NG0041", 10, 55, "new float[6]", "'inputs' of Net.TrainStep has 6 floats, which is not a whole number of rows of InputSize = 4; expected 1 to 3 rows")]);
    }

    [Fact]
    public void NG0041_empty_targets_of_unknown_inputs_are_reported_at_the_targets()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static float Run(Net net, float[] inputs) => net.Evaluate(inputs, Array.Empty<float>().AsSpan(0, 0));
            }
            """,
            [Error("NG0041", 10, 78, "Array.Empty<float>().AsSpan(0, 0)", "'targets' of Net.Evaluate has 0 floats, which is not a whole number of rows of TargetSize = 2; expected 1 to 3 rows")]);
    }

    [Fact]
    public void NG0042_more_rows_than_the_batch_size_are_reported_at_the_argument()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static float Run(Net net)
                {
                    float[] inputs = new float[16];
                    return net.ComputeGradients(inputs, new float[6]);
                }
            }
            """,
            [Error("NG0042", 13, 37, "inputs", "'inputs' of Net.ComputeGradients has 16 floats, which is 4 rows, more than BatchSize = 3")]);
    }

    [Fact]
    public void NG0043_targets_for_another_number_of_rows_are_reported_at_the_targets()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static float Run(Net net)
                {
                    float[] inputs = new float[8];
                    return net.TrainStep(targets: new float[2], inputs: inputs.AsSpan());
                }
            }
            """,
            [Error("NG0043", 13, 30, "targets: new float[2]", "'targets' of Net.TrainStep has 2 floats; the inputs are 2 rows, so it needs 2 rows x TargetSize 2 = 4 floats")]);
    }

    [Fact]
    public void NG0043_integer_labels_take_one_target_per_row()
    {
        Diagnostics("""
            using System;
            using NetGen;

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy, BatchSize = 3)]
            [Dense(8, Activation.ReLU)]
            [Dense(3)]
            public partial class Net { }

            public static class Use
            {
                public static float Run(Net net) => net.TrainStep(new float[8], new float[6]) + net.TrainStep(new float[8], new float[2]);
            }
            """,
            [Error("NG0043", 11, 69, "new float[6]", "'targets' of Net.TrainStep has 6 floats; the inputs are 2 rows, so it needs 2 rows x TargetSize 1 = 2 floats")]);
    }

    [Fact]
    public void NG0043_forward_outputs_and_backward_gradients_are_rows_of_the_outputs()
    {
        Diagnostics(Network + """
            public static class Use
            {
                public static void Run(Net net)
                {
                    net.Forward(new float[8], new float[6]);
                    net.Forward(new float[8], new float[4]);
                }
            }
            """,
            [Error("NG0043", 12, 35, "new float[6]", "'outputs' of Net.Forward has 6 floats; the inputs are 2 rows, so it needs 2 rows x OutputSize 2 = 4 floats")]);
    }

    [Fact]
    public void Lengths_the_compiler_cannot_be_sure_of_are_not_reported()
    {
        Clean(Network + """
            public static class Use
            {
                public static float Run(Net net, float[] unknown, bool flag)
                {
                    float[] reassigned = new float[3];
                    if (flag)
                    {
                        reassigned = new float[4];
                    }

                    float[] passedByRef = new float[3];
                    Replace(ref passedByRef);
                    Span<float> output = stackalloc float[2];
                    net.Predict(reassigned, output);
                    net.Predict(passedByRef, output);
                    net.Predict(unknown, output);
                    net.Predict(new float[8].AsSpan(4), output);
                    net.PredictBatch(new float[12], new float[6]);
                    return net.TrainStep(new float[12], new float[6]);
                }

                private static void Replace(ref float[] buffer) => buffer = new float[4];
            }
            """);
    }

    [Fact]
    public void Fixed_size_buffers_of_the_network_itself_are_checked_by_the_type_system()
    {
        Clean(Network + """
            public static class Use
            {
                public static float Run(Net net)
                {
                    var input = new Net.Input();
                    input[0] = 1f;
                    Net.Output output = net.Predict(input);
                    return output[1] + net.TrainStep(input, output) + net.Evaluate(input, output);
                }
            }
            """);
    }
}
