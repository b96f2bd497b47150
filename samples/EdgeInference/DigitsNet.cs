using NetGen;

namespace EdgeInference;

/// <summary>8x8 handwritten digits (64 pixel counts in 0..16, divided by 16) to 10 class probabilities.</summary>
[Network(64, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.005f, BatchSize = 32)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class DigitsNet
{
    /// <summary>Pixel counts are 0..16; the network sees them divided by this.</summary>
    public const float PixelScale = 16f;
}
