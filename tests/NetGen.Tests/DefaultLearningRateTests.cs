using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// A network that declares no learning rate gets PyTorch's default for its optimizer: 0.001 for Adam and AdamW, 0.01 for
/// the others; a declared one is kept as written, whatever the optimizer.
/// </summary>
public class DefaultLearningRateTests
{
    [Fact]
    public void Adam_and_AdamW_default_to_one_thousandth_and_the_others_to_one_hundredth()
    {
        Assert.Equal(0.001f, new DefaultRateAdamNeuron().LearningRate);
        Assert.Equal(0.001f, new DefaultRateAdamWNeuron().LearningRate);
        Assert.Equal(0.01f, new DefaultRateSgdNeuron().LearningRate);
        Assert.Equal(0.01f, new DefaultRateMomentumNeuron().LearningRate);
        Assert.Equal(0.01f, new DefaultRateRmsPropNeuron().LearningRate);
        Assert.Equal(0.01f, new DefaultRateAdaGradNeuron().LearningRate);
    }

    [Fact]
    public void A_declared_learning_rate_is_kept_whatever_the_optimizer()
    {
        Assert.Equal(0.01f, new DeclaredRateAdamNeuron().LearningRate);
        Assert.Equal(0.001f, new DeclaredRateSgdNeuron().LearningRate);
    }

    [Fact]
    public void The_attribute_reports_the_default_of_its_optimizer_until_a_rate_is_set()
    {
        Assert.Equal(0.001f, new NetworkAttribute(2) { Optimizer = Optimizer.Adam }.LearningRate);
        Assert.Equal(0.01f, new NetworkAttribute(2) { Optimizer = Optimizer.RMSProp }.LearningRate);
        Assert.Equal(0.01f, new NetworkAttribute(2).LearningRate);
        Assert.Equal(0.5f, new NetworkAttribute(2) { Optimizer = Optimizer.Adam, LearningRate = 0.5f }.LearningRate);
        foreach (Optimizer optimizer in Enum.GetValues<Optimizer>())
        {
            Assert.Equal(new NetworkAttribute(2) { Optimizer = optimizer }.LearningRate, Hyperparameters.Defaults(optimizer).LearningRate);
        }
    }
}

[Network(2, Optimizer = Optimizer.Adam)]
[Dense(1)]
public partial class DefaultRateAdamNeuron { }

[Network(2, Optimizer = Optimizer.AdamW)]
[Dense(1)]
public partial class DefaultRateAdamWNeuron { }

[Network(2)]
[Dense(1)]
public partial class DefaultRateSgdNeuron { }

[Network(2, Optimizer = Optimizer.Momentum)]
[Dense(1)]
public partial class DefaultRateMomentumNeuron { }

[Network(2, Optimizer = Optimizer.RMSProp)]
[Dense(1)]
public partial class DefaultRateRmsPropNeuron { }

[Network(2, Optimizer = Optimizer.AdaGrad)]
[Dense(1)]
public partial class DefaultRateAdaGradNeuron { }

[Network(2, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Dense(1)]
public partial class DeclaredRateAdamNeuron { }

[Network(2, Optimizer = Optimizer.Sgd, LearningRate = 0.001f)]
[Dense(1)]
public partial class DeclaredRateSgdNeuron { }
