namespace NetGen.Training;

/// <summary>How many rows one optimizer update of the fit loop covers.</summary>
public enum GradientDescentMode
{
    /// <summary>Mini-batch: <see cref="FitOptions.BatchSize"/> rows per update (the network's BatchSize by default; a larger batch accumulates gradients over chunks).</summary>
    MiniBatch = 0,

    /// <summary>Stochastic: one row per update.</summary>
    Stochastic = 1,

    /// <summary>Full-batch: one update per epoch from the gradient of the mean loss over every training row, accumulated over chunks of the network's BatchSize.</summary>
    FullBatch = 2,
}
