using NetGen;

namespace NetGen.Deployment.SaveWorker;

/// <summary>
/// Large enough (about 200,000 parameters with Adam's two state tensors, a 2.4 MB checkpoint) that
/// a save takes long enough for a kill to land in the middle of one.
/// </summary>
[Network(256, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Dense(512, Activation.ReLU)]
[Dense(128, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public sealed partial class KillTestNet
{
    /// <summary>The seeds of the two states the worker alternates between.</summary>
    public static readonly int[] Seeds = [11, 22];
}
