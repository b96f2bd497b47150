using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using NetGen.Benchmarks.Data;
using NetGen.Benchmarks.Networks;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// <c>peer-steps &lt;folder&gt;</c>: what <c>benchmarks/pytorch/bench.py check &lt;folder&gt;</c> needs to check,
/// before PyTorch is timed, that it computes NetGen's networks and training steps. For each training
/// configuration of the PyTorch side (named as its cases are), raw little-endian float32 files:
/// <c>.before</c> (NetGen's initial parameters in PyTorch's <c>state_dict</c> order), <c>.inputs</c> and
/// <c>.targets</c> (the rows of <see cref="PeerAgreement.Steps"/> batches), <c>.outputs</c> (NetGen's
/// outputs for the first batch before training), <c>.losses</c> and <c>.after</c> (NetGen's losses and
/// parameters after the steps); <c>cases.txt</c> lists <c>name rows steps</c>.
/// </summary>
internal static class PeerSteps
{
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        using var cases = new StreamWriter(Path.Combine(folder, "cases.txt"));
        Write(folder, cases, "mnist-momentum-b32", new MnistMomentumNet(seed: 1), rows: 32);
        Write(folder, cases, "mnist-adam-b32", new MnistAdamNet(seed: 1), rows: 32);
        Write(folder, cases, "mnist-adam-b1", new MnistAdamNet(seed: 1), rows: 1);
        Write(folder, cases, "small-adam-b32", new SmallTanhNet(seed: 1), rows: 32);
        Write(folder, cases, "small-adam-b1", new SmallTanhNet(seed: 1), rows: 1);
        Write(folder, cases, "wide-sgd-b64", new WideNet(seed: 1), rows: 64);
        Write(folder, cases, "lenet-adam-b32", new LeNetNet(seed: 1), rows: 32);
        Write(folder, cases, "sensor-adam-b32", new SensorNet(seed: 1), rows: 32);
        Write(folder, cases, "gru32-adam-b32", new Gru32Net(seed: 1), rows: 32);
        Write(folder, cases, "residual-adam-b32", new ResidualMlpNet(seed: 1), rows: 32);
    }

    private static void Write(string folder, TextWriter cases, string name, INetwork network, int rows)
    {
        int steps = PeerAgreement.Steps;
        bool oneHot = network.Architecture.Loss == Loss.CategoricalCrossEntropy;
        float[] parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        Save(folder, name, "before", parameters);
        float[] outputs = new float[rows * network.OutputSize];
        network.PredictBatch(new RandomBatches(rows, network.InputSize, network.OutputSize, oneHot).FirstInputs, outputs);
        Save(folder, name, "outputs", outputs);

        // The benchmark's kind of batches, the first ones of the ring.
        var batches = new RandomBatches(rows, network.InputSize, network.OutputSize, oneHot);
        float[] inputs = new float[steps * rows * network.InputSize];
        float[] targets = new float[steps * rows * network.OutputSize];
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++)
        {
            (float[] x, float[] t) = batches.Next();
            x.CopyTo(inputs, step * x.Length);
            t.CopyTo(targets, step * t.Length);
            losses[step] = network.TrainStep(x, t);
        }

        network.ExportParameters(parameters);
        Save(folder, name, "inputs", inputs);
        Save(folder, name, "targets", targets);
        Save(folder, name, "losses", losses);
        Save(folder, name, "after", parameters);
        cases.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {rows} {steps}"));
    }

    private static void Save(string folder, string name, string part, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The peer-step files are little-endian float32.");
        }

        File.WriteAllBytes(Path.Combine(folder, $"{name}.{part}"), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }
}
