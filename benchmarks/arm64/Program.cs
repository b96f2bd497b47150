// Trains a 32-64-64-8 tanh network with Adam on generated data for 300 steps and prints the losses and a
// checksum of the parameters, with the instruction sets the process sees; benchmarks/arm64/run.sh runs it
// on Arm64 under emulation and on x64 and compares the two.
using System;
using System.Runtime.Intrinsics;
using NetGen;

Console.WriteLine($"arch {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, AdvSimd {System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported}, Vector128 {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector512 {Vector512.IsHardwareAccelerated}");
var network = new ArmSmallNet(seed: 1);
var random = new DeterministicRandom(5);
var x = new float[32 * 32];
var t = new float[32 * 8];
float loss = 0;
for (int step = 1; step <= 300; step++)
{
    for (int i = 0; i < x.Length; i++)
    {
        x[i] = random.NextSymmetric(1f);
    }

    for (int i = 0; i < t.Length; i++)
    {
        t[i] = MathF.Sin(x[i] * 3f);
    }

    loss = network.TrainStep(x, t);
    if (step % 100 == 0)
    {
        Console.WriteLine($"step {step} loss {loss:F6}");
    }
}

var parameters = new float[ArmSmallNet.ParameterCount];
network.ExportParameters(parameters);
double sum = 0;
foreach (float p in parameters)
{
    sum += Math.Abs(p);
}

Console.WriteLine($"sum |p| {sum:F4}");

/// <summary>The network both runs train.</summary>
[Network(32, Optimizer = Optimizer.Adam, LearningRate = 0.003f, BatchSize = 32)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(8)]
public partial class ArmSmallNet { }
