using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>Warnings for likely mistakes in declarations that still generate, and the cases they leave alone.</summary>
public class WarningTests
{
    [Fact]
    public void NG0050_dense_layer_without_activation_before_another_dense_layer_is_reported_at_the_layer()
    {
        BuildResult result = Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(8)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0050", 4, 2, "Dense(8)", "Dense layer 1 has no activation, so it and Dense layer 2 compose to a single linear map; give layer 1 an activation such as Activation.ReLU")]);
        Assert.NotEmpty(result.GeneratedFiles);
    }

    [Fact]
    public void NG0050_dropout_between_linear_layers_does_not_hide_the_collapse()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(8, Activation.None)]
            [Dropout(0.5f)]
            [Dense(2, Activation.Sigmoid)]
            public partial class Net { }
            """,
            [Warning("NG0050", 4, 11, "Activation.None", "Dense layer 1 has no activation, so it and Dense layer 3 compose to a single linear map; give layer 1 an activation such as Activation.ReLU")]);
    }

    [Fact]
    public void NG0051_softmax_on_a_hidden_layer_is_reported_at_its_activation()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(8, Activation.Softmax)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0051", 4, 11, "Activation.Softmax", "Dense layer 1 is a hidden layer with Activation.Softmax, which squeezes its outputs into one probability distribution; softmax belongs on the output layer")]);
    }

    [Fact]
    public void NG0052_learning_rate_above_usual_for_adam_is_reported_at_the_named_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Adam, LearningRate = 0.5f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0052", 3, 41, "LearningRate = 0.5f", "LearningRate is 0.5, unusually large for Optimizer.Adam, which is rarely used above 0.1; training is likely to diverge")]);
    }

    [Fact]
    public void NG0052_learning_rate_above_usual_for_sgd_is_reported_at_the_named_argument()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, LearningRate = 5f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0052", 3, 13, "LearningRate = 5f", "LearningRate is 5, unusually large for Optimizer.Sgd, which is rarely used above 1; training is likely to diverge")]);
    }

    [Fact]
    public void Usual_learning_rates_linear_output_layers_and_dropout_before_the_output_are_not_reported()
    {
        Clean("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Adam, LearningRate = 0.1f)]
            [Dense(8, Activation.ReLU)]
            [Dropout(0.5f)]
            [Dense(2)]
            public partial class AdamNet { }

            [Network(4, Optimizer = Optimizer.Momentum, LearningRate = 1f)]
            [Dense(2, Activation.Softmax)]
            public partial class MomentumNet { }
            """);
    }

    [Fact]
    public void NG0053_dense_layer_on_an_image_before_a_classification_is_reported_at_the_layer()
    {
        BuildResult result = Diagnostics("""
            using NetGen;

            [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(10, Activation.Softmax)]
            public partial class Net { }
            """,
            [Warning("NG0053", 4, 2, "Dense(10, Activation.Softmax)", "Layer 1, Dense(10, Softmax), receives (28, 28, 1) and applies to its last axis at each position, giving (28, 28, 10); put [Flatten] before it to see each row as one vector of 784")]);
        Assert.NotEmpty(result.GeneratedFiles);
    }

    [Fact]
    public void NG0053_dense_layer_on_one_channel_is_reported_even_with_a_regression_loss()
    {
        Diagnostics("""
            using NetGen;

            [Network(16, 1)]
            [Dense(4, Activation.ReLU)]
            [Flatten]
            [Dense(1)]
            public partial class Net { }
            """,
            [Warning("NG0053", 4, 2, "Dense(4, Activation.ReLU)", "Layer 1, Dense(4, ReLU), receives (16, 1) and applies to its last axis at each position, giving (16, 4); put [Flatten] before it to see each row as one vector of 16")]);
    }

    [Fact]
    public void NG0053_dense_layer_on_feature_maps_is_reported_through_a_normalisation_and_a_residual()
    {
        Diagnostics("""
            using NetGen;

            [Network(12, 3)]
            [Conv1D(4, 3)]
            [BatchNorm(Activation.ReLU)]
            [LayerNorm]
            [Residual(2)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0053", 8, 2, "Dense(2)", "Layer 5, Dense(2, None), receives (10, 4) and applies to its last axis at each position, giving (10, 2); put [Flatten] before it to see each row as one vector of 40")]);
    }

    [Fact]
    public void A_dense_layer_per_step_after_a_causal_convolution_is_not_reported()
    {
        Clean("""
            using NetGen;

            [Network(16, 2)]
            [Conv1D(8, 3, Activation.ReLU, Padding = Padding.Causal)]
            [LayerNorm]
            [Dense(1)]
            public partial class StreamedNet { }
            """);
    }

    [Fact]
    public void NG0054_flatten_of_a_flat_row_is_reported_at_the_flatten()
    {
        Diagnostics("""
            using NetGen;

            [Network(784)]
            [Flatten]
            [Dense(10)]
            public partial class Net { }
            """,
            [Warning("NG0054", 4, 2, "Flatten", "Layer 1, Flatten, receives the flat row (784) and does nothing; remove it")]);
    }

    [Fact]
    public void A_dense_layer_per_step_of_a_sequence_and_a_flatten_before_the_classifier_are_not_reported()
    {
        Clean("""
            using NetGen;

            [Network(128, 3)]
            [Dense(16, Activation.ReLU)]
            [Dense(8, Activation.Tanh)]
            public partial class PerStepNet { }

            [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy)]
            [Flatten]
            [Dense(10, Activation.Softmax)]
            public partial class ImageNet { }

            [Network(8, 4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(16, Activation.ReLU)]
            [Flatten]
            [Dense(3, Activation.Softmax)]
            public partial class SequenceClassifier { }
            """);
    }

    [Fact]
    public void NG0055_momentum_on_plain_sgd_is_reported_at_the_argument()
    {
        BuildResult result = Diagnostics("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [Warning("NG0055", 3, 62, "Momentum = 0.9f", "Momentum = 0.9 has no effect: Optimizer.Sgd does not use it; Optimizer.Momentum or Optimizer.Nesterov does")]);
        Assert.NotEmpty(result.GeneratedFiles);
    }

    [Fact]
    public void NG0055_each_setting_the_optimizer_ignores_is_reported_with_the_optimizers_that_use_it()
    {
        Diagnostics("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Momentum, Beta1 = 0.8f, Rho = 0.9f, WeightDecay = 0.01f, Epsilon = 1e-6f)]
            [Dense(2)]
            public partial class Net { }
            """,
            [
                Warning("NG0055", 3, 45, "Beta1 = 0.8f", "Beta1 = 0.8 has no effect: Optimizer.Momentum does not use it; Optimizer.Adam or Optimizer.AdamW does"),
                Warning("NG0055", 3, 59, "Rho = 0.9f", "Rho = 0.9 has no effect: Optimizer.Momentum does not use it; Optimizer.RMSProp does"),
                Warning("NG0055", 3, 71, "WeightDecay = 0.01f", "WeightDecay = 0.01 has no effect: Optimizer.Momentum does not use it; Optimizer.AdamW does"),
                Warning("NG0055", 3, 92, "Epsilon = 1e-6f", "Epsilon = 1E-06 has no effect: Optimizer.Momentum does not use it; Optimizer.Adam, Optimizer.AdamW, Optimizer.AdaGrad or Optimizer.RMSProp does"),
            ]);
    }

    [Fact]
    public void NG0055_settings_the_optimizer_uses_and_values_that_switch_a_term_off_are_not_reported()
    {
        Clean("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Momentum, Momentum = 0.9f, Dampening = 0.1f)]
            [Dense(2)]
            public partial class MomentumNet { }

            [Network(4, Optimizer = Optimizer.AdamW, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-7f, WeightDecay = 0.01f)]
            [Dense(2)]
            public partial class AdamWNet { }

            [Network(4, Optimizer = Optimizer.RMSProp, Rho = 0.9f)]
            [Dense(2)]
            public partial class RmsNet { }

            [Network(4, Optimizer = Optimizer.Sgd, Momentum = 0f, WeightDecay = 0f, L2 = 1e-4f)]
            [Dense(2)]
            public partial class SgdNet { }
            """);
    }

    [Fact]
    public void NG0056_a_size_read_through_an_instance_says_what_to_write_next_to_CS0176()
    {
        Diagnostics("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial class Net
            {
                public static int Count(Net net) => net.ParameterCount;
            }
            """,
            [Warning("NG0056", 7, 41, "net.ParameterCount", "ParameterCount belongs to the type Net, which C# does not read through an instance (CS0176): write Net.ParameterCount, or read it through the INetwork interface (((INetwork)net).ParameterCount) where the type is not known")],
            "CS0176");
    }

    [Fact]
    public void NG0056_is_not_reported_through_the_type_or_the_interface()
    {
        Clean("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial class Net
            {
                public static int Count(Net net) => Net.ParameterCount + ((INetwork)net).ParameterCount + Net.TargetSize;
            }
            """);
    }

    [Fact]
    public void NG0083_BatchNorm_on_batches_of_one_row_is_reported_at_the_layer_and_still_generates()
    {
        BuildResult result = Diagnostics("""
            using NetGen;

            [Network(8, BatchSize = 1)]
            [Dense(4)]
            [BatchNorm(Activation.ReLU)]
            [Dense(1)]
            public partial class Net { }
            """,
            [Warning("NG0083", 5, 2, "BatchNorm(Activation.ReLU)", "Layer 2, BatchNorm, on (4) normalises each channel with the statistics of a training call's rows, but BatchSize is 1: one row has a variance of 0, so training calls will be refused; use a larger BatchSize, or LayerNorm")]);
        Assert.NotEmpty(result.GeneratedFiles);
    }

    [Fact]
    public void NG0083_is_not_reported_for_a_BatchNorm_over_positions()
    {
        Clean("""
            using NetGen;

            [Network(6, 3, BatchSize = 1)]
            [BatchNorm]
            [Dense(4, Activation.ReLU)]
            [Flatten]
            [Dense(1)]
            public partial class Net { }
            """);
    }
}
