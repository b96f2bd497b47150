using NetGen;

namespace Forecast;

/// <summary>
/// The recurrent forecaster: the last 24 months, one value per step, through a GRU of 16 units, then the next month's
/// value from its last state. Mean squared error, Adam.
/// </summary>
[Network(ElNino.Window, 1, Optimizer = Optimizer.Adam, LearningRate = 0.003f, BatchSize = 32)]
[GRU(16)]
[Dense(1)]
public partial class GruForecaster
{
}

/// <summary>The linear forecaster: the next month as a weighted sum of the last 24 plus a constant (an AR(24) model).</summary>
[Network(ElNino.Window, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
[Dense(1)]
public partial class LinearForecaster
{
}
