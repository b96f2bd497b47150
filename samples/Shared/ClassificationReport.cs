using System.Collections.Generic;
using NetGen.Metrics;
using Spectre.Console;

namespace NetGen.Samples;

/// <summary>The tables a classification sample prints about its test set.</summary>
internal static class ClassificationReport
{
    /// <summary>Precision, recall, F1 and support per class, then their macro and weighted averages.</summary>
    /// <param name="confusion">The test set's confusion matrix.</param>
    /// <param name="classColumn">The heading of the class column, for example "digit".</param>
    /// <param name="names">A name per class, shown after its number; none to show numbers only.</param>
    public static void PerClass(ConfusionMatrix confusion, string classColumn, IReadOnlyList<string>? names = null)
    {
        var table = new Table().Title("Test set, per class").AddColumns(classColumn, "precision", "recall", "F1", "support");
        for (int c = 0; c < confusion.ClassCount; c++)
        {
            string label = names is null ? $"{c}" : $"{c} {names[c]}";
            table.AddRow(label, $"{confusion.Precision(c):F4}", $"{confusion.Recall(c):F4}", $"{confusion.F1(c):F4}", $"{confusion.Support(c)}");
        }

        table.AddEmptyRow();
        table.AddRow("macro avg", $"{confusion.Precision(Averaging.Macro):F4}", $"{confusion.Recall(Averaging.Macro):F4}", $"{confusion.F1(Averaging.Macro):F4}", $"{confusion.Total}");
        table.AddRow("weighted avg", $"{confusion.Precision(Averaging.Weighted):F4}", $"{confusion.Recall(Averaging.Weighted):F4}", $"{confusion.F1(Averaging.Weighted):F4}", $"{confusion.Total}");
        AnsiConsole.Write(table);
    }

    /// <summary>The confusion matrix, true classes down and predicted across, with the diagonal in green and zeros as dots.</summary>
    /// <param name="confusion">The test set's confusion matrix.</param>
    /// <param name="classWord">What a class is called in the title, for example "digit".</param>
    public static void Matrix(ConfusionMatrix confusion, string classWord)
    {
        int classes = confusion.ClassCount;
        var table = new Table().Title($"Confusion matrix (rows: true {classWord}, columns: predicted)").AddColumn("true\\pred");
        for (int c = 0; c < classes; c++)
        {
            table.AddColumn(new TableColumn($"{c}").RightAligned());
        }

        for (int a = 0; a < classes; a++)
        {
            var cells = new string[classes + 1];
            cells[0] = $"{a}";
            for (int p = 0; p < classes; p++)
            {
                cells[p + 1] = a == p ? $"[green]{confusion[a, p]}[/]" : confusion[a, p] == 0 ? "[grey].[/]" : $"{confusion[a, p]}";
            }

            table.AddRow(cells);
        }

        AnsiConsole.Write(table);
    }
}
