using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every activation's values and derivatives at known points. Each network has one input and six
/// units; with the input 1 and zero biases, unit j's pre-activation is its weight z_j. Predict
/// gives the activation; ComputeGradients with the squared error against zero targets gives
/// dL/dz_j = act'(z_j) * 2 y_j / 6 for the element-wise ones.
/// </summary>
public class ActivationSingleStepTests
{
    private static readonly float[] s_z = [-2f, -0.5f, -0.1f, 0.3f, 1f, 2.5f];

    [Fact]
    public void None_is_the_identity()
        => CheckElementwise(new IdentityUnits(), [-2, -0.5, -0.1, 0.3, 1, 2.5], [1, 1, 1, 1, 1, 1]);

    [Fact]
    public void ReLU_is_max_of_zero_and_z_with_slope_zero_or_one()
        => CheckElementwise(new ReLUUnits(), [0, 0, 0, 0.3, 1, 2.5], [0, 0, 0, 1, 1, 1]);

    [Fact]
    public void LeakyReLU_has_slope_one_hundredth_below_zero()
        => CheckElementwise(new LeakyReLUUnits(), [-0.02, -0.005, -0.001, 0.3, 1, 2.5], [0.01, 0.01, 0.01, 1, 1, 1]);

    [Fact]
    public void ELU_is_exp_minus_one_below_zero_with_alpha_one()
        => CheckElementwise(
            new ELUUnits(),
            [-0.8646647167633873, -0.3934693402873666, -0.09516258196404043, 0.3, 1, 2.5],
            [0.1353352832366127, 0.6065306597126334, 0.9048374180359595, 1, 1, 1]);

    [Fact]
    public void GELU_is_the_tanh_approximation()
        => CheckElementwise(
            new GELUUnits(),
            [-0.04540230591222494, -0.15428599017485606, -0.04601724895456484, 0.18537092354275922, 0.8411919906082768, 2.484915733910001],
            [-0.08609925662361825, 0.13263009646535764, 0.4204782107282433, 0.7322954516388018, 1.0829640838457826, 1.037951576212666]);

    [Fact]
    public void Sigmoid_is_the_logistic_function()
    {
        double[] y = [0.11920292202211755, 0.3775406687981454, 0.47502081252106, 0.574442516811659, 0.7310585786300049, 0.9241418199787566];
        CheckElementwise(new SigmoidUnits(), y, Array.ConvertAll(y, v => v * (1 - v)));
    }

    [Fact]
    public void Tanh_is_the_hyperbolic_tangent()
    {
        double[] y = [-0.9640275800758169, -0.46211715726000974, -0.09966799462495582, 0.2913126124515909, 0.7615941559557649, 0.9866142981514303];
        CheckElementwise(new TanhUnits(), y, Array.ConvertAll(y, v => 1 - (v * v)));
    }

    [Fact]
    public void Softmax_normalises_the_exponentials_and_backpropagates_through_its_jacobian()
    {
        double[] y = [0.007561754913289089, 0.03388943434746287, 0.05055709514863747, 0.07542232318373704, 0.15188190751496372, 0.6806874848919098];
        var network = new SoftmaxUnits();
        SetPreActivations(network);
        var output = new float[6];
        network.Predict([1f], output);
        NumericAssert.Close(y, output, 2e-6, 1e-7, "softmax");

        // dL/dy_j = 2 y_j / 6 against zero targets; dz_j = y_j (dy_j - sum_k dy_k y_k).
        network.ComputeGradients([1f], new float[6]);
        double dot = 0;
        foreach (double v in y)
        {
            dot += v * 2 * v / 6;
        }

        double[] dz = Array.ConvertAll(y, v => v * ((2 * v / 6) - dot));
        CheckGradient(network, dz);
    }

    private static void CheckElementwise(INetwork network, double[] expected, double[] derivative)
    {
        SetPreActivations(network);
        var output = new float[6];
        network.Predict([1f], output);
        NumericAssert.Close(expected, output, 2e-6, 1e-7, $"{network.Architecture}: values at {string.Join(", ", s_z)}");

        float loss = network.ComputeGradients([1f], new float[6]);
        double sum = 0;
        var dz = new double[6];
        for (int j = 0; j < 6; j++)
        {
            sum += expected[j] * expected[j];
            dz[j] = derivative[j] * 2 * expected[j] / 6;
        }

        NumericAssert.Close(sum / 6, loss, 5e-6, 1e-8, $"{network.Architecture}: loss");
        CheckGradient(network, dz);
    }

    /// <summary>With the input 1, dL/dw_j = dL/db_j = dL/dz_j.</summary>
    private static void CheckGradient(INetwork network, double[] dz)
    {
        float[] gradient = TestData.Gradients(network);
        NumericAssert.Close(dz, gradient.AsSpan(0, 6), 5e-6, 1e-8, $"{network.Architecture}: weight gradient");
        NumericAssert.Close(dz, gradient.AsSpan(6, 6), 5e-6, 1e-8, $"{network.Architecture}: bias gradient");
    }

    private static void SetPreActivations(INetwork network)
    {
        var parameters = new float[12];
        s_z.CopyTo(parameters, 0);
        network.ImportParameters(parameters);
    }
}
