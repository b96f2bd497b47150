using System;

namespace NetGen.Benchmarks.Data;

/// <summary>
/// A ring of random batches: inputs uniform in [0, 1), one-hot or uniform targets. Each call takes
/// the next batch, so that training never converges on one fixed batch (which would drive Adam's
/// moments into subnormal numbers and measure the slow path of the hardware instead).
/// </summary>
public sealed class RandomBatches
{
    private const int Count = 16;
    private readonly float[][] _inputs = new float[Count][];
    private readonly float[][] _targets = new float[Count][];
    private int _next;

    /// <summary>Draws <c>16</c> batches of <paramref name="rows"/> rows from a fixed seed.</summary>
    public RandomBatches(int rows, int inputSize, int outputSize, bool oneHot, int seed = 42)
    {
        var random = new DeterministicRandom(seed);
        for (int b = 0; b < Count; b++)
        {
            _inputs[b] = new float[rows * inputSize];
            _targets[b] = new float[rows * outputSize];
            for (int i = 0; i < _inputs[b].Length; i++)
            {
                _inputs[b][i] = random.NextSingle();
            }

            for (int r = 0; r < rows; r++)
            {
                if (oneHot)
                {
                    _targets[b][(r * outputSize) + random.NextInt32(outputSize)] = 1f;
                }
                else
                {
                    for (int o = 0; o < outputSize; o++)
                    {
                        _targets[b][(r * outputSize) + o] = random.NextSymmetric(1f);
                    }
                }
            }
        }
    }

    /// <summary>The next batch in the ring.</summary>
    public (float[] Inputs, float[] Targets) Next()
    {
        int b = _next;
        _next = (_next + 1) % Count;
        return (_inputs[b], _targets[b]);
    }

    /// <summary>The first batch's inputs.</summary>
    public float[] FirstInputs => _inputs[0];
}
