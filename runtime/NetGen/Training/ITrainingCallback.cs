namespace NetGen.Training;

/// <summary>Code run by <see cref="Trainer.Fit"/> after every update and every epoch. Both methods do nothing unless implemented.</summary>
public interface ITrainingCallback
{
    /// <summary>Called after every update, on the training thread. Keep it allocation-free to keep the loop so.</summary>
    void OnBatchEnd(in BatchReport report)
    {
    }

    /// <summary>Called after every epoch (after validation and early stopping have looked at it).</summary>
    /// <param name="report">The epoch's values.</param>
    /// <param name="control">Lets the callback stop training after this epoch.</param>
    void OnEpochEnd(EpochReport report, TrainingControl control)
    {
    }
}
