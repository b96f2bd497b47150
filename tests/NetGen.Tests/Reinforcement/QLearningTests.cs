using System;
using NetGen.Reinforcement;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Reinforcement;

/// <summary>
/// Q-learning: the targets and Double DQN targets follow their formulas; the gradient of the temporal-difference loss
/// matches finite differences of the loss written out (Huber and squared, weighted or not), and through a network's
/// Backward matches finite differences with respect to its parameters; bad input is refused and nothing is written.
/// </summary>
public class QLearningTests
{
    private const int Actions = 3;

    [Fact]
    public void Targets_add_the_discounted_best_next_value_except_after_a_terminal_step()
    {
        float[] rewards = [1f, -0.5f, 2f];
        bool[] terminals = [false, true, false];
        float[] next = [0.1f, 0.7f, 0.3f, 5f, 6f, 7f, -1f, -2f, -0.5f];
        var targets = new float[3];
        QLearning.Targets(rewards, terminals, next, 0.9f, targets);
        Assert.Equal(1f + (0.9f * 0.7f), targets[0], 6);
        Assert.Equal(-0.5f, targets[1]);
        Assert.Equal(2f + (0.9f * -0.5f), targets[2], 6);
    }

    [Fact]
    public void Double_targets_let_the_online_network_choose_and_the_target_network_value()
    {
        float[] rewards = [1f, 0f];
        bool[] terminals = [false, false];
        float[] online = [0.1f, 0.9f, 0.3f, 2f, 1f, 0f];
        float[] target = [10f, 20f, 30f, -1f, -2f, -3f];
        var targets = new float[2];
        QLearning.DoubleTargets(rewards, terminals, online, target, 0.5f, targets);
        Assert.Equal(1f + (0.5f * 20f), targets[0]);
        Assert.Equal(0.5f * -1f, targets[1]);

        // Plain targets would take the target network's own maximum.
        QLearning.Targets(rewards, terminals, target, 0.5f, targets);
        Assert.Equal(1f + (0.5f * 30f), targets[0]);
        Assert.Equal(0.5f * -1f, targets[1]);
    }

    [Theory]
    [InlineData(TemporalDifferenceLoss.Huber, 1f, false)]
    [InlineData(TemporalDifferenceLoss.Huber, 0.3f, true)]
    [InlineData(TemporalDifferenceLoss.SquaredError, 1f, false)]
    [InlineData(TemporalDifferenceLoss.SquaredError, 1f, true)]
    public void The_gradient_matches_finite_differences_of_the_written_out_loss(TemporalDifferenceLoss loss, float delta, bool weighted)
    {
        const int rows = 6;
        float[] values = TestData.Uniform(rows * Actions, -2f, 2f, seed: 1);
        int[] actions = [0, 2, 1, 1, 0, 2];

        // Errors on both sides of delta, none near the kink, where the loss has no second derivative.
        float[] targets = [values[0] + 0.1f, values[5] - 2.5f, values[7] + 1.7f, values[10] - 0.05f, values[12] + 0.6f, values[17] - 0.9f];
        float[] weights = weighted ? TestData.Uniform(rows, 0.2f, 1f, seed: 2) : [];
        var gradients = new float[values.Length];
        var errors = new float[rows];

        float returned = QLearning.Gradient(values, actions, targets, weights, gradients, errors, loss, delta);

        double WrittenOut(double[] q)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = q[(r * Actions) + actions[r]] - targets[r];
                double a = Math.Abs(d);
                double l = loss == TemporalDifferenceLoss.Huber && a > delta ? delta * (a - (delta / 2.0)) : d * d / 2;
                sum += (weighted ? weights[r] : 1.0) * l;
            }

            return sum / rows;
        }

        NumericAssert.Close(Derivatives.Of(values, WrittenOut), gradients, relative: 1e-5, absolute: 1e-7, $"{loss}, delta {delta}, weighted {weighted}");
        NumericAssert.Close(Derivatives.At(values, WrittenOut), returned, relative: 1e-6, absolute: 1e-7, "the returned loss");
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(values[(r * Actions) + actions[r]] - targets[r], errors[r], 6);
        }
    }

    [Fact]
    public void Through_Backward_the_parameter_gradient_matches_finite_differences_of_the_Huber_loss()
    {
        var network = new ActionValueNet(seed: 4);
        const int rows = 5;
        float[] states = TestData.Inputs(network, rows, seed: 5);
        int[] actions = [0, 1, 2, 2, 1];
        float[] targets = [3f, -2f, 0.1f, 0.4f, -0.2f];

        var values = new float[rows * Actions];
        var gradients = new float[values.Length];
        network.Forward(states, values);
        QLearning.Gradient(values, actions, targets, gradients);
        network.Backward(gradients);

        var reference = new ShapedReference(ActionValueNet.Architecture);
        double[] expected = ShapedReference.Gradient(TestData.ToDouble(TestData.Parameters(network)), p =>
        {
            double[] q = reference.Predict(p, states, rows);
            double loss = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = Math.Abs(q[(r * Actions) + actions[r]] - targets[r]);
                loss += d <= 1 ? d * d / 2 : d - 0.5;
            }

            return loss / rows;
        });
        NumericAssert.TensorsClose(ActionValueNet.Architecture, expected, TestData.Gradients(network), 2e-4, "DQN Huber loss through Backward");
    }

    [Fact]
    public void Bad_input_is_refused_and_nothing_is_written()
    {
        float[] values = [1f, 2f, 3f, 4f, 5f, 6f];
        int[] actions = [0, 2];
        float[] targets = [1f, 1f];
        var gradients = new float[6];
        gradients.AsSpan().Fill(42f);
        var output = new float[2];
        output.AsSpan().Fill(42f);

        Assert.Contains("'targets' holds NaN at index 1", Assert.Throws<ArgumentException>(() => QLearning.Gradient(values, actions, [1f, float.NaN], gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'values' holds ", Assert.Throws<ArgumentException>(() => QLearning.Gradient([1f, 2f, float.PositiveInfinity, 4f, 5f, 6f], actions, targets, gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("'actions[1]' is 3; an action is an index from 0 to 2", Assert.Throws<ArgumentOutOfRangeException>(() => QLearning.Gradient(values, [0, 3], targets, gradients)).Message, StringComparison.Ordinal);
        Assert.Contains("not 2 rows", Assert.Throws<ArgumentException>(() => QLearning.Gradient([1f, 2f, 3f], actions, targets, new float[3])).Message, StringComparison.Ordinal);
        Assert.Contains("There are no rows", Assert.Throws<ArgumentException>(() => QLearning.Gradient(values, [], [], gradients)).Message, StringComparison.Ordinal);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => QLearning.Gradient(values, actions, targets, gradients, TemporalDifferenceLoss.Huber, 0f)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentOutOfRangeException>(() => QLearning.Gradient(values, actions, targets, gradients, (TemporalDifferenceLoss)7)).ParamName);
        Assert.Contains("'weights' holds NaN", Assert.Throws<ArgumentException>(() => QLearning.Gradient(values, actions, targets, [1f, float.NaN], gradients, default, TemporalDifferenceLoss.Huber, 1f)).Message, StringComparison.Ordinal);
        Assert.All(gradients, value => Assert.Equal(42f, value));

        Assert.Contains("'rewards' holds NaN at index 0", Assert.Throws<ArgumentException>(() => QLearning.Targets([float.NaN, 0f], [false, false], values, 0.9f, output)).Message, StringComparison.Ordinal);
        Assert.Contains("'nextTargetValues' holds", Assert.Throws<ArgumentException>(() => QLearning.DoubleTargets([0f, 0f], [false, false], values, [0, 0, 0, 0, float.NaN, 0], 0.9f, output)).Message, StringComparison.Ordinal);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => QLearning.Targets([0f, 0f], [false, false], values, 1.5f, output)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => QLearning.Targets([0f, 0f], [false, false], values, float.NaN, output)).ParamName);
        Assert.Contains("'terminals' has 1 elements", Assert.Throws<ArgumentException>(() => QLearning.Targets([0f, 0f], [false], values, 0.9f, output)).Message, StringComparison.Ordinal);
        Assert.All(output, value => Assert.Equal(42f, value));
    }

    [Fact]
    public void The_helpers_allocate_nothing()
    {
        float[] values = TestData.Uniform(32 * Actions, -1f, 1f, seed: 1);
        float[] next = TestData.Uniform(32 * Actions, -1f, 1f, seed: 2);
        float[] rewards = TestData.Uniform(32, -1f, 1f, seed: 3);
        var terminals = new bool[32];
        var actions = new int[32];
        var targets = new float[32];
        var gradients = new float[values.Length];
        void Round()
        {
            QLearning.DoubleTargets(rewards, terminals, values, next, 0.99f, targets);
            QLearning.Targets(rewards, terminals, next, 0.99f, targets);
            QLearning.Gradient(values, actions, targets, gradients);
        }

        Round();
        long before = ThreadAllocation.Start();
        for (int i = 0; i < 1000; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_whole_DQN_frame_with_replay_and_a_target_network_allocates_nothing()
    {
        const int States = ActionValueNet.InputSize;
        const int Rows = ActionValueNet.BatchSize;
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        online.CopyParametersTo(target);
        var replay = new ReplayBuffer(256, States, Actions, seed: 3);
        var sampler = new ActionSampler(seed: 4);
        float[] state = TestData.Uniform(States, -1f, 1f, seed: 5);
        float[] next = TestData.Uniform(States, -1f, 1f, seed: 6);
        var values = new float[Actions];
        var states = new float[Rows * States];
        var nextStates = new float[Rows * States];
        var actions = new int[Rows];
        var rewards = new float[Rows];
        var terminals = new bool[Rows];
        var nextOnline = new float[Rows * Actions];
        var nextTarget = new float[Rows * Actions];
        var batchValues = new float[Rows * Actions];
        var targets = new float[Rows];
        var gradients = new float[Rows * Actions];
        void Frame(int frame)
        {
            online.Predict(state, values);
            int action = sampler.EpsilonGreedy(values, 0.1f);
            replay.Add(state, action, frame % 3 == 0 ? 1f : -0.5f, next, terminal: frame % 50 == 0);
            (state, next) = (next, state);
            replay.Sample(states, actions, rewards, nextStates, terminals);
            target.PredictBatch(nextStates, nextTarget);
            online.PredictBatch(nextStates, nextOnline);
            QLearning.DoubleTargets(rewards, terminals, nextOnline, nextTarget, 0.99f, targets);
            online.Forward(states, batchValues);
            QLearning.Gradient(batchValues, actions, targets, gradients);
            online.Backward(gradients);
            online.ApplyGradients();
            online.SoftUpdate(target, 0.01f);
        }

        for (int frame = 0; frame < 300; frame++)
        {
            Frame(frame);
        }

        long before = ThreadAllocation.Start();
        for (int frame = 300; frame < 1300; frame++)
        {
            Frame(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1300, replay.Added);
        Assert.Equal(1300, online.Step);
    }
}
