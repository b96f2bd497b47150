using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace NetGen.Tests.Support;

/// <summary>
/// Comparisons of float results from generated networks with double-precision expectations.
/// Tolerances are for float arithmetic whose rounding differs between the SIMD paths (fused or
/// separate multiply-add, different summation orders), and are far tighter than any error a
/// wrong index, tail, stride or formula produces.
/// </summary>
internal static class NumericAssert
{
    /// <summary>Every element within <c>absolute + relative * |expected|</c>.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double relative, double absolute, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
        }

        var failures = new List<int>();
        for (int i = 0; i < expected.Length; i++)
        {
            if (!Within(expected[i], actual[i], absolute + (relative * Math.Abs(expected[i]))))
            {
                failures.Add(i);
            }
        }

        if (failures.Count > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{what}: {failures.Count} of {expected.Length} values differ by more than {absolute:G3} + {relative:G3} x |expected|.");
            for (int k = 0; k < Math.Min(failures.Count, 12); k++)
            {
                int i = failures[k];
                message.Append(CultureInfo.InvariantCulture, $"\n  [{i}] expected {expected[i]:G9}, actual {actual[i]:G9}");
            }

            throw new XunitException(message.ToString());
        }
    }

    /// <summary>A scalar within <c>absolute + relative * |expected|</c>.</summary>
    public static void Close(double expected, float actual, double relative, double absolute, string what)
    {
        if (!Within(expected, actual, absolute + (relative * Math.Abs(expected))))
        {
            throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:G9}, actual {actual:G9} (tolerance {absolute:G3} + {relative:G3} x |expected|)."));
        }
    }

    /// <summary>
    /// Parameter-shaped values compared tensor by tensor: each element within
    /// <c>tolerance * (|expected| + largest |expected| of its tensor)</c>, so that small values
    /// obtained by cancellation are judged against the scale of their tensor.
    /// </summary>
    public static void TensorsClose(NetworkArchitecture architecture, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        if (expected.Length != architecture.ParameterCount || actual.Length != architecture.ParameterCount)
        {
            throw new XunitException($"{what}: expected {architecture.ParameterCount} values, got {expected.Length} expected and {actual.Length} actual.");
        }

        var message = new StringBuilder();
        foreach (ParameterTensor tensor in ParameterTensor.Of(architecture))
        {
            double scale = 0;
            for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(expected[i]));
            }

            int failures = 0;
            for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++)
            {
                double allowed = tolerance * (Math.Abs(expected[i]) + scale);
                if (!Within(expected[i], actual[i], allowed))
                {
                    if (failures < 8)
                    {
                        message.Append(CultureInfo.InvariantCulture, $"\n  {tensor.Describe(i)}: expected {expected[i]:G9}, actual {actual[i]:G9}, allowed difference {allowed:G3}");
                    }

                    failures++;
                }
            }

            if (failures > 8)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  ... {failures - 8} more in {tensor.Name}");
            }
        }

        if (message.Length > 0)
        {
            throw new XunitException($"{what} (tolerance {tolerance:G3} relative to each tensor's scale):{message}");
        }
    }

    /// <summary>The worst ratio of difference to <c>|expected| + tensor scale</c>, for reporting how much margin a tolerance has.</summary>
    public static double WorstTensorError(NetworkArchitecture architecture, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual)
    {
        double worst = 0;
        foreach (ParameterTensor tensor in ParameterTensor.Of(architecture))
        {
            double scale = 0;
            for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(expected[i]));
            }

            for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++)
            {
                double denominator = Math.Abs(expected[i]) + scale;
                if (denominator > 0)
                {
                    worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / denominator);
                }
            }
        }

        return worst;
    }

    /// <summary>Bitwise equality of two float arrays (so that -0 and 0, or two NaN payloads, count as different).</summary>
    public static void BitwiseEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: lengths {expected.Length} and {actual.Length} differ.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"{what}: value {i} is {actual[i]:R}, expected exactly {expected[i]:R}."));
            }
        }
    }

    private static bool Within(double expected, float actual, double allowed)
        => !double.IsNaN(actual) && Math.Abs(actual - expected) <= allowed;
}
