using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Tests.Kernels;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetGen.Tests;

/// <summary>
/// After construction and a warm-up, calls of every public entry point allocate nothing on the
/// managed heap, on every network shape, loss, optimizer and dropout configuration the tests
/// declare, at one row, at tile-sized batches (4 and 8 rows: the register tiles of the batched
/// kernels on every path) and at the full batch.
/// </summary>
/// <remarks>
/// The runtime may allocate while it promotes a method to optimised code (tiered compilation), so
/// the warm-up repeats windows of calls until one allocates nothing; after it, every one of
/// <see cref="AllocationProbe.Windows"/> windows must allocate nothing (<see cref="AllocationProbe"/>).
/// Single-threaded calls are measured on the calling thread; calls with <c>Threads</c> above 1 over
/// the whole process (<see cref="ThreadedAllocationTests"/>).
/// </remarks>
public class AllocationTests
{
    public static TheoryData<string> Networks
    {
        get
        {
            TheoryData<string> data = NetworkCatalog.Names;
            data.Add(nameof(MnistShapedNet));
            data.Add(nameof(SmallDropoutAdamNet));
            data.Add(nameof(HiddenDropoutProbe));
            data.Add(nameof(InputDropoutProbe));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Steady_state_calls_allocate_nothing(string name)
    {
        INetwork network = Create(name);
        var probe = new AllocationProbe(name, processWide: false);

        // The calls that take no batch.
        var parameters = new float[network.ParameterCount];
        float[] input = TestData.Inputs(network, 1, seed: 1);
        var output = new float[network.OutputSize];
        int calls = AllocationProbe.CallsPerWindow(network, 1);
        probe.AssertNoAllocation("Predict", calls, () => network.Predict(input, output));
        probe.AssertNoAllocation("ExportParameters + ImportParameters", calls, () =>
        {
            network.ExportParameters(parameters);
            network.ImportParameters(parameters);
        });
        probe.AssertNoAllocation("ExportGradients", calls, () => network.ExportGradients(parameters));
        probe.AssertNoAllocation("ZeroGradients", calls, network.ZeroGradients);
        Hyperparameters hyperparameters = network.Hyperparameters;
        probe.AssertNoAllocation("Hyperparameters and LearningRate", calls, () =>
        {
            network.Hyperparameters = network.Hyperparameters with { L2 = 1e-4f };
            network.LearningRate = hyperparameters.LearningRate;
        });
        network.Hyperparameters = hyperparameters;

        foreach (int rows in new[] { 1, 4, 8, network.BatchSize }.Where(rows => rows <= network.BatchSize).Distinct())
        {
            AssertBatchCallsAllocateNothing(network, rows, probe, trainingOnly: false);
        }
    }

    /// <summary>Every entry point that takes a batch (or, with <paramref name="trainingOnly"/>, every training one), at <paramref name="rows"/> rows.</summary>
    internal static void AssertBatchCallsAllocateNothing(INetwork network, int rows, AllocationProbe probe, bool trainingOnly)
    {
        float[] inputs = TestData.Inputs(network, rows, seed: 1);
        float[] targets = TestData.Targets(network, rows, seed: 2);
        var outputs = new float[rows * network.OutputSize];
        int calls = AllocationProbe.CallsPerWindow(network, rows);
        Hyperparameters hyperparameters = network.Hyperparameters;

        // Penalties and decay take their own code paths in the update; clipping takes another step.
        network.Hyperparameters = hyperparameters with { L1 = 1e-5f, L2 = 1e-4f, WeightDecay = 1e-3f, LearningRate = 1e-4f };
        probe.AssertNoAllocation($"TrainStep of {rows} rows", calls, () => network.TrainStep(inputs, targets));
        network.Hyperparameters = network.Hyperparameters with { ClipNorm = 0.01f };
        probe.AssertNoAllocation($"TrainStep with clipping of {rows} rows", calls, () => network.TrainStep(inputs, targets));
        probe.AssertNoAllocation($"ComputeGradients of {rows} rows", calls, () => network.ComputeGradients(inputs, targets));
        probe.AssertNoAllocation($"AccumulateGradients + ApplyGradients of {rows} rows", calls, () =>
        {
            network.AccumulateGradients(inputs, targets);
            network.AccumulateGradients(inputs, targets);
            network.ApplyGradients();
        });
        if (!trainingOnly)
        {
            probe.AssertNoAllocation($"PredictBatch of {rows} rows", calls, () => network.PredictBatch(inputs, outputs));
            probe.AssertNoAllocation($"Evaluate of {rows} rows", calls, () => network.Evaluate(inputs, targets));
        }

        network.Hyperparameters = hyperparameters;
    }

    private static INetwork Create(string name) => name switch
    {
        nameof(MnistShapedNet) => new MnistShapedNet(seed: 1),
        nameof(SmallDropoutAdamNet) => new SmallDropoutAdamNet(seed: 1),
        nameof(HiddenDropoutProbe) => new HiddenDropoutProbe(seed: 1),
        nameof(InputDropoutProbe) => new InputDropoutProbe(seed: 1),
        _ => NetworkCatalog.Create(name),
    };
}

/// <summary>
/// Training calls split between threads allocate nothing anywhere in the process: not on the calling
/// thread, not on the workers. Process-wide counts see every thread, and the test runner's own threads
/// allocate now and then, so the calls are measured in a child process that runs nothing else
/// (<see cref="ThreadedAllocationWorker"/>, started from this test assembly with the same environment,
/// hence on the same SIMD path).
/// </summary>
public class ThreadedAllocationTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Networks => new()
    {
        { nameof(ThreadedAdamNet), 2 },
        { nameof(ThreadedAdamNet), 3 },
        { nameof(ThreadedClippedNet), 2 },
        { nameof(ThreadedPanelNet), 2 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Threaded_training_calls_allocate_nothing_in_the_process(string name, int threads)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", typeof(ThreadedAllocationWorker).Assembly.Location, ThreadedAllocationWorker.Command, name, threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using Process worker = Process.Start(start) ?? throw new InvalidOperationException("The allocation worker did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        Task<string> reading = worker.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> errors = worker.StandardError.ReadToEndAsync(timeout.Token);
        await worker.WaitForExitAsync(timeout.Token);
        string report = await reading;
        output.WriteLine(report);
        Assert.True(worker.ExitCode == 0, $"The allocation worker exited with {worker.ExitCode}:\n{report}\n{await errors}");
        Assert.Contains(ThreadedAllocationWorker.Success, report, StringComparison.Ordinal);
    }
}

/// <summary>
/// The child process of <see cref="ThreadedAllocationTests"/>: <c>dotnet NetGen.Tests.dll threaded-allocation
/// &lt;network&gt; &lt;threads&gt;</c> measures the training calls of one network on that many threads with
/// process-wide counts (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), at the full batch (split between the
/// threads) and at 32 rows (the smallest batch that is split), and prints what allocated.
/// </summary>
internal static class ThreadedAllocationWorker
{
    public const string Command = "threaded-allocation";
    public const string Success = "no allocation in the process";

    public static int Run(string[] args, TextWriter output)
    {
        (INetwork network, Action<int> setThreads) = Create(args[0]);
        int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
        setThreads(threads);
        try
        {
            var probe = new AllocationProbe($"{args[0]} on {threads} threads", processWide: true);
            int[] rowCounts = [.. new[] { network.BatchSize, 32 }.Distinct()];
            foreach (int rows in rowCounts)
            {
                AllocationTests.AssertBatchCallsAllocateNothing(network, rows, probe, trainingOnly: true);
            }

            output.WriteLine($"{args[0]} on {threads} threads, {string.Join(" and ", rowCounts)} rows: {Success} after the warm-up ({AllocationProbe.Windows} windows of each training entry point).");
            return 0;
        }
        catch (XunitException failure)
        {
            output.WriteLine(failure.Message);
            return 1;
        }
        finally
        {
            setThreads(1);
        }
    }

    private static (INetwork Network, Action<int> SetThreads) Create(string name)
    {
        switch (name)
        {
            case nameof(ThreadedAdamNet):
                var adam = new ThreadedAdamNet(seed: 1);
                return (adam, threads => adam.Threads = threads);
            case nameof(ThreadedClippedNet):
                var clipped = new ThreadedClippedNet(seed: 1);
                return (clipped, threads => clipped.Threads = threads);
            case nameof(ThreadedPanelNet):
                var panels = new ThreadedPanelNet(seed: 1);
                return (panels, threads => panels.Threads = threads);
            default:
                throw new ArgumentException($"No threaded allocation case for '{name}'.", nameof(name));
        }
    }
}

/// <summary>
/// Measures the managed allocation of repeated calls, on the calling thread or over the whole process:
/// warm-up windows until one allocates nothing (at least <see cref="MinimumWarmUpCalls"/> calls, past
/// the runtime's promotion of hot methods), then <see cref="Windows"/> windows that must all allocate nothing.
/// </summary>
internal sealed class AllocationProbe(string subject, bool processWide)
{
    /// <summary>Windows measured after the warm-up; every one must allocate nothing.</summary>
    public const int Windows = 3;

    /// <summary>Calls the warm-up makes at least (the runtime promotes a method after 30 calls).</summary>
    private const int MinimumWarmUpCalls = 60;

    /// <summary>Windows the warm-up may take to reach one that allocates nothing.</summary>
    private const int WarmUpWindows = 10;

    /// <summary>
    /// Calls per window: 1,000 for small networks and batches, fewer as the work of a call grows (about
    /// 4 million parameter-rows per window), never under 10, so that the scalar path stays affordable.
    /// Allocation in a call shows in every window; periodic allocation shows if its period fits the
    /// measured windows.
    /// </summary>
    public static int CallsPerWindow(INetwork network, int rows) => (int)Math.Clamp(4_000_000L / ((long)network.ParameterCount * rows), 10, 1000);

    public void AssertNoAllocation(string what, int calls, Action call)
    {
        var warmUp = new List<long>();
        do
        {
            warmUp.Add(Window(call, calls));
        }
        while ((warmUp[^1] != 0 || warmUp.Count * calls < MinimumWarmUpCalls) && warmUp.Count < WarmUpWindows);

        if (warmUp[^1] != 0)
        {
            Assert.Fail($"{subject}: {what} still allocated after {warmUp.Count} windows of {calls} calls: {string.Join(", ", warmUp)} bytes.");
        }

        var measured = new long[Windows];
        for (int window = 0; window < Windows; window++)
        {
            measured[window] = Window(call, calls);
        }

        Assert.True(
            measured.All(bytes => bytes == 0),
            $"{subject}: {what} allocated after its warm-up ({(processWide ? "process-wide" : "calling thread")}), in windows of {calls} calls: {string.Join(", ", measured)} bytes.");
    }

    private long Window(Action call, int calls)
    {
        long before = Allocated();
        for (int i = 0; i < calls; i++)
        {
            call();
        }

        return Allocated() - before;
    }

    private long Allocated() => processWide ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
}
