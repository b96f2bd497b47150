using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;

namespace NetGen.Benchmarks.Throughput;

/// <summary>
/// The cases of benchmarks/pytorch/bench.py with a plain timer: the same networks, batch sizes,
/// optimizers and kind of data, one thread, printed as <c>case rows/s</c> lines that
/// benchmarks/pytorch/compare.sh pairs with PyTorch's.
/// </summary>
internal static class RowsPerSecond
{
    public static bool Run(double seconds, TextWriter output, string[] only)
    {
        s_only = only;
        s_allocationFree = true;
        float[] small = new float[8], mnist = new float[10], wide = new float[10];
        var mnistMomentum = new MnistMomentumNet(1);
        var mnistAdam = new MnistAdamNet(1);
        var smallAdam = new SmallTanhNet(1);
        var wideSgd = new WideNet(1);
        var wideTwoThreads = new WideNet(1) { Threads = 2 };
        Report(output, "mnist-momentum-b32", seconds, 32, Training(new RandomBatches(32, 784, 10, true), (x, t) => mnistMomentum.TrainStep(x, t)));
        Report(output, "mnist-adam-b32", seconds, 32, Training(new RandomBatches(32, 784, 10, true), (x, t) => mnistAdam.TrainStep(x, t)));
        Report(output, "mnist-adam-b1", seconds, 1, Training(new RandomBatches(1, 784, 10, true), (x, t) => mnistAdam.TrainStep(x, t)));
        Report(output, "mnist-predict-b1", seconds, 1, Training(new RandomBatches(1, 784, 10, true), (x, _) => mnistAdam.Predict(x, mnist)));
        Report(output, "small-adam-b32", seconds, 32, Training(new RandomBatches(32, 32, 8, false), (x, t) => smallAdam.TrainStep(x, t)));
        Report(output, "small-adam-b1", seconds, 1, Training(new RandomBatches(1, 32, 8, false), (x, t) => smallAdam.TrainStep(x, t)));
        Report(output, "small-predict-b1", seconds, 1, Training(new RandomBatches(1, 32, 8, false), (x, _) => smallAdam.Predict(x, small)));
        Report(output, "wide-sgd-b64", seconds, 64, Training(new RandomBatches(64, 1024, 10, true), (x, t) => wideSgd.TrainStep(x, t)));
        Report(output, "wide-sgd-b64-2threads", seconds, 64, Training(new RandomBatches(64, 1024, 10, true), (x, t) => wideTwoThreads.TrainStep(x, t)));
        wideTwoThreads.Threads = 1;
        float[] wideOutputs = new float[64 * 10];
        Report(output, "wide-forward-b64", seconds, 64, Training(new RandomBatches(64, 1024, 10, true), (x, _) => wideSgd.PredictBatch(x, wideOutputs)));
        Report(output, "wide-gradients-b64", seconds, 64, Training(new RandomBatches(64, 1024, 10, true), (x, t) => wideSgd.ComputeGradients(x, t)));
        Report(output, "wide-predict-b1", seconds, 1, Training(new RandomBatches(1, 1024, 10, true), (x, _) => wideSgd.Predict(x, wide)));
        var lenet = new LeNetNet(1);
        var sensor = new SensorNet(1);
        float[] sensorOutput = new float[6];
        Report(output, "lenet-adam-b32", seconds, 32, Training(new RandomBatches(32, 784, 10, true), (x, t) => lenet.TrainStep(x, t)));
        Report(output, "lenet-predict-b1", seconds, 1, Training(new RandomBatches(1, 784, 10, true), (x, _) => lenet.Predict(x, mnist)));
        Report(output, "sensor-adam-b32", seconds, 32, Training(new RandomBatches(32, 384, 6, true), (x, t) => sensor.TrainStep(x, t)));
        Report(output, "sensor-predict-b1", seconds, 1, Training(new RandomBatches(1, 384, 6, true), (x, _) => sensor.Predict(x, sensorOutput)));
        var gru32 = new Gru32Net(1);
        Report(output, "gru32-adam-b32", seconds, 32, Training(new RandomBatches(32, 64, 1, false), (x, t) => gru32.TrainStep(x, t)));
        var residual = new ResidualMlpNet(1);
        float[] residualOutput = new float[10];
        Report(output, "residual-adam-b32", seconds, 32, Training(new RandomBatches(32, 256, 10, false), (x, t) => residual.TrainStep(x, t)));
        Report(output, "residual-predict-b1", seconds, 1, Training(new RandomBatches(1, 256, 10, false), (x, _) => residual.Predict(x, residualOutput)));

        if (s_only.Length > 0 && Array.IndexOf(s_only, "mnist-epoch-adam-b32") < 0)
        {
            return s_allocationFree;
        }

        MnistSubset data = MnistSubset.Load();
        var epoch = new ShuffledEpoch(data.Images, data.OneHotLabels, data.Rows, 784, 10, 32);
        var epochNet = new MnistAdamNet(1);
        Report(output, "mnist-epoch-adam-b32", seconds, data.Rows, () =>
        {
            epoch.Shuffle();
            for (int b = 0; b * 32 < epoch.Rows; b++)
            {
                int rows = epoch.Fill(b);
                epochNet.TrainStep(epoch.BatchInputs.AsSpan(0, rows * 784), epoch.BatchTargets.AsSpan(0, rows * 10));
            }
        });
        return s_allocationFree;
    }

    private static string[] s_only = [];
    private static bool s_allocationFree;

    private static Action Training(RandomBatches batches, Action<float[], float[]> step) => () =>
    {
        (float[] x, float[] t) = batches.Next();
        step(x, t);
    };

    private static void Report(TextWriter output, string name, double seconds, int rowsPerCall, Action call)
    {
        if (s_only.Length > 0 && Array.IndexOf(s_only, name) < 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < Math.Min(0.5, seconds / 4))
        {
            call();
        }

        long calls = 0;
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            call();
            calls++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double rate = calls * rowsPerCall / clock.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        // The rows per second of processor time, less sensitive to other processes on a shared machine.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {rate:F0} (per cpu-second {calls * rowsPerCall / cpu:F0})"));
        if (allocated > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} ALLOCATES {allocated} B over {calls} calls"));
            s_allocationFree = false;
        }
    }
}
