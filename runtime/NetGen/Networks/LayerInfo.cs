namespace NetGen;

/// <summary>The kind of a layer.</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer (<see cref="DenseAttribute"/>).</summary>
    Dense = 0,

    /// <summary>Inverted dropout (<see cref="DropoutAttribute"/>).</summary>
    Dropout = 1,
}

/// <summary>One layer of a <see cref="NetworkArchitecture"/>.</summary>
/// <param name="Kind">What the layer is.</param>
/// <param name="InputSize">Its number of inputs per row.</param>
/// <param name="OutputSize">Its number of outputs per row.</param>
/// <param name="Activation">The activation of a Dense layer (<see cref="Activation.None"/> for others).</param>
/// <param name="DropoutRate">The rate of a Dropout layer (0 for others).</param>
/// <param name="ParameterOffset">Where its weight starts in the canonical parameter order (its bias follows the weight).</param>
public sealed record LayerInfo(LayerKind Kind, int InputSize, int OutputSize, Activation Activation, float DropoutRate, int ParameterOffset)
{
    /// <summary>The number of weights: <c>OutputSize * InputSize</c> for Dense, 0 otherwise.</summary>
    /// <exception cref="System.OverflowException">The product does not fit an <see cref="int"/> (a <see cref="NetworkArchitecture"/> never holds such a layer).</exception>
    public int WeightCount => Kind == LayerKind.Dense ? checked(OutputSize * InputSize) : 0;

    /// <summary>The number of biases: <c>OutputSize</c> for Dense, 0 otherwise.</summary>
    public int BiasCount => Kind == LayerKind.Dense ? OutputSize : 0;

    /// <summary>Where the bias starts in the canonical parameter order.</summary>
    public int BiasOffset => checked(ParameterOffset + WeightCount);

    /// <summary>The number of parameters of the layer.</summary>
    public int ParameterCount => checked(WeightCount + BiasCount);
}
