using System;

namespace NetGen.Tests.Reference;

/// <summary>Central finite differences of the reference's mean loss, in double precision.</summary>
internal static class FiniteDifferences
{
    /// <summary>The step: small enough that the O(h^2) error is far below float precision, large enough that rounding in double stays negligible.</summary>
    public const double Step = 1e-6;

    /// <summary>d loss / d parameter[<paramref name="index"/>] by <c>(L(p + h) - L(p - h)) / 2h</c>.</summary>
    public static double Derivative(ReferenceModel model, double[] parameters, int index, float[] inputs, float[] targets, int rows)
    {
        double saved = parameters[index];
        try
        {
            parameters[index] = saved + Step;
            double plus = model.Loss(parameters, inputs, targets, rows);
            parameters[index] = saved - Step;
            double minus = model.Loss(parameters, inputs, targets, rows);
            return (plus - minus) / (2 * Step);
        }
        finally
        {
            parameters[index] = saved;
        }
    }
}
