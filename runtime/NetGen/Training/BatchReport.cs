namespace NetGen.Training;

/// <summary>What one update of <see cref="Trainer.Fit"/> gave, passed to <see cref="ITrainingCallback.OnBatchEnd"/> without allocating.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Batch">The batch within the epoch, from 0.</param>
/// <param name="BatchCount">The batches per epoch.</param>
/// <param name="Step">The network's optimizer step count after the update.</param>
/// <param name="Rows">The rows of the batch.</param>
/// <param name="Loss">The batch's mean loss before the update.</param>
public readonly record struct BatchReport(int Epoch, int Batch, int BatchCount, long Step, int Rows, float Loss);
