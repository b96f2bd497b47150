using System;
using System.Collections.Generic;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// <see cref="ParameterOptimizer"/> on parameters outside a network: every update rule against three steps worked
/// out with the formulas of the contract, and every rule against the update of a generated network given the same
/// gradient. The vectors have 19 elements, so that each step runs whole vectors and a tail on every SIMD path.
/// </summary>
public class ParameterOptimizerTests
{
    private const int Count = 19;
    private const double Rate = 0.1;

    /// <summary>The starting parameters: both signs, and one exact zero (index 7), where sign(p) is 0. Values are
    /// floats, so that the expectations start from exactly what the optimizer is given.</summary>
    private static double P0(int i) => (float)((7 - i) * 0.1);

    /// <summary>The gradient of step <paramref name="t"/> (1, 2 or 3): fixed float values of both signs and sizes.</summary>
    private static double G(int t, int i) => (float)(t switch
    {
        1 => Math.Sin(1.3 + (0.7 * i)) * (1 + (0.2 * i)),
        2 => Math.Cos(0.4 + (1.1 * i)) * 0.5,
        _ => 0.3 - (0.05 * i * (i % 3)),
    });

    [Fact]
    public void Sgd_subtracts_the_learning_rate_times_the_gradient()
    {
        AssertThreeSteps(Optimizer.Sgd, h => h, i =>
        {
            double p = P0(i);
            for (int t = 1; t <= 3; t++)
            {
                p -= Rate * G(t, i);
            }

            return p;
        });
    }

    [Fact]
    public void Momentum_buffer_starts_at_zero_and_is_dampened_from_the_first_step()
    {
        // v = m v + (1 - dampening) g; p -= lr v.
        AssertThreeSteps(Optimizer.Momentum, h => h with { Momentum = 0.9f, Dampening = 0.5f }, i =>
        {
            double p = P0(i);
            double v = 0;
            for (int t = 1; t <= 3; t++)
            {
                v = (0.9 * v) + (0.5 * G(t, i));
                p -= Rate * v;
            }

            return p;
        });
    }

    [Fact]
    public void Nesterov_steps_with_the_gradient_plus_momentum_times_the_new_buffer()
    {
        // v = m v + g; p -= lr (g + m v).
        AssertThreeSteps(Optimizer.Nesterov, h => h with { Momentum = 0.8f }, i =>
        {
            double p = P0(i);
            double v = 0;
            for (int t = 1; t <= 3; t++)
            {
                v = (0.8 * v) + G(t, i);
                p -= Rate * (G(t, i) + (0.8 * v));
            }

            return p;
        });
    }

    [Fact]
    public void AdaGrad_divides_by_the_root_of_the_summed_squares_plus_epsilon()
    {
        // s += g^2; p -= lr g / (sqrt(s) + eps); a large epsilon makes its place visible.
        AssertThreeSteps(Optimizer.AdaGrad, h => h with { Epsilon = 0.25f }, i =>
        {
            double p = P0(i);
            double s = 0;
            for (int t = 1; t <= 3; t++)
            {
                s += G(t, i) * G(t, i);
                p -= Rate * G(t, i) / (Math.Sqrt(s) + 0.25);
            }

            return p;
        });
    }

    [Fact]
    public void RMSProp_divides_by_the_root_of_the_decayed_mean_square_plus_epsilon()
    {
        // s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + eps).
        AssertThreeSteps(Optimizer.RMSProp, h => h with { Rho = 0.9f, Epsilon = 0.05f }, i =>
        {
            double p = P0(i);
            double s = 0;
            for (int t = 1; t <= 3; t++)
            {
                s = (0.9 * s) + (0.1 * G(t, i) * G(t, i));
                p -= Rate * G(t, i) / (Math.Sqrt(s) + 0.05);
            }

            return p;
        });
    }

    [Fact]
    public void Adam_uses_bias_corrected_moments_with_epsilon_after_the_square_root()
    {
        // m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
        AssertThreeSteps(Optimizer.Adam, h => h with { LearningRate = 0.1f, Beta1 = 0.8f, Beta2 = 0.9f, Epsilon = 0.01f, WeightDecay = 0.5f }, i =>
        {
            double p = P0(i);
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 3; t++)
            {
                m = (0.8 * m) + (0.2 * G(t, i));
                v = (0.9 * v) + (0.1 * G(t, i) * G(t, i));
                p -= Rate * (m / (1 - Math.Pow(0.8, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.9, t))) + 0.01);
            }

            return p; // WeightDecay belongs to AdamW: Adam ignores it.
        });
    }

    [Fact]
    public void AdamW_decays_every_parameter_by_learning_rate_times_decay_before_the_Adam_step()
    {
        // p -= lr wd p; then the Adam step.
        AssertThreeSteps(Optimizer.AdamW, h => h with { LearningRate = 0.1f, Beta1 = 0.8f, Beta2 = 0.9f, Epsilon = 0.01f, WeightDecay = 0.5f }, i =>
        {
            double p = P0(i);
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 3; t++)
            {
                p -= Rate * 0.5 * p;
                m = (0.8 * m) + (0.2 * G(t, i));
                v = (0.9 * v) + (0.1 * G(t, i) * G(t, i));
                p -= Rate * (m / (1 - Math.Pow(0.8, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.9, t))) + 0.01);
            }

            return p;
        });
    }

    [Fact]
    public void L1_and_L2_penalise_every_parameter()
    {
        // g + L1 sign(p) + L2 p, with sign(0) = 0.
        AssertThreeSteps(Optimizer.Sgd, h => h with { L1 = 0.03f, L2 = 0.2f }, i =>
        {
            double p = P0(i);
            for (int t = 1; t <= 3; t++)
            {
                p -= Rate * (G(t, i) + (0.03 * Math.Sign(p)) + (0.2 * p));
            }

            return p;
        });
    }

    [Fact]
    public void ClipNorm_rescales_the_whole_gradient_to_that_norm_before_the_penalties()
    {
        // Every step's gradient here has a norm above 1.5: it is applied as g * 1.5 / |g|, and L2 is added afterwards.
        var norms = new double[4];
        for (int t = 1; t <= 3; t++)
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                sum += G(t, i) * G(t, i);
            }

            norms[t] = Math.Sqrt(sum);
            Assert.True(norms[t] > 1.5, $"the gradient of step {t} has norm {norms[t]}, too small to be clipped");
        }

        AssertThreeSteps(Optimizer.Sgd, h => h with { ClipNorm = 1.5f, L2 = 0.2f }, i =>
        {
            double p = P0(i);
            for (int t = 1; t <= 3; t++)
            {
                p -= Rate * ((G(t, i) * 1.5 / norms[t]) + (0.2 * p));
            }

            return p;
        });
    }

    [Fact]
    public void Defaults_are_those_of_a_network_that_declares_nothing()
    {
        foreach (Optimizer optimizer in Enum.GetValues<Optimizer>())
        {
            var created = new ParameterOptimizer(optimizer, 3);
            Assert.Equal(Hyperparameters.Defaults(optimizer), created.Hyperparameters);
            Assert.Equal(optimizer is Optimizer.Adam or Optimizer.AdamW ? 0.001f : 0.01f, created.LearningRate);
            Assert.Equal(optimizer, created.Optimizer);
            Assert.Equal(3, created.ParameterCount);
            Assert.Equal(0, created.StepCount);
        }
    }

    [Fact]
    public void A_new_learning_rate_applies_to_the_next_step_and_keeps_the_state()
    {
        var optimizer = new ParameterOptimizer(Optimizer.Momentum, Count, Defaults(Optimizer.Momentum));
        float[] parameters = Vector(P0);
        optimizer.Step(parameters, Vector(i => G(1, i)));
        optimizer.LearningRate = 0.5f;
        Assert.Equal(0.5f, optimizer.Hyperparameters.LearningRate);
        optimizer.Step(parameters, Vector(i => G(2, i)));
        NumericAssert.Close(Expect(i => P0(i) - (Rate * G(1, i)) - (0.5 * ((0.9 * G(1, i)) + G(2, i)))), parameters, 2e-6, 1e-7, "after a step at 0.1 and one at 0.5");
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void Reset_clears_the_state_and_the_step_count()
    {
        var optimizer = new ParameterOptimizer(Optimizer.Adam, Count, Defaults(Optimizer.Adam));
        float[] parameters = Vector(P0);
        optimizer.Step(parameters, Vector(i => G(1, i)));
        optimizer.Step(parameters, Vector(i => G(2, i)));
        optimizer.Reset();
        Assert.Equal(0, optimizer.StepCount);

        float[] reset = Vector(P0);
        float[] fresh = Vector(P0);
        optimizer.Step(reset, Vector(i => G(3, i)));
        new ParameterOptimizer(Optimizer.Adam, Count, Defaults(Optimizer.Adam)).Step(fresh, Vector(i => G(3, i)));
        Assert.Equal(fresh, reset);
    }

    [Fact]
    public void Wrong_lengths_throw_naming_the_expected_and_actual_sizes_and_change_nothing()
    {
        var optimizer = new ParameterOptimizer(Optimizer.Sgd, Count);
        float[] parameters = Vector(P0);
        float[] before = (float[])parameters.Clone();
        ArgumentException shortGradient = Assert.Throws<ArgumentException>(() => optimizer.Step(parameters, new float[Count - 1]));
        Assert.Equal("gradients", shortGradient.ParamName);
        Assert.Contains("18", shortGradient.Message, StringComparison.Ordinal);
        Assert.Contains("ParameterCount = 19", shortGradient.Message, StringComparison.Ordinal);
        ArgumentException longParameters = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[Count + 1], new float[Count]));
        Assert.Equal("parameters", longParameters.ParamName);
        Assert.Contains("20", longParameters.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => optimizer.Step(parameters, parameters));
        Assert.Equal(before, parameters);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(1e35f)]
    public void A_gradient_that_is_not_finite_or_too_large_is_refused_and_nothing_changes(float bad)
    {
        var optimizer = new ParameterOptimizer(Optimizer.Adam, Count, Defaults(Optimizer.Adam));
        var reference = new ParameterOptimizer(Optimizer.Adam, Count, Defaults(Optimizer.Adam));
        float[] parameters = Vector(P0);
        float[] expected = Vector(P0);
        optimizer.Step(parameters, Vector(i => G(1, i)));
        reference.Step(expected, Vector(i => G(1, i)));

        float[] gradient = Vector(i => G(2, i));
        gradient[11] = bad;
        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => optimizer.Step(parameters, gradient));
        Assert.Equal(2, error.Step);
        Assert.Contains(float.IsFinite(bad) ? "norm" : "gradients[11]", error.Message, StringComparison.Ordinal);
        Assert.Equal(expected, parameters);
        Assert.Equal(1, optimizer.StepCount);

        // The state is untouched too: the next step is the one the reference takes.
        optimizer.Step(parameters, Vector(i => G(3, i)));
        reference.Step(expected, Vector(i => G(3, i)));
        Assert.Equal(expected, parameters);
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_refused_at_construction_and_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterOptimizer(Optimizer.Adam, Count, Defaults(Optimizer.Adam) with { Beta1 = 1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterOptimizer(Optimizer.Sgd, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterOptimizer((Optimizer)42, Count));
        var optimizer = new ParameterOptimizer(Optimizer.Sgd, Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = float.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Hyperparameters = optimizer.Hyperparameters with { Epsilon = 0f });
        Assert.Equal(Hyperparameters.Defaults(Optimizer.Sgd), optimizer.Hyperparameters);
    }

    /// <summary>
    /// Three updates of a generated network (the catalog's networks use every optimizer between them) and of a
    /// ParameterOptimizer given the network's exported gradient, with clipping on and every rule's
    /// hyperparameters away from their defaults, end at the same parameters (within rounding: the network sums the
    /// squares for the clipping norm in its own layout, and its tensors' vector tails fall elsewhere).
    /// </summary>
    [Theory]
    [MemberData(nameof(CatalogNetworks))]
    public void The_update_of_a_generated_network_is_the_update_of_its_exported_gradient(string name)
    {
        INetwork network = NetworkCatalog.Create(name);
        network.Hyperparameters = network.Hyperparameters with
        {
            LearningRate = 0.02f, Momentum = 0.8f, Dampening = 0.1f, Beta1 = 0.85f, Beta2 = 0.99f, Epsilon = 1e-4f, Rho = 0.9f, ClipNorm = 0.05f,
            L1 = 0f, L2 = 0f, WeightDecay = 0f, // a network spares its biases; see the next test
        };
        var optimizer = new ParameterOptimizer(network.Architecture.Optimizer, network.ParameterCount, network.Hyperparameters);
        float[] parameters = TestData.Parameters(network);
        CompareUpdates(network, name, gradient => optimizer.Step(parameters, gradient), () => parameters);
        Assert.Equal(network.Step, optimizer.StepCount);
    }

    /// <summary>
    /// With L1, L2 and decoupled decay, which a network applies to weights only: one ParameterOptimizer for the
    /// weights and one without penalties for the biases (PyTorch's parameter groups) give the network's update.
    /// </summary>
    [Theory]
    [MemberData(nameof(CatalogNetworks))]
    public void Penalties_on_weights_only_are_two_groups(string name)
    {
        INetwork network = NetworkCatalog.Create(name);
        Hyperparameters h = network.Hyperparameters with { LearningRate = 0.02f, L1 = 1e-3f, L2 = 0.05f, WeightDecay = 0.2f, Epsilon = 1e-4f };
        network.Hyperparameters = h;
        var penalised = new List<int>();
        var free = new List<int>();
        foreach (LayerInfo layer in network.Architecture.Layers)
        {
            foreach (ParameterInfo tensor in layer.Parameters)
            {
                for (int k = 0; k < tensor.Count; k++)
                {
                    (tensor.Penalized ? penalised : free).Add(tensor.Offset + k);
                }
            }
        }

        Optimizer rule = network.Architecture.Optimizer;
        var weights = new ParameterOptimizer(rule, penalised.Count, h);
        var biases = new ParameterOptimizer(rule, free.Count, h with { L1 = 0f, L2 = 0f, WeightDecay = 0f });
        float[] all = TestData.Parameters(network);
        float[] weightValues = Gather(all, penalised);
        float[] biasValues = Gather(all, free);
        CompareUpdates(
            network,
            name,
            gradient =>
            {
                weights.Step(weightValues, Gather(gradient, penalised));
                biases.Step(biasValues, Gather(gradient, free));
            },
            () =>
            {
                Scatter(weightValues, penalised, all);
                Scatter(biasValues, free, all);
                return all;
            });
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.Momentum)]
    [InlineData(Optimizer.Nesterov)]
    [InlineData(Optimizer.AdaGrad)]
    [InlineData(Optimizer.RMSProp)]
    [InlineData(Optimizer.Adam)]
    [InlineData(Optimizer.AdamW)]
    public void A_step_allocates_nothing(Optimizer rule)
    {
        // Clipping and every penalty on, so that each takes its own path; every window after the warm-up must be zero.
        Hyperparameters h = Hyperparameters.Defaults(rule) with { LearningRate = 1e-4f, L1 = 1e-5f, L2 = 1e-4f, WeightDecay = 1e-3f, ClipNorm = 0.01f };
        var optimizer = new ParameterOptimizer(rule, 37, h);
        float[] parameters = TestData.Uniform(37, -1f, 1f, seed: 3);
        float[] gradients = TestData.Uniform(37, -1f, 1f, seed: 4);
        for (int i = 0; i < 200; i++)
        {
            optimizer.Step(parameters, gradients);
        }

        for (int window = 0; window < 3; window++)
        {
            long before = ThreadAllocation.Start();
            for (int i = 0; i < 1000; i++)
            {
                optimizer.Step(parameters, gradients);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    public static TheoryData<string> CatalogNetworks => NetworkCatalog.Names;

    [Fact]
    public void The_catalog_holds_every_optimizer()
    {
        var seen = new HashSet<Optimizer>();
        foreach (string name in CatalogNetworks)
        {
            seen.Add(NetworkCatalog.Create(name).Architecture.Optimizer);
        }

        Assert.Equal(Enum.GetValues<Optimizer>().Length, seen.Count);
    }

    private static void CompareUpdates(INetwork network, string name, Action<float[]> stepOutside, Func<float[]> outside)
    {
        int rows = Math.Min(3, network.BatchSize);
        var gradient = new float[network.ParameterCount];
        for (int step = 1; step <= 3; step++)
        {
            network.ComputeGradients(TestData.Inputs(network, rows, seed: 10 + step), TestData.Targets(network, rows, seed: 20 + step));
            network.ExportGradients(gradient);
            network.ApplyGradients();
            stepOutside(gradient);
            NumericAssert.Close(TestData.ToDouble(TestData.Parameters(network)), outside(), 1e-6, 1e-6, $"{name} ({network.Architecture.Optimizer}) after step {step}");
        }
    }

    private static float[] Gather(ReadOnlySpan<float> values, List<int> indices)
    {
        var gathered = new float[indices.Count];
        for (int k = 0; k < gathered.Length; k++)
        {
            gathered[k] = values[indices[k]];
        }

        return gathered;
    }

    private static void Scatter(float[] values, List<int> indices, float[] destination)
    {
        for (int k = 0; k < values.Length; k++)
        {
            destination[indices[k]] = values[k];
        }
    }

    private static Hyperparameters Defaults(Optimizer optimizer) => Hyperparameters.Defaults(optimizer) with { LearningRate = (float)Rate };

    private static void AssertThreeSteps(Optimizer rule, Func<Hyperparameters, Hyperparameters> configure, Func<int, double> expected)
    {
        var optimizer = new ParameterOptimizer(rule, Count, configure(Defaults(rule)));
        float[] parameters = Vector(P0);
        for (int t = 1; t <= 3; t++)
        {
            optimizer.Step(parameters, Vector(i => G(t, i)));
        }

        Assert.Equal(3, optimizer.StepCount);
        NumericAssert.Close(Expect(expected), parameters, 2e-6, 1e-7, $"{rule} after three steps");
    }

    private static float[] Vector(Func<int, double> value)
    {
        var values = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            values[i] = (float)value(i);
        }

        return values;
    }

    private static double[] Expect(Func<int, double> value)
    {
        var values = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            values[i] = value(i);
        }

        return values;
    }
}
