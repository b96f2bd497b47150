using System;

namespace NetGen.Tests.Reference;

/// <summary>The contract's activations and their derivatives in double precision, written from their definitions.</summary>
internal static class ReferenceActivations
{
    public const double LeakySlope = 0.01;

    private static readonly double s_geluScale = Math.Sqrt(2.0 / Math.PI);

    /// <summary>Applies <paramref name="activation"/> to one row of pre-activations (softmax couples the row).</summary>
    public static void Forward(Activation activation, ReadOnlySpan<double> z, Span<double> y)
    {
        if (activation == Activation.Softmax)
        {
            Softmax(z, y);
            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(activation, z[i]);
        }
    }

    /// <summary>One element-wise activation (not softmax).</summary>
    public static double Apply(Activation activation, double z) => activation switch
    {
        Activation.None => z,
        Activation.ReLU => Math.Max(z, 0.0),
        Activation.LeakyReLU => z > 0 ? z : LeakySlope * z,
        Activation.ELU => z > 0 ? z : Math.Exp(z) - 1.0,
        Activation.GELU => 0.5 * z * (1.0 + Math.Tanh(GeluArgument(z))),
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Math.Tanh(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is not element-wise."),
    };

    /// <summary>d activation / dz at <paramref name="z"/> (not softmax).</summary>
    public static double Derivative(Activation activation, double z)
    {
        switch (activation)
        {
            case Activation.None:
                return 1.0;
            case Activation.ReLU:
                return z > 0 ? 1.0 : 0.0;
            case Activation.LeakyReLU:
                return z > 0 ? 1.0 : LeakySlope;
            case Activation.ELU:
                return z > 0 ? 1.0 : Math.Exp(z);
            case Activation.GELU:
                double t = Math.Tanh(GeluArgument(z));
                double du = s_geluScale * (1.0 + (3.0 * 0.044715 * z * z));
                return (0.5 * (1.0 + t)) + (0.5 * z * (1.0 - (t * t)) * du);
            case Activation.Sigmoid:
                double s = Sigmoid(z);
                return s * (1.0 - s);
            case Activation.Tanh:
                double h = Math.Tanh(z);
                return 1.0 - (h * h);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Softmax has a Jacobian, not a derivative.");
        }
    }

    /// <summary>Turns the gradient with respect to one row's outputs into the gradient with respect to its pre-activations.</summary>
    public static void Backward(Activation activation, ReadOnlySpan<double> z, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dz)
    {
        if (activation == Activation.Softmax)
        {
            double dot = 0;
            for (int i = 0; i < y.Length; i++)
            {
                dot += dy[i] * y[i];
            }

            for (int i = 0; i < y.Length; i++)
            {
                dz[i] = y[i] * (dy[i] - dot);
            }

            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            dz[i] = dy[i] * Derivative(activation, z[i]);
        }
    }

    public static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

    public static void Softmax(ReadOnlySpan<double> z, Span<double> y)
    {
        double max = double.NegativeInfinity;
        foreach (double value in z)
        {
            max = Math.Max(max, value);
        }

        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Math.Exp(z[i] - max);
            sum += y[i];
        }

        for (int i = 0; i < z.Length; i++)
        {
            y[i] /= sum;
        }
    }

    public static double LogSumExp(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double value in z)
        {
            max = Math.Max(max, value);
        }

        double sum = 0;
        foreach (double value in z)
        {
            sum += Math.Exp(value - max);
        }

        return max + Math.Log(sum);
    }

    private static double GeluArgument(double z) => s_geluScale * (z + (0.044715 * z * z * z));
}
