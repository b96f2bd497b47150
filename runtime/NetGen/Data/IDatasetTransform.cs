namespace NetGen.Data;

/// <summary>
/// A preprocessing step whose parameters were fitted on a training set and that is then applied
/// unchanged to other sets (validation, test, new rows), so no information leaks from them.
/// </summary>
public interface IDatasetTransform
{
    /// <summary>Returns a new data set with the step applied; <paramref name="data"/> is unchanged.</summary>
    Dataset Transform(Dataset data);
}
