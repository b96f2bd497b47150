using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// L1, L2 and gradient clipping by hand, on the neuron of <see cref="OptimizerSingleStepTests"/>:
/// p0 = (0.5, -0.25, 0.1), row x = (1, 2), t = 1, gradient g = (-1.8, -3.6, -1.8) whose norm is
/// 1.8 sqrt(6), learning rate 0.1. The contract's order: clip the data-loss gradient as a whole,
/// then add L1 sign(w) and L2 w for weights only, then the update rule.
/// </summary>
public class PenaltyAndClippingTests
{
    private static readonly float[] s_p0 = [0.5f, -0.25f, 0.1f];
    private static readonly float[] s_row = [1f, 2f];
    private static readonly float[] s_target = [1f];
    private static readonly double[] s_g = [-1.8, -3.6, -1.8];
    private static readonly double s_norm = 1.8 * Math.Sqrt(6);

    [Fact]
    public void L2_adds_its_factor_times_each_weight_and_leaves_the_bias()
        => CheckSgd(new SgdNeuron { L2 = 0.5f }, [s_g[0] + (0.5 * 0.5), s_g[1] + (0.5 * -0.25), s_g[2]]);

    [Fact]
    public void L1_adds_its_factor_times_the_sign_of_each_weight_and_leaves_the_bias()
        => CheckSgd(new SgdNeuron { L1 = 0.5f }, [s_g[0] + 0.5, s_g[1] - 0.5, s_g[2]]);

    [Fact]
    public void L1_and_L2_add_together()
        => CheckSgd(new SgdNeuron { L1 = 0.5f, L2 = 0.25f }, [s_g[0] + 0.5 + (0.25 * 0.5), s_g[1] - 0.5 + (0.25 * -0.25), s_g[2]]);

    [Fact]
    public void ClipNorm_rescales_the_whole_gradient_including_the_bias_to_that_norm()
        => CheckSgd(new SgdNeuron { ClipNorm = 1f }, Array.ConvertAll(s_g, g => g / s_norm));

    [Fact]
    public void ClipNorm_leaves_a_gradient_that_is_already_shorter()
        => CheckSgd(new SgdNeuron { ClipNorm = 5f }, s_g);

    [Fact]
    public void Clipping_comes_before_the_penalties()
    {
        // Clipped first, so the L2 term is not shrunk; clipping after the penalty would give another result.
        CheckSgd(new SgdNeuron { ClipNorm = 1f, L2 = 0.5f }, [(s_g[0] / s_norm) + (0.5 * 0.5), (s_g[1] / s_norm) + (0.5 * -0.25), s_g[2] / s_norm]);
    }

    [Fact]
    public void Penalties_enter_the_momentum_buffer()
    {
        var network = new MomentumNeuron { L2 = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_row, s_target);
        double[] g1 = [s_g[0] + 0.25, s_g[1] - 0.125, s_g[2]];
        AssertParameters(network, Step(g1, 0.1), "after the first step");

        // Second step from p1 with the same row: v2 = 0.9 g1 + g2 with g2 at p1.
        float[] p1 = TestData.Parameters(network);
        double y = p1[0] + (2.0 * p1[1]) + p1[2];
        double dy = 2 * (y - 1);
        double[] g2 = [(dy * 1) + (0.5 * p1[0]), (dy * 2) + (0.5 * p1[1]), dy];
        network.TrainStep(s_row, s_target);
        var expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            expected[i] = p1[i] - (0.1 * ((0.9 * g1[i]) + g2[i]));
        }

        AssertParameters(network, expected, "after the second step");
    }

    [Fact]
    public void Penalties_enter_the_adaptive_denominator_of_Adam()
    {
        var network = new AdamNeuron { L2 = 0.5f, Epsilon = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_row, s_target);
        double[] g = [s_g[0] + 0.25, s_g[1] - 0.125, s_g[2]];
        var expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            expected[i] = s_p0[i] - (0.1 * g[i] / (Math.Abs(g[i]) + 0.5));
        }

        AssertParameters(network, expected, "after one step");
    }

    [Fact]
    public void AdamW_decay_combines_with_L2_and_clipping_in_the_contract_order()
    {
        // Clip g to norm 1, add L2 w, decay weights by lr * wd, then the Adam step on the clipped, penalised gradient.
        var network = new AdamWNeuron { ClipNorm = 1f, L2 = 0.5f, Epsilon = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_row, s_target);
        var expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            bool weight = i < 2;
            double g = (s_g[i] / s_norm) + (weight ? 0.5 * s_p0[i] : 0);
            double decayed = weight ? s_p0[i] * (1 - (0.1 * 0.5)) : s_p0[i];
            expected[i] = decayed - (0.1 * g / (Math.Abs(g) + 0.5));
        }

        AssertParameters(network, expected, "after one step");
    }

    [Fact]
    public void ExportGradients_reports_the_data_loss_gradient_without_clipping_or_penalties()
    {
        var network = new SgdNeuron { ClipNorm = 1f, L1 = 0.5f, L2 = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_row, s_target);
        NumericAssert.Close(s_g, TestData.Gradients(network), 1e-6, 0, "exported gradient");
    }

    [Fact]
    public void The_returned_loss_has_no_penalty_terms()
    {
        var network = new SgdNeuron { L1 = 0.5f, L2 = 0.5f };
        network.ImportParameters(s_p0);
        NumericAssert.Close(0.81, network.TrainStep(s_row, s_target), 1e-6, 0, "loss");
    }

    private static void CheckSgd(SgdNeuron network, double[] appliedGradient)
    {
        network.ImportParameters(s_p0);
        network.TrainStep(s_row, s_target);
        AssertParameters(network, Step(appliedGradient, 0.1), "after one step");
    }

    private static double[] Step(double[] gradient, double learningRate)
    {
        var expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            expected[i] = s_p0[i] - (learningRate * gradient[i]);
        }

        return expected;
    }

    private static void AssertParameters(INetwork network, double[] expected, string when)
        => NumericAssert.Close(expected, TestData.Parameters(network), 2e-6, 1e-7, $"{network.Architecture.Optimizer} parameters {when}");
}
