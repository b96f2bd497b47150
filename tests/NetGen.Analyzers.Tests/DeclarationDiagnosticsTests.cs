using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>Every declaration error, at the declaration, attribute or argument that causes it, with the numbers involved.</summary>
public class DeclarationDiagnosticsTests
{
    [Fact]
    public void NG0001_class_that_is_not_partial_is_reported_at_its_name()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public sealed class Net { }
            """,
            [Error("NG0001", 5, 21, "Net", "'Net' must be declared partial so that NetGen can add the network's members")]);
    }

    [Fact]
    public void NG0002_record_is_reported_at_its_name()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial record Net { }
            """,
            [Error("NG0002", 5, 23, "Net", "'Net' is a record; [Network] needs a partial class that is neither abstract nor static, and not a record")]);
    }

    [Fact]
    public void NG0002_static_class_is_reported_at_its_name()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public static partial class Net { }
            """,
            [Error("NG0002", 5, 29, "Net", "'Net' is a static class; [Network] needs a partial class that is neither abstract nor static, and not a record")]);
    }

    [Fact]
    public void NG0002_struct_is_reported_next_to_the_compilers_attribute_target_error()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial struct Net { }
            """,
            [Error("NG0002", 5, 23, "Net", "'Net' is a struct; [Network] needs a partial class that is neither abstract nor static, and not a record")],
            "CS0592");
    }

    [Fact]
    public void NG0003_generic_class_is_reported_at_its_name()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial class Net<T> { }
            """,
            [Error("NG0003", 5, 22, "Net", "'Net' has type parameters; a network's sizes are fixed, so it and the types around it cannot be generic")]);
    }

    [Fact]
    public void NG0004_containing_type_that_is_not_partial_is_reported_at_its_name()
    {
        Diagnostics("""
            using NetGen;

            public class Outer
            {
                [Network(4)]
                [Dense(2)]
                public partial class Net { }
            }
            """,
            [Error("NG0004", 3, 14, "Outer", "'Outer' contains the network 'Net' and must be declared partial too, so that NetGen can add the network's members")]);
    }

    [Fact]
    public void NG0010_input_size_of_zero_is_reported_at_the_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(0)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0010", 3, 10, "0", "[Network] declares the input shape (0); every axis must be at least 1")]);
    }

    [Fact]
    public void NG0011_dense_layer_without_units_is_reported_at_the_units()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(0)]
            public partial class Net { }
            """,
            [Error("NG0011", 5, 8, "0", "Dense layer 2 on (8) has 0 units; a layer needs at least 1")]);
    }

    [Fact]
    public void NG0012_negative_batch_size_is_reported_at_the_named_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, BatchSize = -1)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0012", 3, 13, "BatchSize = -1", "BatchSize is -1; it must be at least 1")]);
    }

    [Fact]
    public void NG0013_dropout_rate_of_one_is_reported_at_the_rate()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(8, Activation.ReLU)]
            [Dropout(1f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0013", 5, 10, "1f", "Dropout layer 2 has rate 1; the rate must be at least 0 and less than 1")]);
    }

    [Fact]
    public void NG0013_negative_dropout_rate_is_reported_at_the_rate()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dropout(-0.5f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0013", 4, 10, "-0.5f", "Dropout layer 1 has rate -0.5; the rate must be at least 0 and less than 1")]);
    }

    [Fact]
    public void NG0014_network_without_layers_is_reported_at_the_network_attribute()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            public partial class Net { }
            """,
            [Error("NG0014", 3, 2, "Network(4)", "'Net' declares no layer with parameters; add at least one [Dense(units, activation)] after [Network]")]);
    }

    [Fact]
    public void NG0015_network_too_large_for_one_array_is_reported_at_the_network_attribute()
    {
        Diagnostics("""
            using NetGen;

            [Network(100000, BatchSize = 100000)]
            [Dense(100000)]
            public partial class Net { }
            """,
            [Error("NG0015", 3, 2, "Network(100000, BatchSize = 100000)", "'Net' has 10,000,100,000 parameters; with their gradients, the optimizer state and buffers for BatchSize = 100000 rows it needs more than 2,147,483,575 floats, the most one array can hold")]);
    }

    [Fact]
    public void NG0015_largest_int_sizes_are_reported_without_overflow()
    {
        Diagnostics("""
            using NetGen;

            [Network(int.MaxValue, BatchSize = int.MaxValue)]
            [Dense(int.MaxValue)]
            public partial class Net { }
            """,
            [Error("NG0015", 3, 2, "Network(int.MaxValue, BatchSize = int.MaxValue)", "'Net' has 4,611,686,016,279,904,256 parameters; with their gradients, the optimizer state and buffers for BatchSize = 2147483647 rows it needs more than 2,147,483,575 floats, the most one array can hold")]);
    }

    [Fact]
    public void NG0016_cast_of_an_undefined_activation_is_reported_at_the_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2, (Activation)42)]
            public partial class Net { }
            """,
            [Error("NG0016", 4, 11, "(Activation)42", "42 is not a defined Activation value")]);
    }

    [Fact]
    public void NG0016_cast_of_an_undefined_loss_is_reported_at_the_named_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = (Loss)(-1))]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0016", 3, 13, "Loss = (Loss)(-1)", "-1 is not a defined Loss value")]);
    }

    [Fact]
    public void NG0017_NaN_learning_rate_is_reported_at_the_named_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, LearningRate = float.NaN)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0017", 3, 13, "LearningRate = float.NaN", "LearningRate is NaN; it must be finite and in [0, 1000000]")]);
    }

    [Fact]
    public void NG0017_momentum_and_betas_outside_the_unit_interval_are_each_reported()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Adam, Momentum = 1f, Beta1 = -0.1f, Beta2 = 1.5f, LearningRate = -0.01f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [
                Error("NG0017", 3, 41, "Momentum = 1f", "Momentum is 1; it must be in [0, 1)"),
                Error("NG0017", 3, 56, "Beta1 = -0.1f", "Beta1 is -0.1; it must be in [0, 1)"),
                Error("NG0017", 3, 71, "Beta2 = 1.5f", "Beta2 is 1.5; it must be in [0, 1)"),
                Error("NG0017", 3, 85, "LearningRate = -0.01f", "LearningRate is -0.01; it must be finite and in [0, 1000000]"),
            ]);
    }

    [Fact]
    public void NG0020_binary_cross_entropy_without_sigmoid_is_reported_at_the_activation()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(8, Activation.Tanh)]
            [Dense(1, Activation.ReLU)]
            public partial class Net { }
            """,
            [Error("NG0020", 5, 11, "Activation.ReLU", "Loss.BinaryCrossEntropy needs the last layer to use Activation.Sigmoid (outputs are probabilities) or Activation.None (outputs are logits); layer 2 is Dense(1, ReLU)")]);
    }

    [Fact]
    public void NG0021_categorical_cross_entropy_with_another_activation_is_reported_at_the_activation()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, Activation.ReLU)]
            public partial class Net { }
            """,
            [Error("NG0021", 4, 11, "Activation.ReLU", "Loss.CategoricalCrossEntropy needs the last layer to use Activation.Softmax (outputs are probabilities) or Activation.None (outputs are logits); layer 1 is Dense(3, ReLU)")]);
    }

    [Fact]
    public void NG0021_applies_to_sparse_categorical_cross_entropy()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }
            """,
            [Error("NG0021", 5, 11, "Activation.Sigmoid", "Loss.SparseCategoricalCrossEntropy needs the last layer to use Activation.Softmax (outputs are probabilities) or Activation.None (outputs are logits); layer 2 is Dense(3, Sigmoid)")]);
    }

    [Fact]
    public void NG0022_categorical_cross_entropy_with_one_unit_is_reported_at_the_units()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(1, Activation.Softmax)]
            public partial class Net { }
            """,
            [Error("NG0022", 4, 8, "1", "Loss.CategoricalCrossEntropy needs at least 2 classes on the output's last axis; layer 1 gives (1): for one yes/no output use Loss.BinaryCrossEntropy with Activation.Sigmoid")]);
    }

    [Fact]
    public void NG0022_is_reported_alone_for_a_one_unit_sigmoid_output_since_its_advice_settles_the_activation()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """,
            [Error("NG0022", 4, 8, "1", "Loss.CategoricalCrossEntropy needs at least 2 classes on the output's last axis; layer 1 gives (1): for one yes/no output use Loss.BinaryCrossEntropy with Activation.Sigmoid")]);
    }

    [Fact]
    public void NG0022_applies_to_sparse_categorical_cross_entropy_with_logits()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0022", 4, 8, "1", "Loss.SparseCategoricalCrossEntropy needs at least 2 classes on the output's last axis; layer 1 gives (1): for one yes/no output use Loss.BinaryCrossEntropy with Activation.Sigmoid")]);
    }

    [Fact]
    public void NG0023_dropout_after_the_last_dense_layer_is_reported_at_the_dropout()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            [Dropout(0.5f)]
            public partial class Net { }
            """,
            [Error("NG0023", 5, 2, "Dropout(0.5f)", "Dropout layer 2 comes after the last layer with parameters, where it would only add noise to the outputs; move it before that layer")]);
    }

    [Fact]
    public void NG0030_layer_on_a_class_without_network_is_reported_at_the_layer()
    {
        Diagnostics("""
            using NetGen;

            [Dense(2)]
            public partial class Net { }
            """,
            [Error("NG0030", 3, 2, "Dense(2)", "'Net' has layer attributes but no [Network] attribute, so no network is generated")]);
    }

    [Fact]
    public void NG0031_layers_on_another_partial_declaration_are_reported_at_the_first_of_them()
    {
        Diagnostics(
            [
                """
                using NetGen;

                [Network(4)]
                [Dense(8, Activation.ReLU)]
                public partial class Net { }
                """,
                """
                using NetGen;

                [Dense(2)]
                public partial class Net { }
                """,
            ],
            [Error("NG0031", 3, 2, "Dense(2)", "Layers of 'Net' are declared on another partial declaration than [Network]; put all layer attributes on the declaration with [Network] so that their order is defined")]);
    }

    [Fact]
    public void NG0080_residual_across_shapes_that_differ_is_reported_at_the_attribute_with_both_shapes()
    {
        Diagnostics("""
            using NetGen;

            [Network(8)]
            [Dense(16, Activation.ReLU)]
            [Dense(4)]
            [Residual(2)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0080", 6, 2, "Residual(2)", "Layer 3, Residual, adds the tensor that entered layer 1, of shape (8), to the output of layer 2, of shape (4); the block between them must give the shape it receives")]);
    }

    [Fact]
    public void NG0081_residual_that_reaches_before_the_input_is_reported_at_its_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(8)]
            [Dense(8, Activation.ReLU)]
            [Residual(2)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0081", 5, 11, "2", "Layer 2, Residual(2), on (8): the layers it reaches back must be at least 1 and at most the 1 layers before it")]);
    }

    [Fact]
    public void NG0081_residual_of_zero_layers_is_reported_at_its_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(8)]
            [Dense(8, Activation.ReLU)]
            [Residual(0)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0081", 5, 11, "0", "Layer 2, Residual(0), on (8): the layers it reaches back must be at least 1 and at most the 1 layers before it")]);
    }

    [Fact]
    public void NG0082_LayerNorm_of_one_channel_is_reported_at_the_attribute()
    {
        Diagnostics("""
            using NetGen;

            [Network(3, 1)]
            [LayerNorm]
            [Flatten]
            [Dense(1)]
            public partial class Net { }
            """,
            [Error("NG0082", 4, 2, "LayerNorm", "Layer 1, LayerNorm, receives (3, 1): each position has one channel, which normalises to 0, so the output would be the bias whatever the input; normalise a last axis of at least 2 channels, or use BatchNorm")]);
    }

    [Fact]
    public void NG0084_momentum_and_epsilon_out_of_range_are_reported_at_their_arguments()
    {
        Diagnostics("""
            using NetGen;

            [Network(8)]
            [Dense(4)]
            [BatchNorm(Activation.ReLU, Momentum = 1.5f)]
            [LayerNorm(Epsilon = 0f)]
            [Dense(1)]
            public partial class Net { }
            """,
            [
                Error("NG0084", 5, 29, "Momentum = 1.5f", "Layer 2, BatchNorm, has Momentum = 1.5; it must be in [0, 1]"),
                Error("NG0084", 6, 12, "Epsilon = 0f", "Layer 3, LayerNorm, has Epsilon = 0; it must be positive and finite"),
            ]);
    }
}
