namespace NetGen.Data;

/// <summary>A data set split into disjoint training, validation and test parts.</summary>
/// <param name="Train">Rows to fit on.</param>
/// <param name="Validation">Rows to monitor during training (early stopping, model selection); may have 0 rows.</param>
/// <param name="Test">Rows held out for the final score; may have 0 rows.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Validation, Dataset Test);
