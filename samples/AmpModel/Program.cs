using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AmpModel;
using NetGen.Data;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// Real-time audio effect modelling: a GRU(16) -> Dense(1) learns a saturating "amplifier" with a tone
// filter (Amplifier.cs) from 3 s of synthetic speech, then processes another voice's 3 s one sample
// per PredictStep, as an audio callback would, with no allocation, then again in blocks of 128 samples per
// PredictSteps (the same samples, bit for bit). Reports the error-to-signal ratio
// (ESR, the usual measure of amp models) on the held-out recording and the real-time factor at
// 48 kHz, and writes the model's output as WAV next to the amplifier's and a plot of both.
bool quick = SampleData.Start(args);
var clock = Stopwatch.StartNew();
const int Chunk = AmpNetwork.ChunkSamples;

(float[] trainInput, int sampleRate) = Wav.Read(Path.Combine(AppContext.BaseDirectory, "audio", "train.wav"));
(float[] testInput, int testRate) = Wav.Read(Path.Combine(AppContext.BaseDirectory, "audio", "test.wav"));
if (testRate != sampleRate)
{
    throw new InvalidDataException($"The recordings differ in sample rate: {sampleRate} and {testRate} Hz.");
}

float[] trainTarget = Amplifier.Process(trainInput);
float[] testTarget = Amplifier.Process(testInput);
int chunks = trainInput.Length / Chunk;
var train = new Dataset(trainInput[..(chunks * Chunk)], Chunk, trainTarget[..(chunks * Chunk)], Chunk);
AnsiConsole.MarkupLine($"[bold]Amp model[/]: {AmpNetwork.Architecture}; {AmpNetwork.ParameterCount:N0} parameters");
AnsiConsole.MarkupLine($"Training on {trainInput.Length / (double)sampleRate:F1} s of speech at {sampleRate} Hz in {chunks:N0} chunks of {Chunk} samples; held out: {testInput.Length / (double)sampleRate:F1} s of another voice");

int epochs = quick ? 4 : 30;
var network = new AmpNetwork(seed: 7);
TrainingHistory history = TrainingProgress.Run("amp model", epochs, progress => network.Fit(train, new FitOptions { Epochs = epochs, Seed = 7, Progress = progress }));

// The held-out recording, one sample per call, after one pass to warm up.
var output = new float[testInput.Length];
Stream(network, testInput, output);
long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
long started = Stopwatch.GetTimestamp();
Stream(network, testInput, output);
TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
double audioSeconds = testInput.Length / (double)sampleRate;
double realTimeFactor = elapsed.TotalSeconds / audioSeconds;

double modelEsr = Esr(testTarget, output);
double bypassEsr = Esr(testTarget, testInput);
var table = new Table().Title($"Held-out recording, {testInput.Length:N0} samples").AddColumns("output", "ESR against the amplifier");
table.AddRow("the input, unprocessed", $"{bypassEsr:F4}");
table.AddRow("GRU(16) -> Dense(1), streamed", $"{modelEsr:F4}");
AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"Streaming: {elapsed.TotalMilliseconds:F1} ms for {audioSeconds:F1} s of audio = real-time factor {realTimeFactor:F4} ({1e9 * elapsed.TotalSeconds / testInput.Length:F0} ns per sample, {1 / realTimeFactor:F0}x faster than real time), {allocated} B allocated");

// The same recording as an audio host delivers it, in blocks of 128 samples, one PredictSteps call per block.
const int Block = 128;
var blockOutput = new float[testInput.Length];
StreamBlocks(network, testInput, blockOutput, Block);
long blockAllocatedBefore = GC.GetAllocatedBytesForCurrentThread();
long blockStarted = Stopwatch.GetTimestamp();
StreamBlocks(network, testInput, blockOutput, Block);
TimeSpan blockElapsed = Stopwatch.GetElapsedTime(blockStarted);
long blockAllocated = GC.GetAllocatedBytesForCurrentThread() - blockAllocatedBefore;
bool sameSamples = output.AsSpan().SequenceEqual(blockOutput);
AnsiConsole.MarkupLine($"In blocks of {Block} samples (PredictSteps): {blockElapsed.TotalMilliseconds:F1} ms ({1e9 * blockElapsed.TotalSeconds / testInput.Length:F0} ns per sample), {blockAllocated} B allocated; the same samples as one call per sample: {(sameSamples ? "yes" : "no")}");

string modelWav = SampleData.OutputPath("ampmodel-model.wav");
string targetWav = SampleData.OutputPath("ampmodel-amplifier.wav");
Wav.Write(modelWav, output, sampleRate);
Wav.Write(targetWav, testTarget, sampleRate);
int loudest = Array.IndexOf(testTarget, testTarget.Max());
int from = Math.Clamp(loudest - 480, 0, testInput.Length - 960);
string wavePlot = Charts.Lines("ampmodel-wave.png", $"Held-out speech, 20 ms from sample {from:N0}", "sample", "amplitude",
    [("input", Doubles(testInput, from)), ("amplifier", Doubles(testTarget, from)), ("GRU model, streamed", Doubles(output, from))]);
string lossPlot = Charts.Lines("ampmodel-training.png", "Training loss", "epoch", "mean squared error", [("training loss", history.Losses)], logY: true);
AnsiConsole.MarkupLine($"Audio: {SampleData.Display(modelWav)} (the model), {SampleData.Display(targetWav)} (the amplifier)");
AnsiConsole.MarkupLine($"Plots: {SampleData.Display(wavePlot)}, {SampleData.Display(lossPlot)}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return modelEsr < (quick ? 0.1 : 0.02) && modelEsr < bypassEsr && allocated == 0 && blockAllocated == 0 && sameSamples ? 0 : 1;

// One sample per call from a fresh state, as an audio callback processes its buffers.
static void Stream(AmpNetwork network, float[] input, float[] output)
{
    network.ResetState();
    for (int n = 0; n < input.Length; n++)
    {
        network.PredictStep(input.AsSpan(n, 1), output.AsSpan(n, 1));
    }
}

// Blocks of samples from a fresh state, one call per block, as an audio host's callback receives them.
static void StreamBlocks(AmpNetwork network, float[] input, float[] output, int block)
{
    network.ResetState();
    for (int n = 0; n < input.Length; n += block)
    {
        int length = Math.Min(block, input.Length - n);
        network.PredictSteps(input.AsSpan(n, length), output.AsSpan(n, length));
    }
}

// The error-to-signal ratio: the energy of the error over the energy of the target.
static double Esr(float[] target, float[] output)
{
    double error = 0, signal = 0;
    for (int n = 0; n < target.Length; n++)
    {
        error += (target[n] - output[n]) * (double)(target[n] - output[n]);
        signal += target[n] * (double)target[n];
    }

    return error / signal;
}

static double[] Doubles(float[] samples, int from) => samples.AsSpan(from, 960).ToArray().Select(value => (double)value).ToArray();
