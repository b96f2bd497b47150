using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace NetGen.Training.Tests;

/// <summary>Temporary files for loader tests, and the repository's data folder.</summary>
internal static class TestFiles
{
    public static string WriteText(string name, string content, bool gzip = false) => WriteBytes(name, Encoding.UTF8.GetBytes(content), gzip);

    public static string WriteBytes(string name, byte[] content, bool gzip = false)
    {
        string directory = Path.Combine(Path.GetTempPath(), "netgen-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        if (gzip)
        {
            using FileStream file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        else
        {
            File.WriteAllBytes(path, content);
        }

        return path;
    }

    /// <summary>The repository's <c>data/</c> folder, found by walking up from the test assembly.</summary>
    public static string DataFolder(string name)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No data/{name} folder above {AppContext.BaseDirectory}.");
    }
}
