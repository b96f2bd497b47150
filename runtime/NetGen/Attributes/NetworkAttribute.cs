using System;

namespace NetGen;

/// <summary>
/// Declares a trainable network on a <c>partial class</c>. The layers are the layer attributes
/// (<see cref="DenseAttribute"/>, <see cref="DropoutAttribute"/>) that follow, in source order.
/// The source generator adds the network's members to the class: constants, a constructor,
/// <c>Predict</c>, <c>TrainStep</c>, <c>ComputeGradients</c>, <c>Evaluate</c>, parameter
/// import and export, and checkpoints.
/// </summary>
/// <example>
/// <code>
/// [Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
/// [Dense(128, Activation.ReLU)]
/// [Dropout(0.2f)]
/// [Dense(10, Activation.Softmax)]
/// public partial class MnistNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network whose rows have <paramref name="inputSize"/> features.</summary>
    /// <param name="inputSize">The number of input features per row; at least 1.</param>
    public NetworkAttribute(int inputSize) => InputSize = inputSize;

    /// <summary>The number of input features per row.</summary>
    public int InputSize { get; }

    /// <summary>The loss to minimise. Default <see cref="NetGen.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>The update rule. Default <see cref="NetGen.Optimizer.Sgd"/>.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Sgd;

    /// <summary>The initial learning rate. Default 0.01.</summary>
    public float LearningRate { get; set; } = 0.01f;

    /// <summary>The largest number of rows one training step takes; a compile-time constant of
    /// the generated code. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Momentum factor of <see cref="Optimizer.Momentum"/> and <see cref="Optimizer.Nesterov"/>. Default 0.9.</summary>
    public float Momentum { get; set; } = 0.9f;

    /// <summary>Dampening of the momentum buffer. Default 0.</summary>
    public float Dampening { get; set; }

    /// <summary>Adam's first-moment decay. Default 0.9.</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Adam's second-moment decay. Default 0.999.</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>The term added to denominators (Adam, AdamW, AdaGrad, RMSProp). Default 1e-8.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>RMSProp's decay of the squared-gradient average. Default 0.99.</summary>
    public float Rho { get; set; } = 0.99f;

    /// <summary>L1 penalty on weights: adds <c>L1 * sign(w)</c> to their gradient. Default 0.</summary>
    public float L1 { get; set; }

    /// <summary>L2 penalty on weights: adds <c>L2 * w</c> to their gradient. Default 0.</summary>
    public float L2 { get; set; }

    /// <summary>Decoupled weight decay of <see cref="Optimizer.AdamW"/>: <c>p -= lr * wd * p</c> on weights. Default 0.</summary>
    public float WeightDecay { get; set; }

    /// <summary>When positive, the whole data-loss gradient is rescaled to this L2 norm if it is larger. Default 0 (off).</summary>
    public float ClipNorm { get; set; }
}
