namespace NetGen.Generator.Benchmarks;

/// <summary>The networks measured.</summary>
public enum Network
{
    /// <summary>784 inputs, Dense(128, ReLU), Dropout(0.2), Dense(10, Softmax): the contract's example.</summary>
    Mnist784x128x10,

    /// <summary>Ten Dense layers of 256 to 10 units.</summary>
    TenLayers,

    /// <summary>LeNet-5: two convolutions with max pools, Flatten and three Dense layers.</summary>
    LeNet5,
}

/// <summary>The source of each network and of an unrelated file.</summary>
internal static class Declarations
{
    public const string Unrelated = """
        namespace App;

        public static class Settings
        {
            public static int Version()
            {
                return 1;
            }
        }
        """;

    public static string Of(Network network) => network switch
    {
        Network.Mnist784x128x10 => """
            using NetGen;

            namespace App;

            [Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam,
                     LearningRate = 1e-3f, BatchSize = 32)]
            [Dense(128, Activation.ReLU)]
            [Dropout(0.2f)]
            [Dense(10, Activation.Softmax)]
            public partial class MnistNet { }
            """,
        Network.LeNet5 => """
            using NetGen;

            namespace App;

            [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam,
                     LearningRate = 1e-3f, BatchSize = 32)]
            [Conv2D(6, 5, Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 5, Activation.ReLU)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(120, Activation.ReLU)]
            [Dense(84, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class LeNet5 { }
            """,
        _ => """
            using NetGen;

            namespace App;

            [Network(256, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, BatchSize = 64)]
            [Dense(256, Activation.ReLU)]
            [Dense(256, Activation.ReLU)]
            [Dense(128, Activation.ReLU)]
            [Dense(128, Activation.GELU)]
            [Dense(64, Activation.ReLU)]
            [Dense(64, Activation.Tanh)]
            [Dense(32, Activation.ReLU)]
            [Dense(32, Activation.ELU)]
            [Dense(16, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class DeepNet { }
            """,
    };
}
