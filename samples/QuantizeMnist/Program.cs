using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Quantization;
using NetGen.Samples;
using NetGen.Training;
using QuantizeMnist;
using Spectre.Console;

// int8 quantisation and magnitude pruning of an MNIST classifier: accuracy and model size before
// and after each, and the single-row latency of the quantised network per int8 kernel.
bool quick = SampleData.Start(args);
int epochs = quick ? 2 : 8;
int fineTuneEpochs = quick ? 1 : 2;

Dataset train = IdxLoader.LoadImagesAndLabels(SampleData.File("mnist", "train8k-images-idx3-ubyte.gz"), SampleData.File("mnist", "train8k-labels-idx1-ubyte.gz"));
Dataset test = IdxLoader.LoadImagesAndLabels(SampleData.File("mnist", "test2k-images-idx3-ubyte.gz"), SampleData.File("mnist", "test2k-labels-idx1-ubyte.gz"));
AnsiConsole.MarkupLine($"[bold]int8 quantisation and pruning on MNIST[/]: {DigitNet.Architecture}");
AnsiConsole.MarkupLine($"{train.Count} training and {test.Count} test images; {epochs} epochs; {DigitNet.ParameterCount:N0} parameters");

var network = new DigitNet(seed: 1);
network.Fit(train, new FitOptions { Epochs = epochs, Seed = 1 });
int[] labels = test.Classes();
float floatAccuracy = Accuracy(network);
long floatBytes = 4L * DigitNet.ParameterCount;

// Calibration: 500 training images set each layer's input scale.
float[] calibration = train.Features[..(500 * DigitNet.InputSize)].ToArray();
QuantizedNetwork quantized = QuantizedNetwork.Quantize(network, calibration);
float int8Accuracy = Accuracy(quantized);
long int8File = SavedBytes(quantized.Save);

var sizes = new Table().Title("Accuracy and size (test set of 2,000 images)")
    .AddColumns("model", "test accuracy", "non-zero weights", "parameter bytes", "how stored");
int weights = DigitNet.Architecture.Layers.Sum(layer => layer.WeightCount);
int outputs = DigitNet.Architecture.Layers.Sum(layer => layer.BiasCount);
int denseLayers = DigitNet.Architecture.Layers.Count(layer => layer.Kind == LayerKind.Dense);
sizes.AddRow("float32", $"{floatAccuracy:P2}", $"{weights:N0}", $"{floatBytes:N0}", "4 bytes per parameter");
sizes.AddRow("int8", $"{int8Accuracy:P2}", $"{weights:N0}", $"{quantized.ParameterBytes:N0}", $"1 byte per weight + float scale and bias per output ({int8File:N0}-byte NETGENQ8 file)");

// Magnitude pruning, raised in steps with fine-tuning after each; the mask keeps pruned weights at zero.
var pruned = new DigitNet(seed: 1);
using (var copy = new MemoryStream())
{
    network.Save(copy);
    copy.Position = 0;
    pruned.Restore(copy);
}

float[] inputs = train.Features.ToArray();
float[] targets = train.Targets.ToArray();
PruningMask? mask = null;
foreach (float sparsity in new[] { 0.5f, 0.75f, 0.9f })
{
    mask = MagnitudePruning.Prune(pruned, sparsity);
    float beforeTuning = Accuracy(pruned);
    MagnitudePruning.FineTune(pruned, mask, inputs, targets, fineTuneEpochs, seed: 2);
    int kept = weights - mask.PrunedCount;
    sizes.AddRow($"pruned {sparsity:P0}", $"{Accuracy(pruned):P2} ({beforeTuning:P2} before fine-tuning)", $"{kept:N0}", $"{MaskBytes() + (4L * kept) + (4L * outputs):N0}", "1-bit mask per weight + float32 kept weights + biases");
}

QuantizedNetwork prunedInt8 = QuantizedNetwork.Quantize(pruned, calibration);
int keptWeights = weights - mask!.PrunedCount;
sizes.AddRow("pruned 90% + int8", $"{Accuracy(prunedInt8):P2}", $"{keptWeights:N0}", $"{MaskBytes() + keptWeights + (8L * outputs) + (4L * denseLayers):N0}", "1-bit mask + int8 kept weights + scales and biases");
AnsiConsole.Write(sizes);

// Single-row latency: every test image once per repetition, timed per repetition; the median of
// 15 repetitions after a warm-up, divided by the rows.
var latency = new Table().Title("Single-row latency (Predict, one image at a time, median of 15 passes over 2,000 images)")
    .AddColumns("model", "kernel", "µs per row", "agreement with float");
int[] floatClasses = Classes(network);
latency.AddRow("float32", "generated SIMD code", $"{Median(row => network.Predict(test.FeatureRow(row), Scratch())):F2}", "-");
foreach (Int8Kernel kernel in Enum.GetValues<Int8Kernel>().Where(QuantizedNetwork.IsSupported))
{
    quantized.Kernel = kernel;
    int agree = Classes(quantized).Zip(floatClasses, (a, b) => a == b ? 1 : 0).Sum();
    latency.AddRow("int8", kernel.ToString(), $"{Median(row => quantized.Predict(test.FeatureRow(row), Scratch())):F2}", $"{agree}/{test.Count} same class");
}

AnsiConsole.Write(latency);
AnsiConsole.MarkupLine($"Best int8 kernel on this machine: [bold]{QuantizedNetwork.BestKernel}[/]");
bool ok = int8Accuracy > floatAccuracy - 0.01f && floatAccuracy > (quick ? 0.85f : 0.93f);
AnsiConsole.MarkupLine(ok ? "[green]int8 accuracy within one point of float32[/]" : "[red]int8 accuracy fell more than one point[/]");
return ok ? 0 : 1;

float Accuracy(object model) => Classes(model).Zip(labels, (a, b) => a == b ? 1 : 0).Sum() / (float)labels.Length;

int[] Classes(object model)
{
    var classes = new int[test.Count];
    var output = new float[DigitNet.OutputSize];
    for (int row = 0; row < test.Count; row++)
    {
        if (model is QuantizedNetwork q)
        {
            q.Predict(test.FeatureRow(row), output);
        }
        else
        {
            ((INetwork)model).Predict(test.FeatureRow(row), output);
        }

        classes[row] = Array.IndexOf(output, output.Max());
    }

    return classes;
}

double Median(Action<int> predictRow)
{
    var passes = new double[15];
    for (int warm = 0; warm < 200; warm++)
    {
        predictRow(warm);
    }

    for (int pass = 0; pass < passes.Length; pass++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int row = 0; row < test.Count; row++)
        {
            predictRow(row);
        }

        passes[pass] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / test.Count;
    }

    Array.Sort(passes);
    return passes[passes.Length / 2];
}

static Span<float> Scratch() => ScratchBuffer.Output;

static long SavedBytes(Action<Stream> save)
{
    using var stream = new MemoryStream();
    save(stream);
    return stream.Length;
}

// A sparse layout keeps a 1-bit mask over every weight next to the kept weights.
long MaskBytes() => (weights + 7) / 8;

/// <summary>One output buffer reused by every timed call, so that timing measures Predict alone.</summary>
internal static class ScratchBuffer
{
    public static readonly float[] Output = new float[DigitNet.OutputSize];
}
