// The parts of newer .NET that the runtime's sources use and netstandard2.1 lacks, compiled only into the
// netstandard2.1 build (see NetGen.csproj): the attributes the compiler needs for C# features, and static
// extension members that give the BCL types the guard and helper methods the sources call, with the same
// behaviour. Nothing here is public.

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace System.Runtime.CompilerServices
{
    /// <summary>Lets the compiler emit <c>init</c> accessors and records.</summary>
    internal static class IsExternalInit
    {
    }

    /// <summary>Passes the text of an argument expression to a parameter.</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute : Attribute
    {
        public CallerArgumentExpressionAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }
    }
}

namespace NetGen
{
    /// <summary>Static extension members standing in for the newer .NET members the sources call.</summary>
    internal static class NetStandardPolyfills
    {
        extension(ArgumentNullException)
        {
            public static void ThrowIfNull([System.Diagnostics.CodeAnalysis.NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null)
                {
                    throw new ArgumentNullException(paramName);
                }
            }
        }

        extension(ArgumentException)
        {
            public static void ThrowIfNullOrEmpty([System.Diagnostics.CodeAnalysis.NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                ArgumentNullException.ThrowIfNull(argument, paramName);
                if (argument.Length == 0)
                {
                    throw new ArgumentException("The value cannot be an empty string.", paramName);
                }
            }
        }

        extension(ArgumentOutOfRangeException)
        {
            public static void ThrowIfNegative<T>(T value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
                where T : struct, IComparable<T>
            {
                if (value.CompareTo(default) < 0)
                {
                    throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"{paramName} ('{value}') must be a non-negative value."));
                }
            }

            public static void ThrowIfLessThan<T>(T value, T other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
                where T : IComparable<T>
            {
                if (value.CompareTo(other) < 0)
                {
                    throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"{paramName} ('{value}') must be greater than or equal to '{other}'."));
                }
            }

            public static void ThrowIfGreaterThan<T>(T value, T other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
                where T : IComparable<T>
            {
                if (value.CompareTo(other) > 0)
                {
                    throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"{paramName} ('{value}') must be less than or equal to '{other}'."));
                }
            }
        }

        extension(ObjectDisposedException)
        {
            public static void ThrowIf([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(true)] bool condition, Type type)
            {
                if (condition)
                {
                    throw new ObjectDisposedException(type?.FullName);
                }
            }
        }

        extension(string)
        {
            /// <summary>The two spans of characters one after the other.</summary>
            public static string Concat(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
            {
                var text = new StringBuilder(first.Length + second.Length);
                return text.Append(first).Append(second).ToString();
            }

            /// <summary>An interpolated string formatted with <paramref name="provider"/>.</summary>
            public static string Create(IFormatProvider? provider, FormattableString text) => text.ToString(provider);
        }

        extension(Array)
        {
            /// <summary>Sets every element of <paramref name="array"/> to its default value.</summary>
            public static void Clear(Array array)
            {
                ArgumentNullException.ThrowIfNull(array);
                Array.Clear(array, 0, array.Length);
            }

            /// <summary>The largest number of elements an array may have.</summary>
            public static int MaxLength => 0x7FFFFFC7;
        }

        extension(Enum)
        {
            public static TEnum[] GetValues<TEnum>()
                where TEnum : struct, Enum => (TEnum[])Enum.GetValues(typeof(TEnum));

            public static string[] GetNames<TEnum>()
                where TEnum : struct, Enum => Enum.GetNames(typeof(TEnum));

            public static bool IsDefined<TEnum>(TEnum value)
                where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
        }

        extension(Unsafe)
        {
            /// <summary>Reinterprets the bits of one value type as another of the same size.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static TTo BitCast<TFrom, TTo>(TFrom source)
                where TFrom : struct
                where TTo : struct => Unsafe.As<TFrom, TTo>(ref source);
        }

        extension(MemoryMarshal)
        {
            /// <summary>A reference to the first element of <paramref name="array"/> (or where it would be).</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static ref T GetArrayDataReference<T>(T[] array) => ref MemoryMarshal.GetReference(array.AsSpan());
        }

        extension(Math)
        {
            /// <summary><paramref name="x"/>'s magnitude with <paramref name="y"/>'s sign.</summary>
            public static double CopySign(double x, double y)
                => BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(y) & long.MinValue));
        }

        extension(BinaryPrimitives)
        {
            public static float ReadSingleLittleEndian(ReadOnlySpan<byte> source)
                => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source));

            public static float ReadSingleBigEndian(ReadOnlySpan<byte> source)
                => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(source));

            public static double ReadDoubleLittleEndian(ReadOnlySpan<byte> source)
                => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(source));

            public static double ReadDoubleBigEndian(ReadOnlySpan<byte> source)
                => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(source));

            /// <summary>An IEEE binary16 value, widened exactly to float (netstandard2.1 has no <c>Half</c>).</summary>
            public static float ReadHalfLittleEndian(ReadOnlySpan<byte> source)
            {
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(source);
                int sign = (bits & 0x8000) << 16;
                int exponent = (bits >> 10) & 0x1F;
                int mantissa = bits & 0x3FF;
                if (exponent == 0x1F)
                {
                    return BitConverter.Int32BitsToSingle(sign | 0x7F800000 | (mantissa << 13));
                }

                if (exponent == 0)
                {
                    float magnitude = mantissa * (1f / 16777216f); // subnormal (or zero): mantissa * 2^-24, exact in float
                    return sign != 0 ? -magnitude : magnitude;
                }

                return BitConverter.Int32BitsToSingle(sign | ((exponent + 112) << 23) | (mantissa << 13));
            }

            public static void WriteSingleLittleEndian(Span<byte> destination, float value)
                => BinaryPrimitives.WriteInt32LittleEndian(destination, BitConverter.SingleToInt32Bits(value));
        }

        extension(File)
        {
            /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/>, replacing it if it exists
            /// (a rename on the file systems .NET and Mono run on).</summary>
            public static void Move(string source, string destination, bool overwrite)
            {
                if (overwrite && File.Exists(destination))
                {
                    File.Replace(source, destination, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(source, destination);
                }
            }
        }

        extension(StringBuilder builder)
        {
            /// <summary>Appends an interpolated string formatted with <paramref name="provider"/>.</summary>
            public StringBuilder Append(IFormatProvider? provider, FormattableString text) => builder.Append(text.ToString(provider));
        }

        extension<T>(List<T> list)
        {
            /// <summary>Adds the elements of <paramref name="items"/> in order.</summary>
            public void AddRange(ReadOnlySpan<T> items)
            {
                list.Capacity = Math.Max(list.Capacity, list.Count + items.Length);
                foreach (T item in items)
                {
                    list.Add(item);
                }
            }
        }

        extension(Stream stream)
        {
            /// <summary>Reads until at least <paramref name="minimumBytes"/> bytes are in <paramref name="buffer"/> or the stream ends.</summary>
            public int ReadAtLeast(Span<byte> buffer, int minimumBytes, bool throwOnEndOfStream = true)
            {
                int total = 0;
                while (total < minimumBytes)
                {
                    int read = stream.Read(buffer.Slice(total));
                    if (read == 0)
                    {
                        if (throwOnEndOfStream)
                        {
                            throw new EndOfStreamException();
                        }

                        break;
                    }

                    total += read;
                }

                return total;
            }

            /// <summary>Reads exactly <paramref name="buffer"/>'s length, or throws <see cref="EndOfStreamException"/>.</summary>
            public void ReadExactly(Span<byte> buffer)
            {
                while (!buffer.IsEmpty)
                {
                    int read = stream.Read(buffer);
                    if (read == 0)
                    {
                        throw new EndOfStreamException();
                    }

                    buffer = buffer.Slice(read);
                }
            }
        }
    }
}
