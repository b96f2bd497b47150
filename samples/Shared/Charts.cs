using System.Collections.Generic;
using ScottPlot;

namespace NetGen.Samples;

/// <summary>PNG line charts of training curves and ROC curves.</summary>
internal static class Charts
{
    /// <summary>Writes a line chart of the named series against 1, 2, 3, ... (epochs) and returns its path.</summary>
    public static string Lines(string file, string title, string xLabel, string yLabel, IReadOnlyList<(string Name, double[] Values)> series, bool logY = false)
    {
        var plot = new Plot();
        foreach ((string name, double[] values) in series)
        {
            var xs = new double[values.Length];
            var ys = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                xs[i] = i + 1;
                ys[i] = logY ? System.Math.Log10(System.Math.Max(values[i], 1e-12)) : values[i];
            }

            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = name;
            scatter.MarkerSize = values.Length > 60 ? 0 : 4;
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? "log10 " + yLabel : yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        string path = SampleData.OutputPath(file);
        plot.SavePng(path, 800, 500);
        return path;
    }

    /// <summary>Writes a line chart of named (x, y) series and returns its path.</summary>
    public static string Xy(string file, string title, string xLabel, string yLabel, IReadOnlyList<(string Name, double[] X, double[] Y)> series)
    {
        var plot = new Plot();
        foreach ((string name, double[] x, double[] y) in series)
        {
            var scatter = plot.Add.Scatter(x, y);
            scatter.LegendText = name;
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        string path = SampleData.OutputPath(file);
        plot.SavePng(path, 800, 500);
        return path;
    }

    /// <summary>Writes a ROC curve with the chance diagonal and returns its path.</summary>
    public static string Roc(string file, string title, IReadOnlyList<double> falsePositiveRates, IReadOnlyList<double> truePositiveRates, double area)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance (AUC 0.5)";
        var curve = plot.Add.Scatter(ToArray(falsePositiveRates), ToArray(truePositiveRates));
        curve.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ROC (AUC {area:F4})");
        curve.MarkerSize = 0;
        curve.LineWidth = 2;
        plot.Title(title);
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        string path = SampleData.OutputPath(file);
        plot.SavePng(path, 600, 600);
        return path;
    }

    private static double[] ToArray(IReadOnlyList<double> values)
    {
        var array = new double[values.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = values[i];
        }

        return array;
    }
}
