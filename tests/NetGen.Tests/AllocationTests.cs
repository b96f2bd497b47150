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
/// managed heap, anywhere in the process, on every network shape, loss, optimizer and dropout
/// configuration the tests declare: at one row, at tile-sized batches (4 and 8 rows: the register
/// tiles of the batched kernels on every path) and at the full batch; and training calls split
/// between threads (<c>Threads</c> above 1) allocate nothing on the calling thread or on the workers.
/// </summary>
/// <remarks>
/// Allocation counters move when nothing was allocated if other threads allocate meanwhile: a
/// collection, or a background collection still running, retires a thread's allocation context and
/// its counter jumps by the unused part (up to 8 KB), and the test runner's own threads allocate now
/// and then. So each network is measured in a child process that runs nothing else
/// (<see cref="AllocationWorker"/>, this test assembly started with the same environment, hence on the
/// same SIMD path), with background collection and tiered compilation off and a full collection before
/// the measurements.
/// </remarks>
public class AllocationTests(ITestOutputHelper output)
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
            data.Add(nameof(LeNet5));
            data.Add(nameof(CausalSequenceNet));
            data.Add(nameof(ConvolutionDropoutNet));
            data.Add(nameof(ChannelsNet));
            data.Add(nameof(WideNormNet));
            data.Add(nameof(BatchNormResidualNet));
            data.Add(nameof(SequenceLayerNormNet));
            return data;
        }
    }

    public static TheoryData<string, int> ThreadedNetworks => new()
    {
        { nameof(ThreadedAdamNet), 2 },
        { nameof(ThreadedAdamNet), 3 },
        { nameof(ThreadedClippedNet), 2 },
        { nameof(ThreadedPanelNet), 2 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public Task Steady_state_calls_allocate_nothing(string name) => AssertWorkerFindsNoAllocation(name, threads: 1);

    [Theory]
    [MemberData(nameof(ThreadedNetworks))]
    public Task Threaded_training_calls_allocate_nothing_in_the_process(string name, int threads) => AssertWorkerFindsNoAllocation(name, threads);

    private async Task AssertWorkerFindsNoAllocation(string name, int threads)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", typeof(AllocationWorker).Assembly.Location, AllocationWorker.Command, name, threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Every collection blocking, so that a window it falls into is seen and measured again. Tiered
        // compilation off: every method is compiled once, optimised, at its first call (the generated
        // kernels are anyway), so that no later recompilation on the runtime's own thread, whose timing
        // moves with the machine's load, lands in a measured window (on a loaded machine a window now and
        // then counted 6,192 bytes that no call had allocated).
        start.Environment["DOTNET_gcConcurrent"] = "0";
        start.Environment["DOTNET_TieredCompilation"] = "0";
        using Process worker = Process.Start(start) ?? throw new InvalidOperationException("The allocation worker did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        Task<string> reading = worker.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> errors = worker.StandardError.ReadToEndAsync(timeout.Token);
        await worker.WaitForExitAsync(timeout.Token);
        string report = await reading;
        output.WriteLine(report);
        Assert.True(worker.ExitCode == 0, $"The allocation worker exited with {worker.ExitCode}:\n{report}\n{await errors}");
        Assert.Contains(AllocationWorker.Success, report, StringComparison.Ordinal);
    }
}

/// <summary>
/// The child process of <see cref="AllocationTests"/>: <c>dotnet NetGen.Tests.dll allocation &lt;network&gt;
/// &lt;threads&gt;</c> measures one network's calls with process-wide counts
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) and prints what allocated. On one thread: every public
/// entry point, at 1, 4 and 8 rows and the full batch (from the fewest rows a training call takes, 2 with BatchNorm). On more: the training calls, at the full batch
/// (split between the threads) and at 32 rows (the smallest batch that is split).
/// </summary>
internal static class AllocationWorker
{
    public const string Command = "allocation";
    public const string Success = "no allocation in the process";

    public static int Run(string name, int threads, TextWriter output)
    {
        (INetwork network, Action<int> setThreads) = Create(name);
        setThreads(threads);
        try
        {
            // Nothing left of the setup's allocations for a collection to find during the measurements,
            // and the finalizer thread's work after a full collection done.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var probe = new AllocationProbe(threads == 1 ? name : $"{name} on {threads} threads");
            int[] rowCounts = threads == 1
                ? [.. new[] { 1, 4, 8, network.BatchSize }.Where(rows => rows <= network.BatchSize && rows >= network.Architecture.MinimumTrainingRows).Distinct()]
                : [.. new[] { network.BatchSize, 32 }.Distinct()];
            if (threads == 1)
            {
                AssertUnbatchedCallsAllocateNothing(network, probe);
            }

            foreach (int rows in rowCounts)
            {
                AssertBatchCallsAllocateNothing(network, rows, probe, trainingOnly: threads > 1);
            }

            output.WriteLine($"{name} on {threads} thread(s), {string.Join(", ", rowCounts)} rows: {Success} after the warm-up ({AllocationProbe.Windows} windows of each entry point).");
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

    /// <summary>The calls that take no batch.</summary>
    private static void AssertUnbatchedCallsAllocateNothing(INetwork network, AllocationProbe probe)
    {
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
    }

    /// <summary>Every entry point that takes a batch (or, with <paramref name="trainingOnly"/>, every training one), at <paramref name="rows"/> rows.</summary>
    private static void AssertBatchCallsAllocateNothing(INetwork network, int rows, AllocationProbe probe, bool trainingOnly)
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
                INetwork network = name switch
                {
                    nameof(MnistShapedNet) => new MnistShapedNet(seed: 1),
                    nameof(SmallDropoutAdamNet) => new SmallDropoutAdamNet(seed: 1),
                    nameof(HiddenDropoutProbe) => new HiddenDropoutProbe(seed: 1),
                    nameof(InputDropoutProbe) => new InputDropoutProbe(seed: 1),
                    nameof(LeNet5) => new LeNet5(seed: 1),
                    nameof(CausalSequenceNet) => new CausalSequenceNet(seed: 1),
                    nameof(ConvolutionDropoutNet) => new ConvolutionDropoutNet(seed: 1),
                    nameof(ChannelsNet) => new ChannelsNet(seed: 1),
                    nameof(WideNormNet) => new WideNormNet(seed: 1),
                    nameof(BatchNormResidualNet) => new BatchNormResidualNet(seed: 1),
                    nameof(SequenceLayerNormNet) => new SequenceLayerNormNet(seed: 1),
                    _ => NetworkCatalog.Create(name),
                };
                return (network, threads => Assert.Equal(1, threads));
        }
    }
}

/// <summary>
/// Measures the process's managed allocation over repeated calls: warm-up windows until one allocates
/// nothing (at least <see cref="MinimumWarmUpCalls"/> calls, past the runtime's promotion of hot methods),
/// then a collection of generation 0 that empties every allocation context, then <see cref="Windows"/>
/// windows that must all allocate nothing.
/// </summary>
internal sealed class AllocationProbe(string subject)
{
    /// <summary>Windows measured after the warm-up; every one must allocate nothing.</summary>
    public const int Windows = 3;

    /// <summary>Calls the warm-up makes at least (the runtime promotes a method after 30 calls).</summary>
    private const int MinimumWarmUpCalls = 60;

    /// <summary>Windows the warm-up may take to reach one that allocates nothing.</summary>
    private const int WarmUpWindows = 10;

    /// <summary>How many times a window during which a garbage collection ran is measured.</summary>
    private const int CollectedWindows = 10;

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

        // A thread's counter also moves when the runtime retires its allocation context (a collection
        // does, and so may other pauses of the threads), by the context's unused part: a collection now
        // leaves every context empty, and nothing allocated from here on leaves anything to retire. A
        // collection of generation 0 only: a full one makes the finalizer thread allocate afterwards.
        var measured = new long[Windows];
        var calling = new long[Windows];
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            measured[window] = Window(call, calls);
            calling[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(
            measured.All(bytes => bytes == 0),
            $"{subject}: {what} allocated after its warm-up, in windows of {calls} calls: {string.Join(", ", measured)} bytes in the process, {string.Join(", ", calling)} of them on the calling thread.");
    }

    /// <summary>
    /// The bytes allocated in the process by <paramref name="calls"/> calls. The count also moves when nothing the calls
    /// did allocated: a garbage collection retires every thread's allocation context (the count moves by its unused part),
    /// and after a collection the runtime's finalizer thread allocates a few hundred bytes of its own, at a moment that
    /// shifts with the machine's load (a loaded machine showed 336 bytes in a window after one). So a window that counted
    /// bytes, none of them on the calling thread, while a collection ran in it or just before, is measured again after
    /// the finalizer thread's pending work, up to <see cref="CollectedWindows"/> times, after which its count stands:
    /// calls that allocate, on the calling thread or on the workers, allocate in every attempt and are reported.
    /// </summary>
    private static long Window(Action call, int calls)
    {
        int collections = GC.CollectionCount(0);
        for (int attempt = 1; ; attempt++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            long beforeOnThread = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                call();
            }

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            bool onThread = GC.GetAllocatedBytesForCurrentThread() != beforeOnThread;
            bool collected = GC.CollectionCount(0) != collections || attempt == 1;
            if (allocated == 0 || onThread || !collected || attempt == CollectedWindows)
            {
                return allocated;
            }

            GC.WaitForPendingFinalizers();
            collections = GC.CollectionCount(0);
        }
    }
}
