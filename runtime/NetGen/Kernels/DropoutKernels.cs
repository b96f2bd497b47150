using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>Inverted dropout masks, used by generated networks.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutKernels
{
    /// <summary>Fills <paramref name="length"/> mask elements: 0 with probability <paramref name="rate"/>,
    /// <c>1 / (1 - rate)</c> otherwise, drawing one value per element from <paramref name="random"/>.</summary>
    /// <param name="mask">The first mask element.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="rate">The drop probability, in [0, 1).</param>
    /// <param name="random">The network's dropout generator.</param>
    public static void SampleMask(ref float mask, int length, float rate, ref DeterministicRandom random)
    {
        float keep = 1f / (1f - rate);
        for (int i = 0; i < length; i++)
        {
            Unsafe.Add(ref mask, i) = random.NextSingle() < rate ? 0f : keep;
        }
    }
}
