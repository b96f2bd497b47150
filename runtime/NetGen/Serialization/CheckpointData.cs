namespace NetGen.Serialization;

/// <summary>The verified contents of a checkpoint, in canonical parameter order.</summary>
public sealed class CheckpointData
{
    internal CheckpointData(Hyperparameters hyperparameters, long step, uint[] randomState, float[] parameters, float[] optimizerState)
    {
        Hyperparameters = hyperparameters;
        Step = step;
        RandomState = randomState;
        Parameters = parameters;
        OptimizerState = optimizerState;
    }

    /// <summary>The hyperparameters at the time of saving.</summary>
    public Hyperparameters Hyperparameters { get; }

    /// <summary>The number of optimizer updates taken.</summary>
    public long Step { get; }

    /// <summary>The state of the dropout generator (<see cref="DeterministicRandom.StateWords"/> words).</summary>
    public uint[] RandomState { get; }

    /// <summary>The parameters in the order of <see cref="INetwork.ExportParameters"/>.</summary>
    public float[] Parameters { get; }

    /// <summary>The optimizer's state tensors one after the other, each in parameter order.</summary>
    public float[] OptimizerState { get; }

    /// <summary>The network's state (BatchNorm's running statistics) in the order of <see cref="INetwork.ExportState"/>; empty without state.</summary>
    public float[] State { get; init; } = [];

    /// <summary>The training calls the state took in (PyTorch's <c>num_batches_tracked</c>).</summary>
    public long BatchesTracked { get; init; }
}
