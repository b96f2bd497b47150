#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>How a convolution pads its input before sliding its kernel over it.</summary>
public enum Padding
{
    /// <summary>No padding: the kernel only covers the input, and the output is shorter by
    /// <c>dilation * (kernelSize - 1)</c> along each axis (then divided by the stride).</summary>
    Valid = 0,

    /// <summary>Zeros around the input so that the output has the input's size (stride 1 only):
    /// <c>dilation * (kernelSize - 1)</c> in total along each axis, the smaller half before, as
    /// PyTorch's <c>padding='same'</c>.</summary>
    Same = 1,

    /// <summary>Zeros before the input only, <c>dilation * (kernelSize - 1)</c> of them (Conv1D only), so
    /// that output step t sees input steps up to t and no further: the convolution of a stream.</summary>
    Causal = 2,
}
