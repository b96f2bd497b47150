namespace NetGen.Generator.Tests.Support;

/// <summary>The declarations whose generated source is kept as snapshots.</summary>
internal static class Declarations
{
    /// <summary>784 -> 128 ReLU -> 10 Softmax: large layers, emitted as register-blocked loops.</summary>
    public const string Mnist = """
        using NetGen;

        namespace Samples;

        [Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 32)]
        [Dense(128, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class MnistNet
        {
        }
        """;

    /// <summary>2 -> 8 Tanh -> 1 Sigmoid in the global namespace: small enough to be unrolled completely.</summary>
    public const string Xor = """
        using NetGen;

        [Network(2, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.05f, BatchSize = 4)]
        [Dense(8, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class XorNet
        {
        }
        """;

    /// <summary>
    /// Dropout, GELU and a narrowing (output-major) layer, in a sealed internal class nested in a
    /// partial class in a namespace, with non-default hyperparameters.
    /// </summary>
    public const string Nested = """
        using NetGen;

        namespace Company.Models
        {
            public static partial class Registry
            {
                [Network(64, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.AdamW, LearningRate = 3e-4f,
                         WeightDecay = 0.01f, ClipNorm = 1f, BatchSize = 16)]
                [Dropout(0.1f)]
                [Dense(48, Activation.GELU)]
                [Dropout(0.25f)]
                [Dense(5, Activation.Sigmoid)]
                internal sealed partial class Tagger
                {
                }
            }
        }
        """;

    /// <summary>A streaming GRU: (8, 2) -> GRU(3) -> Dense(1), the recurrent kernels, the backward pass through time and the step.</summary>
    public const string Gru = """
        using NetGen;

        [Network(8, 2, Optimizer = Optimizer.Adam, BatchSize = 4)]
        [GRU(3)]
        [Dense(1)]
        public partial class GruNet
        {
        }
        """;

    /// <summary>An image through a Same convolution and a BatchNorm it folds into for inference, pooled, to a softmax: the staged
    /// training passes and the folded inference kernel.</summary>
    public const string ConvBatchNorm = """
        using NetGen;

        namespace Samples;

        [Network(8, 8, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 4)]
        [Conv2D(4, 3, Padding = Padding.Same)]
        [BatchNorm(Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(3, Activation.Softmax)]
        public partial class ConvBatchNormNet
        {
        }
        """;

    /// <summary>A layer that narrows after a trainable one (output-major weights) with 20 outputs: the copy of its weights that one-row
    /// inference calls read, a whole tile of it and the outputs after it on every path.</summary>
    public const string Narrowing = """
        using NetGen;

        namespace Samples;

        [Network(24, Optimizer = Optimizer.Adam, BatchSize = 4)]
        [Dense(40, Activation.Tanh)]
        [Dense(20, Activation.ReLU)]
        [Dense(2)]
        public partial class NarrowingNet
        {
        }
        """;

    /// <summary>An LSTM whose W_hh (34.6 KB) is above the 32 KB at which a streamed step goes by blocks of a vector of units: the
    /// step over W_hh itself, the step over its block-major copy in either order of the blocks, and the copy.</summary>
    public const string BlockLstm = """
        using NetGen;

        namespace Samples;

        [Network(8, 2, Optimizer = Optimizer.Adam, BatchSize = 4)]
        [LSTM(45)]
        [Dense(1)]
        public partial class BlockLstmNet
        {
        }
        """;
}
