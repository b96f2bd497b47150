using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every update rule by hand on one linear neuron y = w1 x1 + w2 x2 + b with the squared error,
/// from p0 = (w1, w2, b) = (0.5, -0.25, 0.1) and learning rate 0.1.
/// Row A, x = (1, 2), t = 1: y = 0.1, loss 0.81, g_A = 2 (y - t) (x1, x2, 1) = (-1.8, -3.6, -1.8).
/// Row B, x = (-1, 0.5), t = 0: y = -0.525, loss 0.275625, g_B = -1.05 (-1, 0.5, 1) = (1.05, -0.525, -1.05).
/// Two-step tests take a step on row A, put p0 back with ImportParameters (which keeps the
/// optimizer state), then step on row B, so that the second update is the state after g_A and
/// g_B applied to p0.
/// </summary>
public class OptimizerSingleStepTests
{
    private static readonly float[] s_p0 = [0.5f, -0.25f, 0.1f];
    private static readonly float[] s_rowA = [1f, 2f];
    private static readonly float[] s_targetA = [1f];
    private static readonly float[] s_rowB = [-1f, 0.5f];
    private static readonly float[] s_targetB = [0f];
    private static readonly double[] s_gA = [-1.8, -3.6, -1.8];
    private static readonly double[] s_gB = [1.05, -0.525, -1.05];

    [Fact]
    public void Sgd_subtracts_the_learning_rate_times_the_gradient()
    {
        var network = new SgdNeuron();
        network.ImportParameters(s_p0);
        float loss = network.TrainStep(s_rowA, s_targetA);
        NumericAssert.Close(0.81, loss, 1e-6, 0, "loss before the update");
        NumericAssert.Close(s_gA, TestData.Gradients(network), 1e-6, 0, "gradient");
        AssertParameters(network, [0.5 + 0.18, -0.25 + 0.36, 0.1 + 0.18], "after one step");
        Assert.Equal(1, network.Step);
    }

    [Fact]
    public void Sgd_averages_the_gradient_over_the_rows_of_a_batch()
    {
        var network = new SgdNeuron();
        network.ImportParameters(s_p0);
        float loss = network.TrainStep([1f, 2f, -1f, 0.5f], [1f, 0f]);
        NumericAssert.Close((0.81 + 0.275625) / 2, loss, 1e-6, 0, "mean loss of two rows");
        AssertParameters(network, Step(s_p0, i => 0.1 * (s_gA[i] + s_gB[i]) / 2), "after one step on two rows");
    }

    [Fact]
    public void Momentum_buffer_starts_at_zero_and_accumulates()
    {
        // v1 = g_A; v2 = 0.9 g_A + g_B.
        var network = new MomentumNeuron();
        TwoSteps(network);
        AssertParameters(network, Step(s_p0, i => 0.1 * ((0.9 * s_gA[i]) + s_gB[i])), "after the second step");
    }

    [Fact]
    public void Momentum_with_dampening_scales_the_gradient_from_the_first_step_on()
    {
        // v starts at zero, so even the first step is dampened: v1 = 0.5 g_A, p1 = p0 - 0.1 v1.
        var network = new MomentumNeuron { Dampening = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        AssertParameters(network, Step(s_p0, i => 0.1 * 0.5 * s_gA[i]), "after the first step");
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowB, s_targetB);
        AssertParameters(network, Step(s_p0, i => 0.1 * ((0.9 * 0.5 * s_gA[i]) + (0.5 * s_gB[i]))), "after the second step");
    }

    [Fact]
    public void Momentum_with_dampening_equal_to_momentum_is_an_exponential_moving_average()
    {
        // v1 = 0.1 g_A; v2 = 0.9 v1 + 0.1 g_B.
        var network = new MomentumNeuron { Dampening = 0.9f };
        TwoSteps(network);
        AssertParameters(network, Step(s_p0, i => 0.1 * ((0.9 * 0.1 * s_gA[i]) + (0.1 * s_gB[i]))), "after the second step");
    }

    [Fact]
    public void Nesterov_steps_with_the_gradient_plus_momentum_times_the_new_buffer()
    {
        var network = new NesterovNeuron();
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);

        // v1 = g_A; step g_A + 0.9 v1.
        AssertParameters(network, Step(s_p0, i => 0.1 * 1.9 * s_gA[i]), "after the first step");
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowB, s_targetB);

        // v2 = 0.9 g_A + g_B; step g_B + 0.9 v2.
        AssertParameters(network, Step(s_p0, i => 0.1 * (s_gB[i] + (0.9 * ((0.9 * s_gA[i]) + s_gB[i])))), "after the second step");
    }

    [Fact]
    public void Nesterov_with_dampening_dampens_the_buffer_but_not_the_gradient_term()
    {
        var network = new NesterovNeuron { Dampening = 0.5f };
        TwoSteps(network);

        // v1 = 0.5 g_A; v2 = 0.9 v1 + 0.5 g_B; step g_B + 0.9 v2.
        AssertParameters(network, Step(s_p0, i => 0.1 * (s_gB[i] + (0.9 * ((0.45 * s_gA[i]) + (0.5 * s_gB[i]))))), "after the second step");
    }

    [Fact]
    public void AdaGrad_divides_by_the_root_of_the_summed_squares_plus_epsilon()
    {
        // A large epsilon makes its place (after the square root) visible.
        var network = new AdaGradNeuron { Epsilon = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        AssertParameters(network, Step(s_p0, i => 0.1 * s_gA[i] / (Math.Abs(s_gA[i]) + 0.5)), "after the first step");
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowB, s_targetB);
        AssertParameters(network, Step(s_p0, i => 0.1 * s_gB[i] / (Math.Sqrt((s_gA[i] * s_gA[i]) + (s_gB[i] * s_gB[i])) + 0.5)), "after the second step");
    }

    [Fact]
    public void RMSProp_divides_by_the_root_of_the_decayed_mean_square_plus_epsilon()
    {
        var network = new RMSPropNeuron { Epsilon = 0.05f };
        TwoSteps(network);

        // s1 = 0.01 g_A^2; s2 = 0.99 s1 + 0.01 g_B^2.
        AssertParameters(
            network,
            Step(s_p0, i => 0.1 * s_gB[i] / (Math.Sqrt((0.99 * 0.01 * s_gA[i] * s_gA[i]) + (0.01 * s_gB[i] * s_gB[i])) + 0.05)),
            "after the second step");
    }

    [Fact]
    public void Adam_first_step_is_the_learning_rate_times_the_gradient_over_its_magnitude_plus_epsilon()
    {
        // Bias correction makes m^ = g and v^ = g^2 on the first step.
        var network = new AdamNeuron { Epsilon = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        AssertParameters(network, Step(s_p0, i => 0.1 * s_gA[i] / (Math.Abs(s_gA[i]) + 0.5)), "after the first step");
    }

    [Fact]
    public void Adam_second_step_uses_bias_corrected_moments_with_epsilon_after_the_square_root()
    {
        var network = new AdamNeuron { Epsilon = 0.5f };
        TwoSteps(network);

        // m2 = 0.9 (0.1 g_A) + 0.1 g_B, v2 = 0.999 (0.001 g_A^2) + 0.001 g_B^2, corrected by 1 - 0.9^2 and 1 - 0.999^2.
        AssertParameters(network, Step(s_p0, i =>
        {
            double m = (0.9 * 0.1 * s_gA[i]) + (0.1 * s_gB[i]);
            double v = (0.999 * 0.001 * s_gA[i] * s_gA[i]) + (0.001 * s_gB[i] * s_gB[i]);
            return 0.1 * (m / (1 - (0.9 * 0.9))) / (Math.Sqrt(v / (1 - (0.999 * 0.999))) + 0.5);
        }), "after the second step");
    }

    [Fact]
    public void Adam_ignores_weight_decay_which_belongs_to_AdamW()
    {
        var network = new AdamNeuron { Epsilon = 0.5f, WeightDecay = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        AssertParameters(network, Step(s_p0, i => 0.1 * s_gA[i] / (Math.Abs(s_gA[i]) + 0.5)), "after the first step");
    }

    [Fact]
    public void AdamW_decays_weights_by_learning_rate_times_decay_before_the_Adam_step_and_leaves_biases()
    {
        var network = new AdamWNeuron { Epsilon = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double decayed = i < 2 ? s_p0[i] * (1 - (0.1 * 0.5)) : s_p0[i];
            expected[i] = decayed - (0.1 * s_gA[i] / (Math.Abs(s_gA[i]) + 0.5));
        }

        AssertParameters(network, expected, "after the first step");
    }

    [Fact]
    public void Every_update_counts_one_step()
    {
        INetwork[] networks = [new SgdNeuron(), new MomentumNeuron(), new NesterovNeuron(), new AdaGradNeuron(), new RMSPropNeuron(), new AdamNeuron(), new AdamWNeuron()];
        foreach (INetwork network in networks)
        {
            Assert.Equal(0, network.Step);
            network.TrainStep(s_rowA, s_targetA);
            network.TrainStep(s_rowB, s_targetB);
            network.ComputeGradients(s_rowA, s_targetA);
            network.Evaluate(s_rowA, s_targetA);
            Assert.Equal(2, network.Step);
        }
    }

    [Fact]
    public void Declared_hyperparameters_reach_the_network()
    {
        var network = new DeclaredHyperparametersNeuron();
        Hyperparameters expected = new()
        {
            LearningRate = 0.25f,
            Momentum = 0.5f,
            Dampening = 0.125f,
            Beta1 = 0.75f,
            Beta2 = 0.875f,
            Epsilon = 0.0625f,
            Rho = 0.5f,
            L1 = 0.03125f,
            L2 = 0.015625f,
            WeightDecay = 0.375f,
            ClipNorm = 2.5f,
        };
        Assert.Equal(expected, network.Hyperparameters);
        Assert.Equal(0.25f, network.LearningRate);
        Assert.Equal(3, DeclaredHyperparametersNeuron.BatchSize);
    }

    [Fact]
    public void Contract_defaults_apply_when_nothing_is_declared()
    {
        Hyperparameters h = new IdentityUnits().Hyperparameters;
        Assert.Equal(
            new Hyperparameters { LearningRate = 0.01f, Momentum = 0.9f, Dampening = 0f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f, Rho = 0.99f },
            h);
        Assert.Equal(Loss.MeanSquaredError, IdentityUnits.Architecture.Loss);
        Assert.Equal(Optimizer.Sgd, IdentityUnits.Architecture.Optimizer);
        Assert.Equal(32, SoftmaxNetworkWithDefaultBatch.BatchSize);
        Assert.Equal(32, ((INetwork)new SoftmaxNetworkWithDefaultBatch()).BatchSize);
    }

    [Fact]
    public void A_new_learning_rate_applies_to_the_next_step()
    {
        var network = new SgdNeuron { LearningRate = 0.5f };
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        AssertParameters(network, Step(s_p0, i => 0.5 * s_gA[i]), "after a step at learning rate 0.5");
    }

    private static void TwoSteps(INetwork network)
    {
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowA, s_targetA);
        network.ImportParameters(s_p0);
        network.TrainStep(s_rowB, s_targetB);
        Assert.Equal(2, network.Step);
    }

    private static double[] Step(float[] p0, Func<int, double> update)
    {
        var expected = new double[p0.Length];
        for (int i = 0; i < p0.Length; i++)
        {
            expected[i] = p0[i] - update(i);
        }

        return expected;
    }

    private static void AssertParameters(INetwork network, double[] expected, string when)
        => NumericAssert.Close(expected, TestData.Parameters(network), 2e-6, 1e-7, $"{network.Architecture.Optimizer} parameters {when}");
}
