using NetGen;

namespace LinearRegression;

/// <summary>Linear regression: 10 inputs, one linear output, mean squared error, SGD with momentum 0.9.</summary>
[Network(10, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.9f, BatchSize = 32)]
[Dense(1)]
public partial class RegressionNet
{
}
