using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every loss by hand, on two rows and three outputs. The weights are zero, so the outputs (or
/// the logits of the fused cross-entropies) are the biases; the expected loss and its gradient
/// dL/dy (or dL/dz) per element are written out, then dW[j][i] = sum_r dL/dy[r][j] x[r][i] and
/// db[j] = sum_r dL/dy[r][j]. One SGD step (learning rate 0.01) must then move every parameter by
/// -0.01 times its gradient.
/// </summary>
public class LossSingleStepTests
{
    private static readonly float[] s_inputs = [1f, 2f, -1f, 0.5f];

    [Fact]
    public void Squared_error_is_the_mean_over_all_elements()
    {
        // y = [0.5, -1, 2]; differences row 1: [-0.5, 0, 2], row 2: [0.5, -1, -0.5].
        double loss = (0.25 + 0 + 4 + 0.25 + 1 + 0.25) / 6;
        double[] dy = [2 * -0.5 / 6, 0, 2 * 2.0 / 6, 2 * 0.5 / 6, 2 * -1.0 / 6, 2 * -0.5 / 6];
        Check(new SquaredErrorLayer(), [0.5f, -1f, 2f], [1f, -1f, 0f, 0f, 0f, 2.5f], loss, dy);
    }

    [Fact]
    public void Absolute_error_is_the_mean_with_a_zero_gradient_where_output_equals_target()
    {
        double loss = (0.5 + 0 + 2 + 0.5 + 1 + 0.5) / 6;
        double[] dy = [-1.0 / 6, 0, 1.0 / 6, 1.0 / 6, -1.0 / 6, -1.0 / 6];
        Check(new AbsoluteErrorLayer(), [0.5f, -1f, 2f], [1f, -1f, 0f, 0f, 0f, 2.5f], loss, dy);
    }

    [Fact]
    public void Huber_is_quadratic_below_one_and_linear_from_one_with_delta_one()
    {
        // |d| = 0.5: 0.125; 0: 0; 2: 2 - 0.5; 1: 1 - 0.5 (linear branch, same value).
        double loss = (0.125 + 0 + 1.5 + 0.125 + 0.5 + 0.125) / 6;
        double[] dy = [-0.5 / 6, 0, 1.0 / 6, 0.5 / 6, -1.0 / 6, -0.5 / 6];
        Check(new HuberLayer(), [0.5f, -1f, 2f], [1f, -1f, 0f, 0f, 0f, 2.5f], loss, dy);
    }

    [Fact]
    public void Binary_cross_entropy_is_computed_from_the_logits_and_its_gradient_is_sigmoid_minus_target()
    {
        // Logits z = [0, 2, -1]; per element max(z, 0) - z t + log(1 + e^-|z|).
        double ln2 = Math.Log(2);
        double soft2 = Math.Log(1 + Math.Exp(-2));
        double soft1 = Math.Log(1 + Math.Exp(-1));
        double loss = (ln2 + (2 + soft2) + (0.25 + soft1) + ln2 + (2 - 2 + soft2) + (1 + soft1)) / 6;
        double s0 = 0.5, s2 = 0.8807970779778823, sm1 = 0.2689414213699951;
        double[] dz = [(s0 - 1) / 6, s2 / 6, (sm1 - 0.25) / 6, s0 / 6, (s2 - 1) / 6, (sm1 - 1) / 6];
        Check(new BinaryCrossEntropyLayer(), [0f, 2f, -1f], [1f, 0f, 0.25f, 0f, 1f, 1f], loss, dz);
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_for_saturated_logits()
    {
        // z = +-40: sigmoid rounds to 1 or 0 in float, yet the loss from the logits is exact.
        var network = new BinaryCrossEntropyLayer();
        network.ImportParameters([0f, 0f, 0f, 0f, 0f, 0f, 40f, -40f, 0f]);
        float loss = network.Evaluate([1f, 2f], [0f, 1f, 1f]);
        NumericAssert.Close((40 + 40 + Math.Log(2)) / 3, loss, 1e-6, 1e-6, "loss of saturated logits");
    }

    [Fact]
    public void Categorical_cross_entropy_is_the_mean_over_rows_of_log_sum_exp_minus_the_target_logit()
    {
        // Logits z = [1, 2, 0.5]; targets class 1 then class 0.
        double logSumExp = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(0.5));
        double loss = ((logSumExp - 2) + (logSumExp - 1)) / 2;
        double[] p = [Math.Exp(1 - logSumExp), Math.Exp(2 - logSumExp), Math.Exp(0.5 - logSumExp)];
        double[] dz = [p[0] / 2, (p[1] - 1) / 2, p[2] / 2, (p[0] - 1) / 2, p[1] / 2, p[2] / 2];
        Check(new CategoricalCrossEntropyLayer(), [1f, 2f, 0.5f], [0f, 1f, 0f, 1f, 0f, 0f], loss, dz);
    }

    [Fact]
    public void Categorical_cross_entropy_stays_finite_for_extreme_logits()
    {
        var network = new CategoricalCrossEntropyLayer();
        network.ImportParameters([0f, 0f, 0f, 0f, 0f, 0f, 80f, -80f, 0f]);
        float loss = network.Evaluate([1f, 2f], [0f, 1f, 0f]);
        NumericAssert.Close(160, loss, 1e-6, 1e-4, "loss with the target at a logit 160 below the maximum");
    }

    private static void Check(INetwork network, float[] biases, float[] targets, double expectedLoss, double[] dy)
    {
        var parameters = new float[9];
        biases.CopyTo(parameters, 6);
        network.ImportParameters(parameters);

        NumericAssert.Close(expectedLoss, network.Evaluate(s_inputs, targets), 1e-6, 1e-8, "Evaluate");
        NumericAssert.Close(expectedLoss, network.ComputeGradients(s_inputs, targets), 1e-6, 1e-8, "ComputeGradients");

        var expected = new double[9];
        for (int j = 0; j < 3; j++)
        {
            for (int r = 0; r < 2; r++)
            {
                double g = dy[(r * 3) + j];
                expected[(j * 2) + 0] += g * s_inputs[(r * 2) + 0];
                expected[(j * 2) + 1] += g * s_inputs[(r * 2) + 1];
                expected[6 + j] += g;
            }
        }

        NumericAssert.Close(expected, TestData.Gradients(network), 1e-6, 1e-8, "gradient");

        NumericAssert.Close(expectedLoss, network.TrainStep(s_inputs, targets), 1e-6, 1e-8, "TrainStep");
        var stepped = new double[9];
        for (int i = 0; i < 9; i++)
        {
            stepped[i] = parameters[i] - (0.01 * expected[i]);
        }

        NumericAssert.Close(stepped, TestData.Parameters(network), 1e-6, 1e-8, "parameters after one SGD step");
    }
}
