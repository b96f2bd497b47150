using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetGen.Deployment.SaveWorker;
using NetGen.Serialization;
using Xunit;

namespace NetGen.Deployment.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private const int KillIterations = 100;
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SaveFile_then_LoadFile_round_trips_the_whole_state()
    {
        FuzzNet network = TestData.TrainedFuzzNet(seed: 5);
        string path = Path.Combine(_folder, "model.ngck");
        network.SaveFile(path);
        FuzzNet loaded = NetworkFile.LoadFile<FuzzNet>(path);
        Assert.Equal(TestData.SaveToBytes(network), TestData.SaveToBytes(loaded));
        Assert.Equal(TestData.SaveToBytes(network), File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_write_that_throws_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "model.ngck");
        FuzzNet old = TestData.TrainedFuzzNet(seed: 1);
        old.SaveFile(path);
        byte[] before = File.ReadAllBytes(path);

        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("disk full");
        }));
        Assert.Equal("disk full", failure.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Saving_into_a_missing_folder_names_the_folder()
    {
        string path = Path.Combine(_folder, "missing", "model.ngck");
        var error = Assert.Throws<DirectoryNotFoundException>(() => TestData.TrainedFuzzNet(1).SaveFile(path));
        Assert.Contains(Path.Combine(_folder, "missing"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteLeftovers_removes_only_temporary_files_of_that_path()
    {
        string path = Path.Combine(_folder, "model.ngck");
        File.WriteAllText(path, "x");
        File.WriteAllText(Path.Combine(_folder, ".model.ngck.0123456789abcdef.tmp"), "partial");
        File.WriteAllText(Path.Combine(_folder, ".other.ngck.0123456789abcdef.tmp"), "another file's");
        File.WriteAllText(Path.Combine(_folder, "notes.tmp"), "unrelated");

        Assert.Equal(1, AtomicFile.DeleteLeftovers(path));
        Assert.Equal(
            [".other.ngck.0123456789abcdef.tmp", "model.ngck", "notes.tmp"],
            Directory.GetFiles(_folder).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// A child process saves two alternating states to one file in a loop; it is killed at a
    /// random moment, many times. Whatever remains must load and equal one of the two states.
    /// </summary>
    [Fact]
    public void Killing_a_process_in_the_middle_of_saving_always_leaves_a_loadable_file()
    {
        string path = Path.Combine(_folder, "killed.ngck");
        byte[][] states = KillTestNet.Seeds.Select(seed => TestData.SaveToBytes(new KillTestNet(seed))).ToArray();
        var random = new Random(1234);
        int leftovers = 0;
        for (int iteration = 0; iteration < KillIterations; iteration++)
        {
            using (Process worker = StartWorker(path))
            {
                string? line = worker.StandardOutput.ReadLine();
                Assert.Equal("ready", line);
                System.Threading.Thread.Sleep(random.Next(0, 40));
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit();
            }

            KillTestNet loaded = NetworkFile.LoadFile<KillTestNet>(path);
            byte[] saved = TestData.SaveToBytes(loaded);
            Assert.True(states.Any(state => state.AsSpan().SequenceEqual(saved)), $"iteration {iteration}: the file holds neither saved state");
            leftovers += AtomicFile.DeleteLeftovers(path);
        }

        // Kills that landed inside a save leave that save's temporary file: proof that the test
        // interrupted writes rather than only the moments between them.
        Assert.True(leftovers > 0, "no kill landed in the middle of a save");
    }

    private static Process StartWorker(string path)
    {
        string folder = AppContext.BaseDirectory;
        string appHost = Path.Combine(folder, OperatingSystem.IsWindows() ? "NetGen.Deployment.SaveWorker.exe" : "NetGen.Deployment.SaveWorker");
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (File.Exists(appHost))
        {
            start.FileName = appHost;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start.ArgumentList.Add(Path.Combine(folder, "NetGen.Deployment.SaveWorker.dll"));
        }

        start.ArgumentList.Add(path);
        return Process.Start(start) ?? throw new InvalidOperationException("The save worker did not start.");
    }
}
