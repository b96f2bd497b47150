using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// After construction and a warm-up call, 1,000 calls of each hot method allocate nothing on the
/// managed heap (GC.GetAllocatedBytesForCurrentThread does not move), on every network shape,
/// loss, optimizer and dropout configuration the tests declare.
/// </summary>
/// <remarks>
/// The runtime itself may allocate once on the calling thread while it promotes a method to
/// optimised code (tiered compilation), so a window of 1,000 calls is measured up to three times
/// and one of them must allocate nothing. Code that allocates per call allocates in every window.
/// </remarks>
public class AllocationTests
{
    private const int Calls = 1000;
    private const int Windows = 3;

    public static TheoryData<string> Networks
    {
        get
        {
            TheoryData<string> data = NetworkCatalog.Names;
            data.Add(nameof(MnistShapedNet));
            data.Add(nameof(SmallDropoutAdamNet));
            data.Add(nameof(HiddenDropoutProbe));
            data.Add(nameof(WideNormNet));
            data.Add(nameof(BatchNormResidualNet));
            data.Add(nameof(SequenceLayerNormNet));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Steady_state_calls_allocate_nothing(string name)
    {
        INetwork network = Create(name);
        int rows = Math.Min(2, network.BatchSize);
        float[] inputs = TestData.Inputs(network, rows, seed: 1);
        float[] targets = TestData.Targets(network, rows, seed: 2);
        float[] input = inputs[..network.InputSize];
        var output = new float[network.OutputSize];
        var outputs = new float[rows * network.OutputSize];

        // Penalties and decay take their own code paths in the update; clipping takes another step.
        network.Hyperparameters = network.Hyperparameters with { L1 = 1e-5f, L2 = 1e-4f, WeightDecay = 1e-3f, LearningRate = 1e-4f };
        AssertNoAllocation(name, "TrainStep", () => network.TrainStep(inputs, targets));
        network.Hyperparameters = network.Hyperparameters with { ClipNorm = 0.01f };
        AssertNoAllocation(name, "TrainStep with clipping", () => network.TrainStep(inputs, targets));
        AssertNoAllocation(name, "Predict", () => network.Predict(input, output));
        AssertNoAllocation(name, "PredictBatch", () => network.PredictBatch(inputs, outputs));
        AssertNoAllocation(name, "ComputeGradients", () => network.ComputeGradients(inputs, targets));
        AssertNoAllocation(name, "Evaluate", () => network.Evaluate(inputs, targets));
        AssertNoAllocation(name, "AccumulateGradients + ApplyGradients", () =>
        {
            network.AccumulateGradients(inputs, targets);
            network.AccumulateGradients(inputs, targets);
            network.ApplyGradients();
        });
    }

    private static INetwork Create(string name) => name switch
    {
        nameof(MnistShapedNet) => new MnistShapedNet(seed: 1),
        nameof(SmallDropoutAdamNet) => new SmallDropoutAdamNet(seed: 1),
        nameof(HiddenDropoutProbe) => new HiddenDropoutProbe(seed: 1),
        nameof(WideNormNet) => new WideNormNet(seed: 1),
        nameof(BatchNormResidualNet) => new BatchNormResidualNet(seed: 1),
        nameof(SequenceLayerNormNet) => new SequenceLayerNormNet(seed: 1),
        _ => NetworkCatalog.Create(name),
    };

    private static void AssertNoAllocation(string name, string what, Action call)
    {
        // Warm-up: the first calls may be compiled and promoted through the JIT's tiers.
        for (int i = 0; i < 3; i++)
        {
            call();
        }

        var allocated = new long[Windows];
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
            {
                call();
            }

            allocated[window] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated[window] == 0)
            {
                return;
            }
        }

        Assert.Fail($"{name}: every window of {Calls} calls of {what} allocated: {string.Join(", ", allocated)} bytes.");
    }
}
