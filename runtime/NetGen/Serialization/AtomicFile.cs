using System;
using System.Globalization;
using System.IO;

namespace NetGen.Serialization;

/// <summary>
/// Replaces a file so that, whatever happens while writing (an exception, a killed process, a
/// full disk), the path afterwards holds either the complete old contents or the complete new
/// ones, never a mixture or a truncated file.
/// </summary>
/// <remarks>
/// The new contents go to a temporary file in the same folder (named
/// <c>.&lt;file name&gt;.&lt;16 hex digits&gt;.tmp</c>), which is flushed to the disk and then
/// renamed over the destination. A rename within one folder is atomic on the file systems .NET
/// runs on. A process killed while writing can leave its temporary file behind; it is never read,
/// and <see cref="DeleteLeftovers"/> removes such files.
/// </remarks>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Writes a file atomically: <paramref name="write"/> fills a temporary file that then replaces <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace. Its folder must exist.</param>
    /// <param name="write">Writes the whole contents to the stream it is given. If it throws, <paramref name="path"/> is left as it was.</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names a root folder, not a file.", nameof(path));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot save '{fullPath}': the folder '{folder}' does not exist.");
        }

        string temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(fullPath)));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically (see <see cref="Write(string, Action{Stream})"/>).</summary>
    /// <param name="path">The file to create or replace. Its folder must exist.</param>
    /// <param name="contents">The complete new contents.</param>
    public static void Write(string path, ReadOnlySpan<byte> contents)
    {
        byte[] copy = contents.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>
    /// Deletes the temporary files that writes of <paramref name="path"/> interrupted by a killed
    /// process left in its folder. Call it only when no other process is saving that file.
    /// </summary>
    /// <param name="path">The file whose leftovers to delete.</param>
    /// <returns>The number of files deleted.</returns>
    public static int DeleteLeftovers(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        int deleted = 0;
        string prefix = "." + Path.GetFileName(fullPath) + ".";
        foreach (string candidate in Directory.EnumerateFiles(folder, prefix + "*" + TemporarySuffix))
        {
            string name = Path.GetFileName(candidate);
            if (name.Length == prefix.Length + 16 + TemporarySuffix.Length && TryDelete(candidate))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// A name no other writer picks. The random bits come from <see cref="Guid.NewGuid"/>, which reads the operating
    /// system's generator directly: <c>RandomNumberGenerator</c> loads OpenSSL on Linux, and on a device image without
    /// libssl (found running on Arm64 with only the C and C++ runtimes) the process aborted in the middle of a save.
    /// </summary>
    private static string TemporaryName(string fileName)
    {
        Span<byte> random = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(random);
        ulong suffix = BitConverter.ToUInt64(random) ^ BitConverter.ToUInt64(random[8..]);
        return "." + fileName + "." + suffix.ToString("x16", CultureInfo.InvariantCulture) + TemporarySuffix;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
