using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace NetGen.Generator.Tests.Support;

/// <summary>
/// Compares generated source with a committed baseline in <c>Snapshots/</c>. On a mismatch it
/// writes the new text next to the baseline as <c>*.received.cs</c> and fails with a line diff.
/// With the environment variable <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> it rewrites the baseline
/// instead (review the change with <c>git diff</c> before committing), except under <c>CI=true</c>,
/// where asking to accept is itself a failure: CI compares with the committed baselines only.
/// </summary>
internal static class SnapshotAssert
{
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    private const int ContextLines = 3;
    private const int MaxDiffLines = 200;

    public static string Directory { get; } = typeof(SnapshotAssert).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "SnapshotDirectory").Value!;

    /// <summary>Fails, after checking every file, unless each matches its baseline.</summary>
    public static void AllMatch(string folder, IEnumerable<(string FileName, string Text)> files)
    {
        if (Accepting && Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new XunitException($"{AcceptVariable}=1 under CI=true: CI compares generated code with the committed baselines and never rewrites them. Unset {AcceptVariable}.");
        }

        var failures = new List<string>();
        foreach ((string fileName, string text) in files)
        {
            string? failure = Compare(folder, fileName, text);
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            throw new XunitException(string.Join("\n\n", failures));
        }
    }

    private static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>Null when <paramref name="actual"/> matches the baseline (or was accepted); otherwise what differs.</summary>
    private static string? Compare(string folder, string fileName, string actual)
    {
        string directory = Path.Combine(Directory, folder);
        string baselinePath = Path.Combine(directory, fileName);
        string receivedPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(fileName) + ".received.cs");
        actual = Normalize(actual);
        string? expected = File.Exists(baselinePath) ? Normalize(File.ReadAllText(baselinePath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return null;
        }

        if (Accepting)
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(baselinePath, actual);
            File.Delete(receivedPath);
            return null;
        }

        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual);
        string what = expected is null ? "has no baseline yet" : "differs from its baseline";
        return
            $"The generated {fileName} {what} ({Path.Combine(folder, fileName)}).\n" +
            $"The new output is in {receivedPath}. If the change is intended, rerun with {AcceptVariable}=1 and review the baseline's diff.\n\n" +
            Diff(expected ?? string.Empty, actual);
    }

    /// <summary>A unified-style line diff with a few lines of context around each change.</summary>
    public static string Diff(string expected, string actual)
    {
        DiffPaneModel model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var text = new StringBuilder();
        int written = 0;
        int lastShown = -1;
        for (int i = 0; i < model.Lines.Count && written < MaxDiffLines; i++)
        {
            if (model.Lines[i].Type == ChangeType.Unchanged)
            {
                continue;
            }

            int from = Math.Max(lastShown + 1, i - ContextLines);
            if (from > lastShown + 1)
            {
                text.Append("@@ line ").Append(from + 1).Append(" @@\n");
            }

            for (int j = from; j < model.Lines.Count && j <= i + ContextLines && written < MaxDiffLines; j++)
            {
                if (j <= lastShown)
                {
                    continue;
                }

                DiffPiece line = model.Lines[j];
                char mark = line.Type switch
                {
                    ChangeType.Inserted => '+',
                    ChangeType.Deleted => '-',
                    _ => ' ',
                };
                text.Append(mark).Append(' ').Append(line.Text).Append('\n');
                written++;
                lastShown = j;
            }
        }

        if (written >= MaxDiffLines)
        {
            text.Append("... (diff truncated)\n");
        }

        return text.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
