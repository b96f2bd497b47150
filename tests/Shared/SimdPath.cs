using System;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Xunit;

namespace NetGen.Tests.Shared;

/// <summary>
/// Which SIMD path this test process runs, and which one it should run. Generated networks take the
/// widest path the runtime accelerates (Vector512; Vector256 with FMA; Vector128; scalar), and the
/// forced-SIMD reruns of <c>.ci/run</c> narrow it with <c>DOTNET_Enable*=0</c> switches; a rerun whose
/// switch no longer works would silently repeat a wider path. <c>.ci/run</c> states the width each run
/// must exercise in <see cref="ExpectedVariable"/>.
/// </summary>
internal static class SimdPath
{
    /// <summary>The environment variable with the expected width in bits: 512, 256, 128, or 0 for scalar.</summary>
    public const string ExpectedVariable = "NETGEN_EXPECTED_VECTOR_BITS";

    /// <summary>The width in bits of the widest vector path the generated dispatch takes here (0: scalar).</summary>
    public static int WidestAccelerated =>
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>The widest path the <c>DOTNET_Enable*</c> switches of this process allow, in bits.</summary>
    public static int AllowedBySwitches =>
        Disabled("DOTNET_EnableHWIntrinsic") ? 0
        : Disabled("DOTNET_EnableAVX2") ? 128
        : Disabled("DOTNET_EnableAVX512") ? 256
        : 512;

    /// <summary>The width <see cref="ExpectedVariable"/> asks for, or null when it is not set.</summary>
    /// <exception cref="InvalidOperationException">The variable is set to something other than 512, 256, 128 or 0.</exception>
    public static int? Expected
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(ExpectedVariable);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && bits is 512 or 256 or 128 or 0
                ? bits
                : throw new InvalidOperationException($"{ExpectedVariable} is '{text}'; it must be 512, 256, 128 or 0.");
        }
    }

    /// <summary>
    /// Fails unless the path this process takes is no wider than its switches allow and, when
    /// <see cref="ExpectedVariable"/> is set, exactly the one it names. Returns a line describing the path.
    /// </summary>
    public static string AssertAsExpected()
    {
        int widest = WidestAccelerated;
        int allowed = AllowedBySwitches;
        Assert.True(
            widest <= allowed,
            $"This process runs the {Name(widest)} path, but its DOTNET_Enable* switches allow at most {Name(allowed)}: a switch no longer takes effect.");
        if (Expected is int expected)
        {
            Assert.True(
                widest == expected,
                $"{ExpectedVariable}={expected}: this run should exercise the {Name(expected)} path, but it runs the {Name(widest)} path.");
        }

        return $"{Name(widest)} path (switches allow {Name(allowed)}; {ExpectedVariable}={Environment.GetEnvironmentVariable(ExpectedVariable) ?? "unset"})";
    }

    /// <summary>A readable name of a width.</summary>
    public static string Name(int bits) => bits == 0 ? "scalar" : string.Create(CultureInfo.InvariantCulture, $"Vector{bits}");

    private static bool Disabled(string variable) => Environment.GetEnvironmentVariable(variable) == "0";
}
