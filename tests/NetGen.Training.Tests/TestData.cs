using NetGen.Data;

namespace NetGen.Training.Tests;

internal static class TestData
{
    /// <summary>y = 2 x0 - 3 x1 + 1 plus small deterministic noise, x in [-1, 1).</summary>
    public static Dataset Linear(int count, int seed, float noise = 0.01f)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            float x0 = random.NextSymmetric(1f);
            float x1 = random.NextSymmetric(1f);
            features[2 * i] = x0;
            features[(2 * i) + 1] = x1;
            targets[i] = (2f * x0) - (3f * x1) + 1f + random.NextSymmetric(noise);
        }

        return new Dataset(features, 2, targets, 1);
    }

    /// <summary>Three Gaussian-ish blobs in 3 dimensions with one-hot targets.</summary>
    public static Dataset Blobs(int count, int seed)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[count * 3];
        var targets = new float[count * 3];
        for (int i = 0; i < count; i++)
        {
            int c = i % 3;
            for (int f = 0; f < 3; f++)
            {
                features[(3 * i) + f] = (f == c ? 2f : 0f) + random.NextSymmetric(1f);
            }

            targets[(3 * i) + c] = 1f;
        }

        return new Dataset(features, 3, targets, 3);
    }

    /// <summary><see cref="Blobs"/> with the class index as the one target of each row.</summary>
    public static Dataset BlobLabels(int count, int seed)
    {
        Dataset blobs = Blobs(count, seed);
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = blobs.ClassOf(i);
        }

        return blobs.WithTargets(labels, 1);
    }
}
