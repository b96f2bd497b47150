using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Tests.Networks;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Reinforcement;

/// <summary>
/// Target networks: <c>CopyParametersTo</c> and Polyak averaging <c>SoftUpdate</c> between two instances of one generated
/// type. They change the target's parameters only (not its optimizer state or step), exactly as the formula says,
/// refuse bad targets and rates without changing anything, respect the one-caller-at-a-time guard, and allocate nothing.
/// </summary>
public class TargetNetworkTests
{
    [Fact]
    public void CopyParametersTo_makes_the_target_compute_what_the_source_computes_and_keeps_its_optimizer_state_and_step()
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        Train(online, steps: 3, seed: 10);
        Train(target, steps: 5, seed: 20);

        // What the target should be afterwards: its own optimizer state and step, with the online network's parameters.
        ActionValueNet expected = Clone(target);
        expected.ImportParameters(TestData.Parameters(online));

        online.CopyParametersTo(target);

        NumericAssert.BitwiseEqual(TestData.Parameters(online), TestData.Parameters(target), "parameters after the copy");
        Assert.Equal(5, target.Step);
        float[] inputs = TestData.Inputs(online, 6, seed: 3);
        Assert.Equal(Predict(online, inputs), Predict(target, inputs));

        // One more step of each shows that the target kept its Adam moments and step count.
        Train(target, steps: 1, seed: 30);
        Train(expected, steps: 1, seed: 30);
        NumericAssert.BitwiseEqual(TestData.Parameters(expected), TestData.Parameters(target), "parameters after one more step");
    }

    [Theory]
    [InlineData(0.005f)]
    [InlineData(0.3f)]
    [InlineData(0.999f)]
    public void SoftUpdate_moves_every_parameter_tau_of_the_way_to_the_source(float tau)
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        Train(online, steps: 2, seed: 10);
        float[] source = TestData.Parameters(online);
        float[] before = TestData.Parameters(target);

        online.SoftUpdate(target, tau);

        float[] after = TestData.Parameters(target);
        var expected = new double[after.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = (tau * (double)source[i]) + ((1 - (double)tau) * before[i]);
        }

        NumericAssert.Close(expected, after, relative: 1e-6, absolute: 1e-7, $"tau {tau}");
        NumericAssert.BitwiseEqual(source, TestData.Parameters(online), "the source is unchanged");
        Assert.Equal(0, target.Step);
    }

    [Fact]
    public void SoftUpdate_with_tau_1_copies_and_with_tau_0_changes_nothing()
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        float[] before = TestData.Parameters(target);
        online.SoftUpdate(target, 0f);
        NumericAssert.BitwiseEqual(before, TestData.Parameters(target), "tau 0");
        online.SoftUpdate(target, 1f);
        NumericAssert.BitwiseEqual(TestData.Parameters(online), TestData.Parameters(target), "tau 1");
    }

    [Fact]
    public void Repeated_soft_updates_close_the_gap_by_the_factor_1_minus_tau_each_time()
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        double gap = Distance(online, target);
        for (int update = 0; update < 50; update++)
        {
            online.SoftUpdate(target, 0.1f);
        }

        NumericAssert.Close(gap * Math.Pow(0.9, 50), (float)Distance(online, target), relative: 1e-3, absolute: 0, "distance after 50 updates of tau 0.1");
    }

    [Fact]
    public void The_members_work_through_INetwork_between_instances_of_one_type()
    {
        INetwork online = new ActionValueNet(seed: 1);
        INetwork target = new ActionValueNet(seed: 2);
        online.SoftUpdate(target, 1f);
        NumericAssert.BitwiseEqual(TestData.Parameters(online), TestData.Parameters(target), "SoftUpdate through INetwork");
        Train((ActionValueNet)online, steps: 1, seed: 4);
        online.CopyParametersTo(target);
        NumericAssert.BitwiseEqual(TestData.Parameters(online), TestData.Parameters(target), "CopyParametersTo through INetwork");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.PositiveInfinity)]
    public void A_tau_outside_0_to_1_is_refused_and_changes_nothing(float tau)
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        float[] before = TestData.Parameters(target);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => online.SoftUpdate(target, tau));
        Assert.Equal("tau", error.ParamName);
        Assert.Contains("[0, 1]", error.Message, StringComparison.Ordinal);
        NumericAssert.BitwiseEqual(before, TestData.Parameters(target), "target after a refused update");
    }

    [Fact]
    public void A_missing_target_or_the_network_itself_is_refused()
    {
        var online = new ActionValueNet(seed: 1);
        float[] before = TestData.Parameters(online);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => online.CopyParametersTo(null!)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => ((INetwork)online).SoftUpdate(null!, 0.5f)).ParamName);
        ArgumentException self = Assert.Throws<ArgumentException>(() => online.SoftUpdate(online, 0.5f));
        Assert.Contains("the target is this network itself", self.Message, StringComparison.Ordinal);
        NumericAssert.BitwiseEqual(before, TestData.Parameters(online), "parameters");
    }

    [Fact]
    public void A_target_of_another_type_is_refused_naming_both_types_and_whether_the_architectures_match()
    {
        INetwork online = new ActionValueNet(seed: 1);
        INetwork twin = new ActionValueTwinNet(seed: 2);
        INetwork other = new TwoHeadedNet(seed: 3);
        float[] twinBefore = TestData.Parameters(twin);

        ArgumentException sameArchitecture = Assert.Throws<ArgumentException>(() => online.CopyParametersTo(twin));
        Assert.Equal("target", sameArchitecture.ParamName);
        Assert.Contains("'target' is a ActionValueTwinNet; expected another ActionValueNet", sameArchitecture.Message, StringComparison.Ordinal);
        Assert.Contains("same architecture", sameArchitecture.Message, StringComparison.Ordinal);
        Assert.Contains("ExportParameters and ImportParameters", sameArchitecture.Message, StringComparison.Ordinal);

        ArgumentException otherArchitecture = Assert.Throws<ArgumentException>(() => online.SoftUpdate(other, 0.5f));
        Assert.Contains("expected another ActionValueNet", otherArchitecture.Message, StringComparison.Ordinal);
        Assert.Contains($"its architecture is {other.Architecture.Description}, not {online.Architecture.Description}", otherArchitecture.Message, StringComparison.Ordinal);
        NumericAssert.BitwiseEqual(twinBefore, TestData.Parameters(twin), "the refused target");
    }

    [Fact]
    public void After_an_update_the_target_needs_a_new_Forward_before_Backward()
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        float[] inputs = TestData.Inputs(target, 2, seed: 1);
        var outputs = new float[2 * ActionValueNet.OutputSize];
        target.Forward(inputs, outputs);
        online.SoftUpdate(target, 0.5f);
        Assert.Throws<InvalidOperationException>(() => target.Backward(new float[outputs.Length]));
        target.Forward(inputs, outputs);
        target.Backward(new float[outputs.Length]);
    }

    [Fact]
    public void Copies_and_soft_updates_allocate_nothing()
    {
        var online = new ActionValueNet(seed: 1);
        var target = new ActionValueNet(seed: 2);
        INetwork onlineInterface = online;
        for (int call = 0; call < 100; call++)
        {
            online.SoftUpdate(target, 0.01f);
            online.CopyParametersTo(target);
            onlineInterface.SoftUpdate(target, 0.01f);
        }

        long before = ThreadAllocation.Start();
        for (int call = 0; call < 1000; call++)
        {
            online.SoftUpdate(target, 0.01f);
            online.CopyParametersTo(target);
            onlineInterface.SoftUpdate(target, 0.01f);
            onlineInterface.CopyParametersTo(target);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task An_update_while_either_network_runs_a_call_on_another_thread_is_refused_and_corrupts_nothing()
    {
        var online = new PixelFlattenNet(seed: 1);
        var target = new PixelFlattenNet(seed: 2);
        float[] inputs = TestData.Inputs(online, PixelFlattenNet.BatchSize, seed: 1);
        float[] targets = TestData.Targets(online, PixelFlattenNet.BatchSize, seed: 2);
        int refusedUpdates = 0;
        int refusedSteps = 0;
        using var start = new Barrier(3);

        // Each thread makes its calls, then goes on until a concurrent call has been seen (on a busy machine the threads
        // may take turns for a while), or until 30 s have passed.
        var clock = Stopwatch.StartNew();
        bool Enough() => Volatile.Read(ref refusedUpdates) + Volatile.Read(ref refusedSteps) > 0 || clock.Elapsed > TimeSpan.FromSeconds(30);
        void Step(PixelFlattenNet network)
        {
            start.SignalAndWait();
            for (int call = 0; call < 300 || !Enough(); call++)
            {
                try
                {
                    network.TrainStep(inputs, targets);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("already running a call on another thread", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refusedSteps);
                }
            }
        }

        void Update()
        {
            start.SignalAndWait();
            for (int call = 0; call < 3000 || !Enough(); call++)
            {
                try
                {
                    online.SoftUpdate(target, 0.01f);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("already running a call on another thread", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refusedUpdates);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Step(online)), Task.Run(() => Step(target)), Task.Run(Update)).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(refusedUpdates + refusedSteps > 0, "no concurrent call was detected");
        Assert.All(TestData.Parameters(online), value => Assert.True(float.IsFinite(value)));
        Assert.All(TestData.Parameters(target), value => Assert.True(float.IsFinite(value)));

        // Both networks are free again afterwards.
        online.SoftUpdate(target, 1f);
        NumericAssert.BitwiseEqual(TestData.Parameters(online), TestData.Parameters(target), "a copy after the race");
    }

    private static void Train(ActionValueNet network, int steps, int seed)
    {
        for (int step = 0; step < steps; step++)
        {
            network.TrainStep(TestData.Inputs(network, 4, seed + step), TestData.Targets(network, 4, seed + 100 + step));
        }
    }

    private static ActionValueNet Clone(ActionValueNet network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        return ActionValueNet.Load(stream);
    }

    private static float[] Predict(ActionValueNet network, float[] inputs)
    {
        var outputs = new float[inputs.Length / ActionValueNet.InputSize * ActionValueNet.OutputSize];
        network.PredictBatch(inputs, outputs);
        return outputs;
    }

    private static double Distance(INetwork a, INetwork b)
    {
        float[] x = TestData.Parameters(a);
        float[] y = TestData.Parameters(b);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += ((double)x[i] - y[i]) * ((double)x[i] - y[i]);
        }

        return Math.Sqrt(sum);
    }
}
