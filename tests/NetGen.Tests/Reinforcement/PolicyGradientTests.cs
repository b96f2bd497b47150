using System;
using NetGen.Reinforcement;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Reinforcement;

/// <summary>
/// REINFORCE with a baseline and advantage actor-critic: the discounted returns follow their recursion; each gradient
/// (the policy term with its entropy bonus for softmax logits, the value term, and both heads of one network) matches
/// finite differences of the loss written out, with the advantage held constant where the method says so; the returned
/// terms are those losses; huge logits stay finite; bad input is refused and nothing is written.
/// </summary>
public class PolicyGradientTests
{
    private const int Rows = 5;
    private const int Actions = 3;
    private static readonly int[] s_actions = [0, 2, 1, 2, 0];

    [Fact]
    public void Discounted_returns_follow_G_t_equals_r_t_plus_gamma_G_t_plus_1()
    {
        float[] rewards = [1f, 2f, 3f];
        var returns = new float[3];
        PolicyGradient.DiscountedReturns(rewards, 0.5f, returns);
        Assert.Equal([1f + (0.5f * (2f + (0.5f * 3f))), 2f + (0.5f * 3f), 3f], returns);

        // Across the end of an episode, with a bootstrap value after the last step, in place.
        float[] stretch = [1f, 1f, 1f, 1f];
        PolicyGradient.DiscountedReturns(stretch, [false, true, false, false], 0.9f, 10f, stretch);
        Assert.Equal(1f + 0.9f, stretch[0], 6);
        Assert.Equal(1f, stretch[1]);
        Assert.Equal(1f + (0.9f * (1f + (0.9f * 10f))), stretch[2], 5);
        Assert.Equal(1f + (0.9f * 10f), stretch[3], 6);
    }

    [Theory]
    [InlineData(0f, true)]
    [InlineData(0.05f, true)]
    [InlineData(0.2f, false)]
    public void The_REINFORCE_gradient_matches_finite_differences_of_the_written_out_loss(float entropyCoefficient, bool perRowBaseline)
    {
        float[] logits = TestData.Uniform(Rows * Actions, -3f, 3f, seed: 1);
        float[] returns = TestData.Uniform(Rows, -2f, 5f, seed: 2);
        float[] baselines = TestData.Uniform(Rows, 0f, 2f, seed: 3);
        const float baseline = 1.25f;
        var gradients = new float[logits.Length];
        PolicyLosses losses = perRowBaseline
            ? PolicyGradient.Reinforce(logits, s_actions, returns, baselines, gradients, entropyCoefficient)
            : PolicyGradient.Reinforce(logits, s_actions, returns, baseline, gradients, entropyCoefficient);

        double[] advantages = new double[Rows];
        for (int r = 0; r < Rows; r++)
        {
            advantages[r] = returns[r] - (double)(perRowBaseline ? baselines[r] : baseline);
        }

        CheckPolicy(logits, advantages, entropyCoefficient, gradients, losses, "REINFORCE");
    }

    [Fact]
    public void The_actor_gradient_matches_finite_differences_of_the_written_out_loss()
    {
        float[] logits = TestData.Uniform(Rows * Actions, -3f, 3f, seed: 4);
        float[] advantages = TestData.Uniform(Rows, -1f, 1f, seed: 5);
        var gradients = new float[logits.Length];
        PolicyLosses losses = ActorCritic.ActorGradient(logits, s_actions, advantages, gradients, entropyCoefficient: 0.01f);
        CheckPolicy(logits, Array.ConvertAll(advantages, a => (double)a), 0.01f, gradients, losses, "actor");
    }

    [Fact]
    public void The_critic_gradient_matches_finite_differences_of_the_written_out_loss()
    {
        float[] values = TestData.Uniform(Rows, -3f, 3f, seed: 6);
        float[] returns = TestData.Uniform(Rows, -3f, 3f, seed: 7);
        var gradients = new float[Rows];
        float loss = ActorCritic.CriticGradient(values, returns, gradients);
        double WrittenOut(double[] v)
        {
            double sum = 0;
            for (int r = 0; r < Rows; r++)
            {
                sum += (v[r] - returns[r]) * (v[r] - returns[r]) / 2;
            }

            return sum / Rows;
        }

        NumericAssert.Close(Derivatives.Of(values, WrittenOut), gradients, 1e-5, 1e-7, "critic");
        NumericAssert.Close(Derivatives.At(values, WrittenOut), loss, 1e-6, 1e-7, "critic loss");
    }

    [Fact]
    public void Both_heads_of_one_network_match_finite_differences_with_the_advantage_held_constant()
    {
        const int width = Actions + 1;
        float[] outputs = TestData.Uniform(Rows * width, -2f, 2f, seed: 8);
        float[] returns = TestData.Uniform(Rows, -1f, 3f, seed: 9);
        var gradients = new float[outputs.Length];
        PolicyLosses losses = ActorCritic.Gradient(outputs, s_actions, returns, gradients, entropyCoefficient: 0.02f, valueCoefficient: 0.5f);

        // The advantage G - V is a constant of the policy term: it uses the values as they were, not as perturbed.
        var advantages = new double[Rows];
        for (int r = 0; r < Rows; r++)
        {
            advantages[r] = returns[r] - (double)outputs[(r * width) + Actions];
        }

        double WrittenOut(double[] y)
        {
            double policy = 0;
            double entropy = 0;
            double value = 0;
            for (int r = 0; r < Rows; r++)
            {
                policy -= advantages[r] * Derivatives.LogSoftmax(y, r * width, Actions)[s_actions[r]];
                entropy += Derivatives.Entropy(y, r * width, Actions);
                double error = y[(r * width) + Actions] - returns[r];
                value += error * error / 2;
            }

            return (policy - (0.02 * entropy) + (0.5 * value)) / Rows;
        }

        NumericAssert.Close(Derivatives.Of(outputs, WrittenOut), gradients, 1e-5, 1e-7, "both heads");
        NumericAssert.Close(Derivatives.At(outputs, WrittenOut), losses.Total, 1e-6, 1e-7, "total");
        double valueTerm = 0;
        for (int r = 0; r < Rows; r++)
        {
            valueTerm += advantages[r] * advantages[r] / 2;
        }

        NumericAssert.Close(valueTerm / Rows, losses.Value, 1e-6, 1e-7, "value term");
    }

    [Fact]
    public void Through_Backward_the_parameter_gradient_of_both_heads_matches_finite_differences()
    {
        var network = new TwoHeadedNet(seed: 3);
        const int width = TwoHeadedNet.OutputSize;
        float[] states = TestData.Inputs(network, Rows, seed: 4);
        float[] returns = [1f, -0.5f, 2f, 0f, 0.7f];
        var outputs = new float[Rows * width];
        var gradients = new float[outputs.Length];
        network.Forward(states, outputs);
        ActorCritic.Gradient(outputs, s_actions, returns, gradients, entropyCoefficient: 0.05f, valueCoefficient: 0.5f);
        network.Backward(gradients);

        var advantages = new double[Rows];
        for (int r = 0; r < Rows; r++)
        {
            advantages[r] = returns[r] - (double)outputs[(r * width) + width - 1];
        }

        var reference = new ShapedReference(TwoHeadedNet.Architecture);
        double[] expected = ShapedReference.Gradient(TestData.ToDouble(TestData.Parameters(network)), p =>
        {
            double[] y = reference.Predict(p, states, Rows);
            double loss = 0;
            for (int r = 0; r < Rows; r++)
            {
                double error = y[(r * width) + width - 1] - returns[r];
                loss += (-advantages[r] * Derivatives.LogSoftmax(y, r * width, width - 1)[s_actions[r]]) - (0.05 * Derivatives.Entropy(y, r * width, width - 1)) + (0.25 * error * error);
            }

            return loss / Rows;
        });
        NumericAssert.TensorsClose(TwoHeadedNet.Architecture, expected, TestData.Gradients(network), 2e-4, "actor-critic through Backward");
    }

    [Fact]
    public void Huge_logits_give_finite_gradients_and_losses()
    {
        float[] logits = [3e4f, -3e4f, 0f, 1e30f, 1e30f, -1e30f];
        var gradients = new float[6];
        PolicyLosses losses = PolicyGradient.Reinforce(logits, [1, 2], [1f, 1f], 0f, gradients, entropyCoefficient: 0.1f);
        Assert.All(gradients, value => Assert.True(float.IsFinite(value)));
        Assert.True(float.IsFinite(losses.Total));
        Assert.Equal(0.5f, gradients[0], 6);
        Assert.Equal(-0.5f, gradients[1], 6);
    }

    [Fact]
    public void Bad_input_is_refused_and_nothing_is_written()
    {
        float[] logits = [1f, 2f, 3f, 4f, 5f, 6f];
        var gradients = new float[6];
        gradients.AsSpan().Fill(42f);
        int[] actions = [0, 2];
        Assert.Contains("'returns' holds NaN at index 1", Assert.Throws<ArgumentException>(() => PolicyGradient.Reinforce(logits, actions, [1f, float.NaN], 0f, gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'baselines' holds NaN", Assert.Throws<ArgumentException>(() => PolicyGradient.Reinforce(logits, actions, [1f, 1f], [float.NaN, 0f], gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'baseline' is NaN", Assert.Throws<ArgumentException>(() => PolicyGradient.Reinforce(logits, actions, [1f, 1f], float.NaN, gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'logits' holds NaN", Assert.Throws<ArgumentException>(() => ActorCritic.ActorGradient([1f, float.NaN, 3f, 4f, 5f, 6f], actions, [1f, 1f], gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'advantages' holds", Assert.Throws<ArgumentException>(() => ActorCritic.ActorGradient(logits, actions, [float.NegativeInfinity, 1f], gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'actions[1]' is 3", Assert.Throws<ArgumentOutOfRangeException>(() => ActorCritic.ActorGradient(logits, [0, 3], [1f, 1f], gradients)).Message, StringComparison.Ordinal);
        Assert.Equal("entropyCoefficient", Assert.Throws<ArgumentOutOfRangeException>(() => ActorCritic.ActorGradient(logits, actions, [1f, 1f], gradients, -0.1f)).ParamName);
        Assert.Contains("at least 2 logits then 1 value", Assert.Throws<ArgumentException>(() => ActorCritic.Gradient([1f, 2f, 3f, 4f], actions, [1f, 1f], new float[4])).Message, StringComparison.Ordinal);
        Assert.Equal("valueCoefficient", Assert.Throws<ArgumentOutOfRangeException>(() => ActorCritic.Gradient(logits, actions, [1f, 1f], gradients, 0.01f, float.NaN)).ParamName);
        Assert.Contains("'returns' holds NaN", Assert.Throws<ArgumentException>(() => ActorCritic.CriticGradient([1f, 2f], [float.NaN, 1f], gradients.AsSpan(0, 2))).Message, StringComparison.Ordinal);
        Assert.Contains("one value per return", Assert.Throws<ArgumentException>(() => ActorCritic.CriticGradient([1f, 2f, 3f, 4f], [1f, 1f], gradients.AsSpan(0, 4))).Message, StringComparison.Ordinal);
        Assert.All(gradients, value => Assert.Equal(42f, value));

        var returns = new float[2];
        returns.AsSpan().Fill(42f);
        Assert.Contains("'rewards' holds NaN", Assert.Throws<ArgumentException>(() => PolicyGradient.DiscountedReturns([0f, float.NaN], 0.9f, returns)).Message, StringComparison.Ordinal);
        Assert.Contains("'bootstrapValue' is Infinity", Assert.Throws<ArgumentException>(() => PolicyGradient.DiscountedReturns([0f, 1f], [], 0.9f, float.PositiveInfinity, returns)).Message, StringComparison.Ordinal);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => PolicyGradient.DiscountedReturns([0f, 1f], -0.1f, returns)).ParamName);
        Assert.All(returns, value => Assert.Equal(42f, value));
    }

    [Fact]
    public void The_helpers_allocate_nothing()
    {
        float[] logits = TestData.Uniform(32 * 4, -1f, 1f, seed: 1);
        float[] returns = TestData.Uniform(32, -1f, 1f, seed: 2);
        var actions = new int[32];
        var gradients = new float[logits.Length];
        var valueGradients = new float[32];
        var discounted = new float[32];
        void Round()
        {
            PolicyGradient.DiscountedReturns(returns, 0.99f, discounted);
            PolicyGradient.Reinforce(logits, actions, discounted, 0.5f, gradients, 0.01f);
            ActorCritic.ActorGradient(logits, actions, returns, gradients);
            ActorCritic.CriticGradient(returns, discounted, valueGradients);
            ActorCritic.Gradient(logits.AsSpan(0, 32 * 4), actions, returns, gradients);
        }

        Round();
        long before = ThreadAllocation.Start();
        for (int i = 0; i < 1000; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void CheckPolicy(float[] logits, double[] advantages, float entropyCoefficient, float[] gradients, PolicyLosses losses, string what)
    {
        double Policy(double[] z)
        {
            double sum = 0;
            for (int r = 0; r < Rows; r++)
            {
                sum -= advantages[r] * Derivatives.LogSoftmax(z, r * Actions, Actions)[s_actions[r]];
            }

            return sum / Rows;
        }

        double Entropy(double[] z)
        {
            double sum = 0;
            for (int r = 0; r < Rows; r++)
            {
                sum += Derivatives.Entropy(z, r * Actions, Actions);
            }

            return sum / Rows;
        }

        double WrittenOut(double[] z) => Policy(z) - (entropyCoefficient * Entropy(z));
        NumericAssert.Close(Derivatives.Of(logits, WrittenOut), gradients, 1e-5, 1e-7, $"{what}, entropy {entropyCoefficient}");
        NumericAssert.Close(Derivatives.At(logits, WrittenOut), losses.Total, 1e-6, 1e-7, $"{what}: total");
        NumericAssert.Close(Derivatives.At(logits, Policy), losses.Policy, 1e-6, 1e-7, $"{what}: policy term");
        NumericAssert.Close(Derivatives.At(logits, Entropy), losses.Entropy, 1e-6, 1e-7, $"{what}: entropy");
        Assert.Equal(0f, losses.Value);
    }
}
