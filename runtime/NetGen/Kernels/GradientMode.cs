using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>How the generated backward pass writes the weight and bias gradients it sums over a batch.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum GradientMode
{
    /// <summary>Added to the gradient already stored (several calls accumulate one gradient).</summary>
    Accumulate,

    /// <summary>Stored over whatever the gradient block held, so that it needs no clearing first.</summary>
    Overwrite,

    /// <summary>Stored over the gradient block, and the optimizer step applied to those parameters at once,
    /// while the gradient is still in registers (a training step without clipping).</summary>
    Update,
}
