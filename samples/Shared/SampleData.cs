using System;
using System.IO;

namespace NetGen.Samples;

/// <summary>Finds the repository's data sets and the folder the sample writes its plots to.</summary>
internal static class SampleData
{
    /// <summary>
    /// The folder <c>data/&lt;name&gt;</c> of the repository, found by walking up from the
    /// sample's build output and from the current directory.
    /// </summary>
    public static string Folder(string name)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "data", name);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"The data set folder data/{name} was not found above {AppContext.BaseDirectory}; run the sample from the repository.");
    }

    /// <summary>The path of file <paramref name="file"/> in the data set folder <paramref name="name"/>.</summary>
    public static string File(string name, string file) => Path.Combine(Folder(name), file);

    /// <summary>Where the sample writes its plots: next to its build output.</summary>
    public static string OutputPath(string file) => Path.Combine(AppContext.BaseDirectory, file);

    /// <summary>A path relative to the current directory when it lies below it, for printing.</summary>
    public static string Display(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>
    /// Prepares the console (invariant culture; a wider layout when the output goes to a file)
    /// and tells whether the sample was started with <c>--quick</c> (fewer epochs, for CI).
    /// </summary>
    public static bool Start(string[] args)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = 120;
        }

        return Array.IndexOf(args, "--quick") >= 0;
    }

    /// <summary>The number after <c>--seed</c> on the command line, or <paramref name="fallback"/> when there is none.</summary>
    /// <exception cref="ArgumentException"><c>--seed</c> is not followed by an integer.</exception>
    public static int Seed(string[] args, int fallback)
    {
        int at = Array.IndexOf(args, "--seed");
        if (at < 0)
        {
            return fallback;
        }

        if (at + 1 >= args.Length || !int.TryParse(args[at + 1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int seed))
        {
            throw new ArgumentException($"--seed must be followed by an integer, for example --seed 2.", nameof(args));
        }

        return seed;
    }
}
