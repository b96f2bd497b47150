using System;

namespace AmpModel;

/// <summary>
/// The effect the network learns to imitate: a small "amplifier" with memory. The input goes through a one-pole low-pass
/// filter (the tone control, about 2.4 kHz at 48 kHz), is driven into a tanh (the saturating stage), and the result is
/// scaled back: <c>s[n] = s[n-1] + c (x[n] - s[n-1])</c>, <c>y[n] = level tanh(drive s[n])</c>.
/// </summary>
internal static class Amplifier
{
    private const float Tone = 0.27f;
    private const float Drive = 6f;
    private const float Level = 0.5f;

    /// <summary>The amplifier's output for <paramref name="input"/>, starting from silence.</summary>
    public static float[] Process(ReadOnlySpan<float> input)
    {
        var output = new float[input.Length];
        float state = 0;
        for (int n = 0; n < input.Length; n++)
        {
            state += Tone * (input[n] - state);
            output[n] = Level * MathF.Tanh(Drive * state);
        }

        return output;
    }
}
