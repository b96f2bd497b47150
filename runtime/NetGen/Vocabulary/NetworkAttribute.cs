using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// Declares a trainable network on a <c>partial class</c>. The layers are the layer attributes
/// (<see cref="DenseAttribute"/>, <see cref="DropoutAttribute"/>, <see cref="FlattenAttribute"/>) that
/// follow, in source order. The source generator adds the network's members to the class: constants,
/// a constructor, <c>Predict</c>, <c>TrainStep</c>, <c>ComputeGradients</c>, <c>Evaluate</c>,
/// <c>Forward</c>/<c>Backward</c> for a loss the caller computes, parameter import and export, and
/// checkpoints.
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
    private float _learningRate = float.NaN;

    /// <summary>Declares a network whose rows are flat vectors of <paramref name="inputSize"/> features.</summary>
    /// <param name="inputSize">The number of input features per row; at least 1.</param>
    public NetworkAttribute(int inputSize)
        : this(new[] { inputSize })
    {
    }

    /// <summary>
    /// Declares a network whose rows have the shape <paramref name="inputShape"/>, channels last as
    /// Keras writes it: <c>[Network(28, 28, 1)]</c> is an image of height 28, width 28 and one
    /// channel, <c>[Network(128, 3)]</c> a sequence of 128 steps of 3 features. A row holds the
    /// values in row-major order of that shape.
    /// </summary>
    /// <param name="inputShape">The sizes of the axes; each at least 1.</param>
    public NetworkAttribute(params int[] inputShape)
    {
        InputShape = inputShape ?? Array.Empty<int>();
        int size = 1;
        foreach (int axis in InputShape)
        {
            size = unchecked(size * axis);
        }

        InputSize = size;
    }

    /// <summary>The shape of one input row.</summary>
    public int[] InputShape { get; }

    /// <summary>The number of input values per row: the product of <see cref="InputShape"/>.</summary>
    public int InputSize { get; }

    /// <summary>The loss to minimise. Default <see cref="NetGen.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>The update rule. Default <see cref="NetGen.Optimizer.Sgd"/>.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Sgd;

    /// <summary>The initial learning rate. Default as PyTorch's: 0.001 for <see cref="NetGen.Optimizer.Adam"/> and
    /// <see cref="NetGen.Optimizer.AdamW"/>, 0.01 for the other optimizers.</summary>
    public float LearningRate
    {
        get => float.IsNaN(_learningRate) ? HyperparameterDefinitions.LearningRate.DefaultFor(Optimizer) : _learningRate;
        set => _learningRate = value;
    }

    /// <summary>The largest number of rows one training step takes; a compile-time constant of
    /// the generated code. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Momentum factor of <see cref="Optimizer.Momentum"/> and <see cref="Optimizer.Nesterov"/>. Default 0.9.</summary>
    public float Momentum { get; set; } = HyperparameterDefinitions.Momentum.Default;

    /// <summary>Dampening of the momentum buffer. Default 0.</summary>
    public float Dampening { get; set; } = HyperparameterDefinitions.Dampening.Default;

    /// <summary>Adam's first-moment decay. Default 0.9.</summary>
    public float Beta1 { get; set; } = HyperparameterDefinitions.Beta1.Default;

    /// <summary>Adam's second-moment decay. Default 0.999.</summary>
    public float Beta2 { get; set; } = HyperparameterDefinitions.Beta2.Default;

    /// <summary>The term added to denominators (Adam, AdamW, AdaGrad, RMSProp). Default 1e-8.</summary>
    public float Epsilon { get; set; } = HyperparameterDefinitions.Epsilon.Default;

    /// <summary>RMSProp's decay of the squared-gradient average. Default 0.99.</summary>
    public float Rho { get; set; } = HyperparameterDefinitions.Rho.Default;

    /// <summary>L1 penalty on weights: adds <c>L1 * sign(w)</c> to their gradient. Default 0.</summary>
    public float L1 { get; set; }

    /// <summary>L2 penalty on weights: adds <c>L2 * w</c> to their gradient. Default 0.</summary>
    public float L2 { get; set; }

    /// <summary>Decoupled weight decay of <see cref="Optimizer.AdamW"/>: <c>p -= lr * wd * p</c> on weights. Default 0.</summary>
    public float WeightDecay { get; set; }

    /// <summary>When positive, the whole data-loss gradient is rescaled to this L2 norm if it is larger. Default 0 (off).</summary>
    public float ClipNorm { get; set; }
}
