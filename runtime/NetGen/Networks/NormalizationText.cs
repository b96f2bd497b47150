using System;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>What the normalisation layers share: their parameters, their range checks and how declarations write them.</summary>
internal static class NormalizationText
{
    /// <summary>A normalisation's <c>weight</c> and <c>bias</c>, one per channel, neither penalised.</summary>
    public static ParameterInfo[] Affine(TensorShape shape, int offset)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int channels = shape.Channels;
        return
        [
            new ParameterInfo("weight", [channels], offset, Penalized: false),
            new ParameterInfo("bias", [channels], offset + channels, Penalized: false),
        ];
    }

    public static void CheckEpsilon(float epsilon, string layer)
    {
        if (!(epsilon > 0f && float.IsFinite(epsilon)))
        {
            throw new ArgumentException($"A {layer} epsilon must be positive and finite; it is {epsilon}.", nameof(epsilon));
        }
    }

    /// <summary>As declarations write the layer: <c>BatchNorm(ReLU)</c>, with the settings that differ from the defaults.</summary>
    public static string Declaration(string name, Activation activation, float? momentum, float epsilon)
    {
        var text = new StringBuilder(name).Append('(').Append(activation);
        if (momentum is float value)
        {
            text.Append(", Momentum = ").Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        if (epsilon != BatchNormDefaults.Epsilon)
        {
            text.Append(", Epsilon = ").Append(epsilon.ToString("R", CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }
}
