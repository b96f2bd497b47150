using System;
using System.Diagnostics;
using System.Linq;
using Forecast;
using NetGen;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// One-month-ahead forecasts of the El Niño sea surface temperature (NOAA, Niño 1+2, monthly 1950-2010;
// data/elnino): a GRU over the last 24 months, a linear AR(24) model and the seasonal-naive forecast
// (the same month a year before), fitted on 1950-2000 and scored on the held-out 2001-2010. Every
// forecast sees only months before the one it forecasts.
bool quick = SampleData.Start(args);
var clock = Stopwatch.StartNew();
const int TestMonths = 120;

double[] series = ElNino.ReadMonthly(SampleData.File("elnino", "elnino.csv"));
int testStart = series.Length - TestMonths;
double mean = series[..testStart].Average();
double deviation = Math.Sqrt(series[..testStart].Select(v => (v - mean) * (v - mean)).Average());
double[] standardised = series.Select(v => (v - mean) / deviation).ToArray();
(float[] trainInputs, float[] trainTargets) = ElNino.Windows(standardised, ElNino.Window, testStart);
(float[] testInputs, float[] testTargets) = ElNino.Windows(standardised, testStart, series.Length);
var train = new Dataset(trainInputs, ElNino.Window, trainTargets, 1);
var test = new Dataset(testInputs, ElNino.Window, testTargets, 1);
AnsiConsole.MarkupLine($"[bold]El Niño sea surface temperature[/], {series.Length} months from {ElNino.FirstYear}: training on {train.Count} windows (targets {ElNino.FirstYear + (ElNino.Window / 12)}-{ElNino.FirstYear + (testStart / 12) - 1}), forecasting the last {TestMonths} months ({ElNino.FirstYear + (testStart / 12)}-{ElNino.FirstYear + (series.Length / 12) - 1})");

int epochs = quick ? 20 : 150;
var gru = new GruForecaster(seed: 5);
var linear = new LinearForecaster(seed: 5);
TrainingHistory gruHistory = Train(gru, "GRU(16) -> Dense(1)");
TrainingHistory linearHistory = Train(linear, "linear AR(24)");

double[] actual = series[testStart..];
double[] gruForecast = Forecast(gru);
double[] linearForecast = Forecast(linear);
double[] seasonal = series[(testStart - 12)..(series.Length - 12)];

var table = new Table().Title($"One month ahead, {TestMonths} held-out months (°C)").AddColumns("model", "RMSE", "MAE", "parameters");
foreach ((string name, double[] forecast, int parameters) in new[]
{
    ("GRU(16) -> Dense(1)", gruForecast, GruForecaster.ParameterCount),
    ("linear AR(24)", linearForecast, LinearForecaster.ParameterCount),
    ("seasonal naive (same month last year)", seasonal, 0),
})
{
    table.AddRow(name, $"{Rmse(actual, forecast):F3}", $"{Mae(actual, forecast):F3}", $"{parameters:N0}");
}

AnsiConsole.Write(table);
string forecastPlot = Charts.Lines("forecast-elnino.png", "El Niño SST, held-out months: one month ahead", "month since Jan 2001", "°C",
    [("actual", actual), ("GRU(16)", gruForecast), ("linear AR(24)", linearForecast), ("seasonal naive", seasonal)]);
string lossPlot = Charts.Lines("forecast-training.png", "Training loss (standardised units)", "epoch", "mean squared error",
    [("GRU(16)", gruHistory.Losses), ("linear AR(24)", linearHistory.Losses)], logY: true);
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(forecastPlot)}, {SampleData.Display(lossPlot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");

// The GRU must beat the seasonal-naive baseline (it learns how the anomalies persist) and stay within reach of the linear model.
double gruRmse = Rmse(actual, gruForecast);
return gruRmse < Rmse(actual, seasonal) && gruRmse < 1.25 * Rmse(actual, linearForecast) ? 0 : 1;

TrainingHistory Train(INetwork network, string name)
    => TrainingProgress.Run(name, epochs, progress => network.Fit(train, new FitOptions { Epochs = epochs, Seed = 5, Progress = progress }));

// The network's forecasts of the held-out months, back in °C.
double[] Forecast(INetwork network)
{
    return Predictions.Predict(network, test).Select(value => (value * deviation) + mean).ToArray();
}

static double Rmse(double[] actual, double[] forecast) => Math.Sqrt(actual.Zip(forecast, (a, f) => (a - f) * (a - f)).Average());

static double Mae(double[] actual, double[] forecast) => actual.Zip(forecast, (a, f) => Math.Abs(a - f)).Average();
