using System;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.ModelSelection;

/// <summary>How <see cref="CrossValidation"/> and <see cref="HyperparameterSearch"/> train and score a model.</summary>
public sealed class ModelSelectionOptions
{
    /// <summary>The score (required). Its <see cref="Metric.GreaterIsBetter"/> decides the ranking.</summary>
#if NET
    public required Metric Metric { get; init; }
#else
    // Not `required` here: Unity's C# compiler predates required members and would refuse every constructor of this
    // class. The runs check that it is set (Validate).
    public Metric Metric { get; init; } = null!;
#endif

    /// <summary>How each model is trained. Its <see cref="FitOptions.Validation"/> must be null: the folds provide the data.</summary>
    public FitOptions Fit { get; init; } = new();

    /// <summary>The number of folds of k-fold cross-validation (default 5, at least 2).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// For searches only: when greater than 0, each candidate is scored on one held-out
    /// validation split of this fraction instead of by cross-validation.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Whether folds and splits keep the class proportions (for classification).</summary>
    public bool Stratified { get; init; }

    /// <summary>The seed of the folds and splits.</summary>
    public int Seed { get; init; }

    /// <summary>The seed every network is created with, so that candidates differ only by their hyperparameters.</summary>
    public int NetworkSeed { get; init; }

    /// <summary>
    /// Preprocessing fitted on each training part and applied to its held-out part (for example
    /// <c>train =&gt; StandardScaler.Fit(train)</c>), so no statistic leaks from held-out rows; or null.
    /// </summary>
    public Func<Dataset, IDatasetTransform>? Preprocessing { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Metric);
        ArgumentNullException.ThrowIfNull(Fit);
        if (Fit.Validation is not null)
        {
            throw new ArgumentException("Model selection provides the held-out data of each fold: leave FitOptions.Validation null.", nameof(Fit));
        }

        if (ValidationFraction == 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(Folds, 2);
        }
        else if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in (0, 1), or 0 for cross-validation.");
        }
    }
}
