using System;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// A training step without clipping stores each layer's gradient and updates its parameters in the
/// same kernel; <see cref="INetwork.ComputeGradients"/> followed by <see cref="INetwork.ApplyGradients"/>
/// takes the unfused path. Both must give bit-for-bit the same parameters, gradients and losses, for
/// every optimizer, with penalties and decay, for batches of every size up to BatchSize.
/// </summary>
public class FusedStepTests
{
    [Fact]
    public void AdamW_with_penalties_and_dropout() => AssertFusedEqualsUnfused<FusedAdamWNet>(classes: true);

    [Fact]
    public void Nesterov_with_L2() => AssertFusedEqualsUnfused<FusedNesterovNet>(classes: false);

    [Fact]
    public void RMSProp_with_L1() => AssertFusedEqualsUnfused<FusedRmsPropNet>(classes: false);

    [Fact]
    public void AdaGrad_with_awkward_widths() => AssertFusedEqualsUnfused<FusedAdaGradNet>(classes: false);

    [Fact]
    public void Momentum_with_dampening_and_two_large_layers() => AssertFusedEqualsUnfused<FusedMomentumNet>(classes: false, binary: true);

    [Fact]
    public void Plain_SGD() => AssertFusedEqualsUnfused<FusedSgdNet>(classes: false);

    [Fact]
    public void Accumulating_after_a_training_step_starts_a_new_sum()
    {
        var fused = new FusedSgdNet(seed: 4);
        var reference = new FusedSgdNet(seed: 4);
        var random = new DeterministicRandom(11);
        (float[] x1, float[] t1) = Batch(ref random, 8, 24, 4, classes: false, binary: false);
        (float[] x2, float[] t2) = Batch(ref random, 5, 24, 4, classes: false, binary: false);
        fused.TrainStep(x1, t1);
        reference.TrainStep(x1, t1);
        fused.AccumulateGradients(x2, t2);
        reference.ZeroGradients();
        reference.AccumulateGradients(x2, t2);
        Assert.Equal(5, fused.AccumulatedRows);
        Assert.Equal(Gradients(reference), Gradients(fused));
    }

    private static void AssertFusedEqualsUnfused<TNetwork>(bool classes, bool binary = false)
        where TNetwork : class, INetwork<TNetwork>
    {
        TNetwork fused = TNetwork.Create(7);
        TNetwork unfused = TNetwork.Create(7);
        var random = new DeterministicRandom(3);
        foreach (int rows in new[] { fused.BatchSize, 1, fused.BatchSize - 1, 3, fused.BatchSize })
        {
            (float[] x, float[] t) = Batch(ref random, rows, fused.InputSize, fused.OutputSize, classes, binary);
            float fusedLoss = fused.TrainStep(x, t);
            float unfusedLoss = unfused.ComputeGradients(x, t);
            unfused.ApplyGradients();
            Assert.Equal(unfusedLoss, fusedLoss);
            Assert.Equal(Parameters(unfused), Parameters(fused));
            Assert.Equal(Gradients(unfused), Gradients(fused));
            Assert.Equal(unfused.Step, fused.Step);
        }
    }

    private static (float[] Inputs, float[] Targets) Batch(ref DeterministicRandom random, int rows, int inputs, int outputs, bool classes, bool binary)
    {
        float[] x = new float[rows * inputs];
        float[] t = new float[rows * outputs];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.NextSymmetric(1.5f);
        }

        for (int r = 0; r < rows; r++)
        {
            if (classes)
            {
                t[(r * outputs) + random.NextInt32(outputs)] = 1f;
                continue;
            }

            for (int o = 0; o < outputs; o++)
            {
                t[(r * outputs) + o] = binary ? random.NextInt32(2) : random.NextSymmetric(1f);
            }
        }

        return (x, t);
    }

    private static float[] Parameters(INetwork network)
    {
        float[] values = new float[network.ParameterCount];
        network.ExportParameters(values);
        return values;
    }

    private static float[] Gradients(INetwork network)
    {
        float[] values = new float[network.ParameterCount];
        network.ExportGradients(values);
        return values;
    }
}
