using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Reference;

/// <summary>
/// Reproduces, outside the network, the dropout masks a generated network draws in its training
/// calls, so that the double-precision reference can apply exactly the same masks.
/// </summary>
/// <remarks>
/// This mirrors the generated code (the <c>SampleMasks</c> method that NetGen's generator emits):
/// a network seeded with <c>seed</c> draws from <c>new DeterministicRandom(seed, stream: 1)</c>; every
/// training call (TrainStep, ComputeGradients, AccumulateGradients) of <c>rows</c> rows draws, for each
/// Dropout layer in order, one mask of <c>rows * paddedWidth</c> elements row after row (widths padded to
/// multiples of 16) with <c>NetGen.Kernels.DropoutKernels.SampleMask</c>: one <see cref="DeterministicRandom.NextSingle"/>
/// per element, dropped when it is below the rate. Predict, PredictBatch and Evaluate draw nothing. The
/// multiplier of a kept element is the contract's 1 / (1 - rate), computed here, not taken from the
/// runtime. When the generated code changes how it draws masks, change this class with it:
/// <c>DropoutTests.The_reproduced_masks_are_the_masks_the_network_applies</c> and the reference
/// comparisons of <c>DropoutMatchesReferenceTests</c> fail (loudly) until the two agree again.
/// </remarks>
internal sealed class DropoutMasks(NetworkArchitecture architecture, int seed)
{
    private const int Alignment = 16;
    private readonly LayerInfo[] _dropouts = architecture.Layers.Where(layer => layer.Kind == LayerKind.Dropout).ToArray();
    private DeterministicRandom _random = new(seed, stream: 1);

    /// <summary>How many mask elements have been drawn (padding excluded), and how many of them keep their value.</summary>
    public (long Drawn, long Kept) Counts { get; private set; }

    /// <summary>The masks of the next training call of <paramref name="rows"/> rows: for each Dropout layer in
    /// order, <c>rows x width</c> multipliers (0 or 1 / (1 - rate)), as <see cref="ReferenceModel"/> takes them.</summary>
    public IReadOnlyList<double[]> Next(int rows)
    {
        var masks = new List<double[]>(_dropouts.Length);
        foreach (LayerInfo dropout in _dropouts)
        {
            int width = dropout.OutputSize;
            int padded = (width + Alignment - 1) / Alignment * Alignment;
            double keep = 1.0 / (1.0 - dropout.DropoutRate);
            var mask = new double[rows * width];
            long kept = 0;
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < padded; j++)
                {
                    bool dropped = _random.NextSingle() < dropout.DropoutRate;
                    if (j < width)
                    {
                        mask[(r * width) + j] = dropped ? 0.0 : keep;
                        kept += dropped ? 0 : 1;
                    }
                }
            }

            Counts = (Counts.Drawn + mask.Length, Counts.Kept + kept);
            masks.Add(mask);
        }

        return masks;
    }
}
