using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The recurrent layers' gate functions (<see cref="GateActivations"/>, rational approximations with no exponential) against
/// tanh and the logistic function in double, over every float step of 1/1024 from -24 to 24 and at the edges, for one float and
/// for each vector width (Vector512 where the machine accelerates it, as the generated kernels call it); NaN stays NaN.
/// </summary>
public class GateActivationTests
{
    private const double Bound = 4e-7;

    private static readonly float[] s_edges = [0f, -0f, 1e-30f, -1e-30f, 8.99f, 9f, 9.01f, -9f, 17.99f, 18f, -18f, 30f, -30f, 1e6f, -1e6f, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity];

    [Fact]
    public void Tanh_is_within_its_bound_of_the_exact_function()
    {
        double worst = Worst(Math.Tanh, GateActivations.Tanh, GateActivations.Tanh, GateActivations.Tanh, GateActivations.Tanh);
        Assert.True(worst < Bound, $"worst absolute error of the gate tanh: {worst:E3}");
    }

    [Fact]
    public void Sigmoid_is_within_its_bound_of_the_exact_function()
    {
        double worst = Worst(x => 1 / (1 + Math.Exp(-x)), GateActivations.Sigmoid, GateActivations.Sigmoid, GateActivations.Sigmoid, GateActivations.Sigmoid);
        Assert.True(worst < Bound, $"worst absolute error of the gate sigmoid: {worst:E3}");
    }

    /// <summary>The split forms a streamed recurrent step uses: the tanh's quotient times its numerator is <c>Tanh</c> bit for bit,
    /// and the sigmoid's quotient times its numerator plus 1/2 is <c>Sigmoid</c> to the one rounding a multiply-add saves (a float step at 1; the
    /// test adds unfused; the kernels fuse, as <c>Sigmoid</c> does).</summary>
    [Fact]
    public void The_quotient_forms_give_the_gate_functions()
    {
        void Check(float x, float tanh, float tanhSplit, float sigmoid, float sigmoidSplit, string width)
        {
            Assert.True(tanh.Equals(tanhSplit), $"{width} tanh at {x}: {tanh} against {tanhSplit} from the quotient");
            Assert.True(Math.Abs(sigmoid - sigmoidSplit) <= 1.2e-7, $"{width} sigmoid at {x}: {sigmoid} against {sigmoidSplit} from the quotient");
        }

        void All(float x)
        {
            Check(x, GateActivations.Tanh(x), GateActivations.TanhQuotient(x, out float p) * p, GateActivations.Sigmoid(x), (GateActivations.SigmoidQuotient(x, out float ps) * ps) + 0.5f, "float");
            Vector128<float> x128 = Vector128.Create(x);
            Check(
                x,
                GateActivations.Tanh(x128).GetElement(1),
                (GateActivations.TanhQuotient(x128, out Vector128<float> p128) * p128).GetElement(1),
                GateActivations.Sigmoid(x128).GetElement(1),
                ((GateActivations.SigmoidQuotient(x128, out Vector128<float> ps128) * ps128) + Vector128.Create(0.5f)).GetElement(1),
                "Vector128");
            Vector256<float> x256 = Vector256.Create(x);
            Check(
                x,
                GateActivations.Tanh(x256).GetElement(5),
                (GateActivations.TanhQuotient(x256, out Vector256<float> p256) * p256).GetElement(5),
                GateActivations.Sigmoid(x256).GetElement(5),
                ((GateActivations.SigmoidQuotient(x256, out Vector256<float> ps256) * ps256) + Vector256.Create(0.5f)).GetElement(5),
                "Vector256");
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<float> x512 = Vector512.Create(x);
                Check(
                    x,
                    GateActivations.Tanh(x512).GetElement(13),
                    (GateActivations.TanhQuotient(x512, out Vector512<float> p512) * p512).GetElement(13),
                    GateActivations.Sigmoid(x512).GetElement(13),
                    ((GateActivations.SigmoidQuotient(x512, out Vector512<float> ps512) * ps512) + Vector512.Create(0.5f)).GetElement(13),
                    "Vector512");
            }
        }

        for (int i = -24 * 1024; i <= 24 * 1024; i++)
        {
            All(i / 1024f);
        }

        foreach (float x in s_edges)
        {
            All(x);
        }
    }

    /// <summary>Beyond the clamp (|x| at or above 9 for the tanh, 18 for the sigmoid) each function is constant to the bit, on every
    /// width: the polynomials read the square limited to the clamp's bound squared, the division the clamped x, and the two must
    /// describe the same clamped value (a square bounded anywhere else moves these values).</summary>
    [Fact]
    public void Beyond_the_clamp_each_function_is_constant()
    {
        float[] beyond = [9.000001f, 9.5f, 12f, 17.99f, 18f, 18.5f, 100f, 1e6f, float.MaxValue, float.PositiveInfinity];
        foreach (float sign in new[] { 1f, -1f })
        {
            float tanhAtLimit = GateActivations.Tanh(sign * 9f);
            float sigmoidAtLimit = GateActivations.Sigmoid(sign * 18f);
            Assert.Equal(sign, tanhAtLimit, 1e-6);
            Assert.Equal(sign > 0 ? 1f : 0f, sigmoidAtLimit, 1e-6);
            foreach (float magnitude in beyond)
            {
                float x = sign * magnitude;
                Assert.True(tanhAtLimit.Equals(GateActivations.Tanh(x)), $"float tanh at {x}: {GateActivations.Tanh(x)} against {tanhAtLimit} at the clamp");
                AssertSameLanes(GateActivations.Tanh(Vector128.Create(sign * 9f)), GateActivations.Tanh(Vector128.Create(x)), $"Vector128 tanh at {x}");
                AssertSameLanes(GateActivations.Tanh(Vector256.Create(sign * 9f)), GateActivations.Tanh(Vector256.Create(x)), $"Vector256 tanh at {x}");
                if (magnitude >= 18f)
                {
                    Assert.True(sigmoidAtLimit.Equals(GateActivations.Sigmoid(x)), $"float sigmoid at {x}: {GateActivations.Sigmoid(x)} against {sigmoidAtLimit} at the clamp");
                    AssertSameLanes(GateActivations.Sigmoid(Vector128.Create(sign * 18f)), GateActivations.Sigmoid(Vector128.Create(x)), $"Vector128 sigmoid at {x}");
                    AssertSameLanes(GateActivations.Sigmoid(Vector256.Create(sign * 18f)), GateActivations.Sigmoid(Vector256.Create(x)), $"Vector256 sigmoid at {x}");
                }

                if (Vector512.IsHardwareAccelerated)
                {
                    AssertSameLanes(GateActivations.Tanh(Vector512.Create(sign * 9f)).GetLower().GetLower(), GateActivations.Tanh(Vector512.Create(x)).GetUpper().GetUpper(), $"Vector512 tanh at {x}");
                    if (magnitude >= 18f)
                    {
                        AssertSameLanes(GateActivations.Sigmoid(Vector512.Create(sign * 18f)).GetLower().GetLower(), GateActivations.Sigmoid(Vector512.Create(x)).GetUpper().GetUpper(), $"Vector512 sigmoid at {x}");
                    }
                }
            }
        }
    }

    private static void AssertSameLanes<T>(T expected, T actual, string what)
        where T : IEquatable<T>
        => Assert.True(expected.Equals(actual), $"{what}: {actual} against {expected} at the clamp");

    [Fact]
    public void NaN_gives_NaN()
    {
        Assert.True(float.IsNaN(GateActivations.Tanh(float.NaN)));
        Assert.True(float.IsNaN(GateActivations.Sigmoid(float.NaN)));
        Assert.True(float.IsNaN(GateActivations.Tanh(Vector256.Create(float.NaN)).GetElement(3)));
        Assert.True(float.IsNaN(GateActivations.Sigmoid(Vector128.Create(float.NaN)).GetElement(2)));
        if (Vector512.IsHardwareAccelerated)
        {
            Assert.True(float.IsNaN(GateActivations.Sigmoid(Vector512.Create(float.NaN)).GetElement(9)));
        }
    }

    /// <summary>NaN in some lanes of a vector the JIT cannot see as a constant: those lanes give NaN (the clamp's bound goes where
    /// x86's min and max would otherwise return it for NaN), the others their values, saturated beyond the clamp too.</summary>
    [Fact]
    public void NaN_lanes_among_numbers_give_NaN_and_the_other_lanes_their_values()
    {
        float[] lanes = new float[16];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = i % 4 == 0 ? float.NaN : i % 4 == 1 ? 0.5f : i % 4 == 2 ? -40f : 40f;
        }

        void Check(string name, Func<int, float> tanh, Func<int, float> sigmoid, int count)
        {
            for (int i = 0; i < count; i++)
            {
                float x = lanes[i];
                if (float.IsNaN(x))
                {
                    Assert.True(float.IsNaN(tanh(i)), $"{name} tanh, lane {i}");
                    Assert.True(float.IsNaN(sigmoid(i)), $"{name} sigmoid, lane {i}");
                }
                else
                {
                    Assert.Equal(Math.Tanh(x), tanh(i), 6e-7);
                    Assert.Equal(1 / (1 + Math.Exp(-x)), sigmoid(i), 6e-7);
                }
            }
        }

        Vector128<float> v128 = Vector128.Create(lanes);
        Check("Vector128", i => GateActivations.Tanh(v128).GetElement(i), i => GateActivations.Sigmoid(v128).GetElement(i), 4);
        Vector256<float> v256 = Vector256.Create(lanes);
        Check("Vector256", i => GateActivations.Tanh(v256).GetElement(i), i => GateActivations.Sigmoid(v256).GetElement(i), 8);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> v512 = Vector512.Create(lanes);
            Check("Vector512", i => GateActivations.Tanh(v512).GetElement(i), i => GateActivations.Sigmoid(v512).GetElement(i), 16);
        }

        Check("float", i => GateActivations.Tanh(lanes[i]), i => GateActivations.Sigmoid(lanes[i]), 16);
    }

    /// <summary>The worst absolute error of every form over the sweep and the edges; each vector lane must equal the float form's
    /// error bound too.</summary>
    private static double Worst(
        Func<double, double> exact,
        Func<float, float> scalar,
        Func<Vector128<float>, Vector128<float>> v128,
        Func<Vector256<float>, Vector256<float>> v256,
        Func<Vector512<float>, Vector512<float>> v512)
    {
        double worst = 0;
        void Check(float x, float actual)
        {
            double error = Math.Abs(actual - exact(x));
            Assert.False(double.IsNaN(error), $"NaN at {x}");
            worst = Math.Max(worst, error);
        }

        void All(float x)
        {
            Check(x, scalar(x));
            Check(x, v128(Vector128.Create(x)).GetElement(1));
            Check(x, v256(Vector256.Create(x)).GetElement(5));
            if (Vector512.IsHardwareAccelerated)
            {
                // Vector512's multiply-add is AVX-512's; the generated kernels call this width only where it is accelerated.
                Check(x, v512(Vector512.Create(x)).GetElement(13));
            }
        }

        for (int i = -24 * 1024; i <= 24 * 1024; i++)
        {
            All(i / 1024f);
        }

        foreach (float x in s_edges)
        {
            All(x);
        }

        return worst;
    }
}
