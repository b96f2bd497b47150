using System;
using System.Globalization;
using NetGen.Training;
using Spectre.Console;

namespace NetGen.Samples;

/// <summary>A live progress display of a fit: an epoch bar with the loss, validation values, rows per second and time left.</summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="fit"/> (which must report through the given <see cref="IProgress{T}"/>) under a progress bar titled <paramref name="title"/>.</summary>
    public static TrainingHistory Run(string title, int epochs, Func<IProgress<EpochReport>, TrainingHistory> fit)
    {
        TrainingHistory? history = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: epochs);
                history = fit(new Reporter(task, title));
                task.Value = task.MaxValue;
            });
        return history!;
    }

    private sealed class Reporter(ProgressTask task, string title) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            task.Value = value.Epoch;
            string validation = double.IsNaN(value.ValidationLoss) ? "" : string.Create(CultureInfo.InvariantCulture, $" val {value.ValidationLoss:F4}");
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{title} {value.Epoch}/{value.Epochs} loss {value.Loss:F4}{validation} {value.RowsPerSecond / 1000:F0}k rows/s"));
        }
    }
}
