using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// A loss or gradient the caller computes: <c>Forward</c>, <c>Backward(outputGradients)</c> and <c>ApplyGradients()</c>. With
/// the declared loss's own gradient they give what <c>ComputeGradients</c> and <c>TrainStep</c> give, for every loss, every
/// optimizer, with dropout and with shapes; with a gradient on one output per row (a Q-learning target) they match a
/// reference; and they allocate nothing.
/// </summary>
public class CallerGradientTests
{
    private const double Tolerance = 2e-4;

    private static readonly Dictionary<string, Func<int, INetwork>> s_networks = new()
    {
        [nameof(SquaredErrorReluTanhNet)] = seed => new SquaredErrorReluTanhNet(seed),
        [nameof(AbsoluteErrorLeakySigmoidNet)] = seed => new AbsoluteErrorLeakySigmoidNet(seed),
        [nameof(HuberEluSoftmaxNet)] = seed => new HuberEluSoftmaxNet(seed),
        [nameof(BinaryCrossEntropyGeluNet)] = seed => new BinaryCrossEntropyGeluNet(seed),
        [nameof(CategoricalSigmoidLeakyNet)] = seed => new CategoricalSigmoidLeakyNet(seed),
        [nameof(SingleRowHuberNet)] = seed => new SingleRowHuberNet(seed),
        [nameof(ZeroRateDropoutNet)] = seed => new ZeroRateDropoutNet(seed),
        [nameof(BottleneckNet)] = seed => new BottleneckNet(seed),
        [nameof(PanelNet)] = seed => new PanelNet(seed),
        [nameof(SmallDropoutAdamNet)] = seed => new SmallDropoutAdamNet(seed),
        [nameof(PixelFlattenNet)] = seed => new PixelFlattenNet(seed),
        [nameof(InputFlattenNet)] = seed => new InputFlattenNet(seed),
        [nameof(PerPositionClassifierNet)] = seed => new PerPositionClassifierNet(seed),
        [nameof(ShapedDropoutNet)] = seed => new ShapedDropoutNet(seed),
        [nameof(SmallLeNet)] = seed => new SmallLeNet(seed),
        [nameof(CausalSequenceNet)] = seed => new CausalSequenceNet(seed),
        [nameof(PixelClassifierNet)] = seed => new PixelClassifierNet(seed),
        [nameof(ConvolutionDropoutNet)] = seed => new ConvolutionDropoutNet(seed),
        [nameof(SparseSoftmaxNet)] = seed => new SparseSoftmaxNet(seed),
        [nameof(SparsePerPositionLogitsNet)] = seed => new SparsePerPositionLogitsNet(seed),
        [nameof(BinaryLogitsNet)] = seed => new BinaryLogitsNet(seed),
        [nameof(CategoricalLogitsNet)] = seed => new CategoricalLogitsNet(seed),
    };

    public static TheoryData<string> Names => new(s_networks.Keys);

    [Fact]
    public void The_networks_cover_every_optimizer_and_loss_with_dropout()
    {
        INetwork[] networks = s_networks.Values.Select(create => create(1)).ToArray();
        Assert.Equal(Enum.GetValues<Optimizer>().Order(), networks.Select(network => network.Architecture.Optimizer).Distinct().Order());
        Assert.Equal(Enum.GetValues<Loss>().Order(), networks.Select(network => network.Architecture.Loss).Distinct().Order());
        Assert.Contains(networks, network => network.Architecture.Layers.Any(layer => layer.DropoutRate > 0));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_and_Backward_of_the_declared_losss_gradient_give_what_ComputeGradients_gives(string name)
    {
        INetwork caller = s_networks[name](3);
        INetwork declared = s_networks[name](3);
        int rows = Math.Min(5, caller.BatchSize);
        float[] inputs = TestData.Inputs(caller, rows, seed: 1);
        float[] targets = TestData.Targets(caller, rows, seed: 2);

        var outputs = new float[rows * caller.OutputSize];
        caller.Forward(inputs, outputs);
        caller.Backward(LossGradient(caller.Architecture, outputs, targets, rows));
        declared.ComputeGradients(inputs, targets);

        NumericAssert.TensorsClose(caller.Architecture, TestData.ToDouble(TestData.Gradients(declared)), TestData.Gradients(caller), Tolerance, $"{name}: Forward + Backward against ComputeGradients");
        Assert.Equal(rows, caller.AccumulatedRows);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ApplyGradients_after_Backward_steps_as_TrainStep_does(string name)
    {
        INetwork caller = s_networks[name](4);
        INetwork declared = s_networks[name](4);
        for (int step = 0; step < 3; step++)
        {
            int rows = 1 + ((step * 2) % caller.BatchSize);
            float[] inputs = TestData.Inputs(caller, rows, seed: 10 + step);
            float[] targets = TestData.Targets(caller, rows, seed: 20 + step);
            var outputs = new float[rows * caller.OutputSize];
            caller.Forward(inputs, outputs);
            caller.Backward(LossGradient(caller.Architecture, outputs, targets, rows));
            caller.ApplyGradients();
            declared.TrainStep(inputs, targets);
        }

        Assert.Equal(declared.Step, caller.Step);
        NumericAssert.TensorsClose(caller.Architecture, TestData.ToDouble(TestData.Parameters(declared)), TestData.Parameters(caller), Tolerance, $"{name}: three steps");
    }

    [Theory]
    [InlineData(nameof(BottleneckNet))]
    [InlineData(nameof(SequenceViewNet))]
    public void A_gradient_on_one_output_per_row_matches_the_reference(string name)
    {
        // A Q-learning update: each row's loss is 0.5 (Q(s, a) - target)^2 on the action taken only.
        INetwork network = name == nameof(BottleneckNet) ? new BottleneckNet(seed: 6) : new SequenceViewNet(seed: 6);
        int rows = Math.Min(4, network.BatchSize);
        int outputs = network.OutputSize;
        float[] inputs = TestData.Inputs(network, rows, seed: 5);
        int[] actions = Enumerable.Range(0, rows).Select(row => (row * 7) % outputs).ToArray();
        float[] goals = TestData.Uniform(rows, -1f, 1f, seed: 6);

        var values = new float[rows * outputs];
        network.Forward(inputs, values);
        var gradient = new float[rows * outputs];
        for (int r = 0; r < rows; r++)
        {
            gradient[(r * outputs) + actions[r]] = values[(r * outputs) + actions[r]] - goals[r];
        }

        network.Backward(gradient);

        var reference = new ShapedReference(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        double[] expected = ShapedReference.Gradient(parameters, p =>
        {
            double[] q = reference.Predict(p, inputs, rows);
            double loss = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = q[(r * outputs) + actions[r]] - goals[r];
                loss += 0.5 * d * d;
            }

            return loss;
        });
        NumericAssert.TensorsClose(network.Architecture, expected, TestData.Gradients(network), Tolerance, $"{name}: one output per row");
    }

    [Fact]
    public void Threads_split_Forward_and_Backward_bit_for_bit()
    {
        var single = new PixelFlattenNet(seed: 8);
        var threaded = new PixelFlattenNet(seed: 8) { Threads = 2 };
        int rows = PixelFlattenNet.BatchSize;
        for (int step = 0; step < 3; step++)
        {
            float[] inputs = TestData.Inputs(single, rows, seed: step);
            var first = new float[rows * PixelFlattenNet.OutputSize];
            var second = new float[first.Length];
            single.Forward(inputs, first);
            threaded.Forward(inputs, second);
            NumericAssert.BitwiseEqual(first, second, "outputs of Forward");
            float[] gradient = TestData.Uniform(first.Length, -1f, 1f, seed: 30 + step);
            single.Backward(gradient);
            threaded.Backward(gradient);
            single.ApplyGradients();
            threaded.ApplyGradients();
        }

        NumericAssert.BitwiseEqual(TestData.Parameters(single), TestData.Parameters(threaded), "parameters after three steps");
        threaded.Threads = 1;
    }

    [Fact]
    public void Forward_Backward_and_ApplyGradients_allocate_nothing()
    {
        var network = new ShapedDropoutNet(seed: 2);
        float[] inputs = TestData.Inputs(network, 9, seed: 1);
        var outputs = new float[9 * ShapedDropoutNet.OutputSize];
        float[] gradient = TestData.Uniform(outputs.Length, -0.01f, 0.01f, seed: 2);
        for (int call = 0; call < 200; call++)
        {
            network.Forward(inputs, outputs);
            network.Backward(gradient);
            network.ApplyGradients();
        }

        long before = ThreadAllocation.Start();
        for (int call = 0; call < 1000; call++)
        {
            network.Forward(inputs, outputs);
            network.Backward(gradient);
            network.ApplyGradients();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Backward_needs_the_activations_of_a_Forward_call()
    {
        INetwork network = new BottleneckNet(seed: 1);
        float[] inputs = TestData.Inputs(network, 2, seed: 1);
        var outputs = new float[2 * network.OutputSize];
        var gradient = new float[outputs.Length];

        InvalidOperationException none = Assert.Throws<InvalidOperationException>(() => network.Backward(gradient));
        Assert.Contains("Forward", none.Message, StringComparison.Ordinal);

        network.Forward(inputs, outputs);
        network.Predict(inputs.AsSpan(0, network.InputSize), outputs.AsSpan(0, network.OutputSize));
        InvalidOperationException replaced = Assert.Throws<InvalidOperationException>(() => network.Backward(gradient));
        Assert.Contains("replaced", replaced.Message, StringComparison.Ordinal);

        network.Forward(inputs, outputs);
        ArgumentException rows = Assert.Throws<ArgumentException>(() => network.Backward(new float[3 * network.OutputSize]));
        Assert.Contains($"expected 2 rows x OutputSize = {network.OutputSize}", rows.Message, StringComparison.Ordinal);
        gradient[1] = float.NaN;
        ArgumentException nan = Assert.Throws<ArgumentException>(() => network.Backward(gradient));
        Assert.Contains("NaN at index 1", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => network.Forward(inputs, new float[3]));
        Assert.Throws<InvalidOperationException>(() => network.ApplyGradients());
    }

    /// <summary>The gradient of the declared loss's mean with respect to the outputs, as a caller would compute it: for a
    /// cross-entropy over logits outputs, with respect to the logits; for the sparse one, from the class index of each position.</summary>
    private static float[] LossGradient(NetworkArchitecture architecture, float[] outputs, float[] targets, int rows)
    {
        int channels = architecture.OutputShape.Channels;
        double elements = (double)rows * architecture.OutputSize;
        double positions = elements / channels;
        var gradient = new float[outputs.Length];
        bool categorical = architecture.Loss is Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy;
        if (categorical)
        {
            for (int p = 0; p < outputs.Length / channels; p++)
            {
                double[] y = new double[channels];
                double[] t = new double[channels];
                for (int c = 0; c < channels; c++)
                {
                    y[c] = outputs[(p * channels) + c];
                    t[c] = architecture.Loss == Loss.SparseCategoricalCrossEntropy ? (c == (int)targets[p] ? 1 : 0) : targets[(p * channels) + c];
                }

                if (architecture.OutputsLogits)
                {
                    double max = y.Max();
                    double sum = y.Sum(z => Math.Exp(z - max));
                    for (int c = 0; c < channels; c++)
                    {
                        gradient[(p * channels) + c] = (float)((Math.Exp(y[c] - max) / sum * t.Sum() - t[c]) / positions);
                    }
                }
                else
                {
                    for (int c = 0; c < channels; c++)
                    {
                        gradient[(p * channels) + c] = (float)(-t[c] / y[c] / positions);
                    }
                }
            }

            return gradient;
        }

        for (int i = 0; i < outputs.Length; i++)
        {
            double y = outputs[i];
            double t = targets[i];
            double d = y - t;
            gradient[i] = (float)(architecture.Loss switch
            {
                Loss.MeanSquaredError => 2 * d / elements,
                Loss.MeanAbsoluteError => Math.Sign(d) / elements,
                Loss.Huber => Math.Clamp(d, -1, 1) / elements,
                Loss.BinaryCrossEntropy when architecture.OutputsLogits => ((1 / (1 + Math.Exp(-y))) - t) / elements,
                _ => d / (y * (1 - y)) / elements,
            });
        }

        return gradient;
    }
}
