using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.Quantization;

/// <summary>
/// Matrix-vector products of int8 weights and int8 inputs with int32 accumulation, one
/// implementation per <see cref="Int8Kernel"/>. Rows are <c>stride</c> bytes long, a multiple of
/// <see cref="Alignment"/> padded with zeros, so no kernel needs a tail. Sums of products of
/// integers are exact in int32 here (at most 127 * 127 * stride, far below 2^31 for any layer
/// this library can hold), so every kernel returns the same integers.
/// </summary>
internal static class Int8DotProducts
{
    /// <summary>Every row length is a multiple of this many bytes (one 512-bit vector).</summary>
    public const int Alignment = 64;

#if NET
    /// <summary>The fastest kernel this machine runs.</summary>
    public static Int8Kernel Best =>
        IsSupported(Int8Kernel.AvxVnni) ? Int8Kernel.AvxVnni
        : Avx512BW.IsSupported ? Int8Kernel.Avx512BW
        : Avx2.IsSupported ? Int8Kernel.Avx2
        : Dp.IsSupported ? Int8Kernel.ArmDotProduct
        : Int8Kernel.Scalar;

    public static bool IsSupported(Int8Kernel kernel) => kernel switch
    {
        Int8Kernel.Scalar => true,
        Int8Kernel.Avx2 => Avx2.IsSupported,
        Int8Kernel.Avx512BW => Avx512BW.IsSupported,
#if NET10_0_OR_GREATER
        Int8Kernel.AvxVnni => AvxVnni.IsSupported,
#else
        Int8Kernel.AvxVnni => false, // AvxVnni is a preview API in .NET 8
#endif
        Int8Kernel.ArmDotProduct => Dp.IsSupported,
        _ => false,
    };
#else
    /// <summary>The fastest kernel this machine runs: the netstandard2.1 build has only the scalar one.</summary>
    public static Int8Kernel Best => Int8Kernel.Scalar;

    public static bool IsSupported(Int8Kernel kernel) => kernel == Int8Kernel.Scalar;
#endif

    /// <summary>
    /// <c>sums[o] = sum_i weights[o * stride + i] * input[i]</c> for every row o.
    /// <paramref name="rowSums"/> holds <c>sum_i weights[o * stride + i]</c>, which the AVX-VNNI kernel needs.
    /// </summary>
    public static void Multiply(Int8Kernel kernel, ReadOnlySpan<sbyte> weights, int stride, ReadOnlySpan<int> rowSums, ReadOnlySpan<sbyte> input, Span<int> sums)
    {
        if (stride % Alignment != 0 || input.Length < stride || weights.Length < sums.Length * stride || rowSums.Length < sums.Length)
        {
            throw new ArgumentException("The int8 operands do not have the padded lengths the kernels need.");
        }

        switch (kernel)
        {
#if NET
            case Int8Kernel.Avx2: MultiplyAvx2(weights, stride, input, sums); break;
            case Int8Kernel.Avx512BW: MultiplyAvx512(weights, stride, input, sums); break;
            case Int8Kernel.AvxVnni: MultiplyAvxVnni(weights, stride, rowSums, input, sums); break;
            case Int8Kernel.ArmDotProduct: MultiplyArm(weights, stride, input, sums); break;
#endif
            default: MultiplyScalar(weights, stride, input, sums); break;
        }
    }

    private static void MultiplyScalar(ReadOnlySpan<sbyte> weights, int stride, ReadOnlySpan<sbyte> input, Span<int> sums)
    {
        for (int row = 0; row < sums.Length; row++)
        {
            ReadOnlySpan<sbyte> w = weights.Slice(row * stride, stride);
            int sum = 0;
            for (int i = 0; i < stride; i++)
            {
                sum += w[i] * input[i];
            }

            sums[row] = sum;
        }
    }

#if NET
    private static void MultiplyAvx2(ReadOnlySpan<sbyte> weights, int stride, ReadOnlySpan<sbyte> input, Span<int> sums)
    {
        if (!Avx2.IsSupported)
        {
            throw new PlatformNotSupportedException("This machine has no AVX2.");
        }

        ref sbyte x = ref MemoryMarshal.GetReference(input);
        for (int row = 0; row < sums.Length; row++)
        {
            ref sbyte w = ref Unsafe.Add(ref MemoryMarshal.GetReference(weights), row * stride);
            Vector256<int> accumulator = Vector256<int>.Zero;
            for (int i = 0; i < stride; i += 16)
            {
                Vector256<short> wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)i));
                Vector256<short> xWide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref x, (nuint)i));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(wide, xWide));
            }

            sums[row] = Vector256.Sum(accumulator);
        }
    }

    private static void MultiplyAvx512(ReadOnlySpan<sbyte> weights, int stride, ReadOnlySpan<sbyte> input, Span<int> sums)
    {
        if (!Avx512BW.IsSupported)
        {
            throw new PlatformNotSupportedException("This machine has no AVX-512BW.");
        }

        ref sbyte x = ref MemoryMarshal.GetReference(input);
        for (int row = 0; row < sums.Length; row++)
        {
            ref sbyte w = ref Unsafe.Add(ref MemoryMarshal.GetReference(weights), row * stride);
            Vector512<int> accumulator = Vector512<int>.Zero;
            for (int i = 0; i < stride; i += 32)
            {
                Vector512<short> wide = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)i));
                Vector512<short> xWide = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, (nuint)i));
                accumulator = Avx512F.Add(accumulator, Avx512BW.MultiplyAddAdjacent(wide, xWide));
            }

            sums[row] = Vector512.Sum(accumulator);
        }
    }

    /// <summary>vpdpbusd multiplies unsigned by signed bytes: the input is offset by 128 (x + 128 as a byte),
    /// and <c>128 * sum(w)</c> is subtracted from each row's sum, which restores the signed product exactly.</summary>
    private static void MultiplyAvxVnni(ReadOnlySpan<sbyte> weights, int stride, ReadOnlySpan<int> rowSums, ReadOnlySpan<sbyte> input, Span<int> sums)
    {
#if NET10_0_OR_GREATER
        if (!AvxVnni.IsSupported)
        {
            throw new PlatformNotSupportedException("This machine has no AVX-VNNI.");
        }

        ref byte x = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(input));
        ref sbyte w0 = ref MemoryMarshal.GetReference(weights);
        Vector256<byte> offset = Vector256.Create((byte)0x80);
        int row = 0;

        // Four rows at a time share each load of the input.
        for (; row <= sums.Length - 4; row += 4)
        {
            ref sbyte w = ref Unsafe.Add(ref w0, row * stride);
            Vector256<int> a0 = Vector256<int>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < stride; i += 32)
            {
                Vector256<byte> shifted = Vector256.Xor(Vector256.LoadUnsafe(ref x, (nuint)i), offset);
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, shifted, Vector256.LoadUnsafe(ref w, (nuint)i));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, shifted, Vector256.LoadUnsafe(ref w, (nuint)(stride + i)));
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, shifted, Vector256.LoadUnsafe(ref w, (nuint)((2 * stride) + i)));
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, shifted, Vector256.LoadUnsafe(ref w, (nuint)((3 * stride) + i)));
            }

            sums[row] = Vector256.Sum(a0) - (128 * rowSums[row]);
            sums[row + 1] = Vector256.Sum(a1) - (128 * rowSums[row + 1]);
            sums[row + 2] = Vector256.Sum(a2) - (128 * rowSums[row + 2]);
            sums[row + 3] = Vector256.Sum(a3) - (128 * rowSums[row + 3]);
        }

        for (; row < sums.Length; row++)
        {
            ref sbyte w = ref Unsafe.Add(ref w0, row * stride);
            Vector256<int> accumulator = Vector256<int>.Zero;
            for (int i = 0; i < stride; i += 32)
            {
                Vector256<byte> shifted = Vector256.Xor(Vector256.LoadUnsafe(ref x, (nuint)i), offset);
                accumulator = AvxVnni.MultiplyWideningAndAdd(accumulator, shifted, Vector256.LoadUnsafe(ref w, (nuint)i));
            }

            sums[row] = Vector256.Sum(accumulator) - (128 * rowSums[row]);
        }
#else
        throw new PlatformNotSupportedException("The AVX-VNNI kernel needs the .NET 10 build of NetGen (AvxVnni is a preview API in .NET 8).");
#endif
    }

    private static void MultiplyArm(ReadOnlySpan<sbyte> weights, int stride, ReadOnlySpan<sbyte> input, Span<int> sums)
    {
        if (!Dp.IsSupported)
        {
            throw new PlatformNotSupportedException("This machine has no Arm dot-product instructions.");
        }

        ref sbyte x = ref MemoryMarshal.GetReference(input);
        for (int row = 0; row < sums.Length; row++)
        {
            ref sbyte w = ref Unsafe.Add(ref MemoryMarshal.GetReference(weights), row * stride);
            Vector128<int> accumulator = Vector128<int>.Zero;
            for (int i = 0; i < stride; i += 16)
            {
                accumulator = Dp.DotProduct(accumulator, Vector128.LoadUnsafe(ref w, (nuint)i), Vector128.LoadUnsafe(ref x, (nuint)i));
            }

            sums[row] = Vector128.Sum(accumulator);
        }
    }
#endif
}
