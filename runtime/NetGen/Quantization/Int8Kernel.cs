namespace NetGen.Quantization;

/// <summary>The instructions a <see cref="QuantizedNetwork"/> computes its int8 dot products with. Every kernel gives bit-identical results.</summary>
public enum Int8Kernel
{
    /// <summary>Plain C#: the exact reference every other kernel matches.</summary>
    Scalar = 0,

    /// <summary>AVX2: sign extension to 16 bits and <c>vpmaddwd</c>, 16 products per instruction.</summary>
    Avx2 = 1,

    /// <summary>AVX-512BW: sign extension to 16 bits and <c>vpmaddwd</c> on 512-bit vectors, 32 products per instruction.</summary>
    Avx512BW = 2,

    /// <summary>AVX-VNNI: <c>vpdpbusd</c> on 256-bit vectors, 32 unsigned-by-signed byte products accumulated per instruction
    /// (inputs are offset by 128 to make them unsigned, and the offset is subtracted exactly afterwards).</summary>
    AvxVnni = 3,

    /// <summary>Arm's dot-product extension: <c>sdot</c>, 16 signed byte products per instruction.</summary>
    ArmDotProduct = 4,
}
