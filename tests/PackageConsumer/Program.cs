using System;
using NetGen;

// Learns y = 2a - b + 0.5 from noiseless samples and checks the fit.
var random = new DeterministicRandom(7);
float[] inputs = new float[ConsumerNet.BatchSize * ConsumerNet.InputSize];
float[] targets = new float[ConsumerNet.BatchSize * ConsumerNet.OutputSize];
var network = new ConsumerNet(seed: 1);
float loss = float.NaN;
for (int step = 0; step < 400; step++)
{
    for (int row = 0; row < ConsumerNet.BatchSize; row++)
    {
        float a = random.NextSymmetric(1f), b = random.NextSymmetric(1f);
        inputs[2 * row] = a;
        inputs[(2 * row) + 1] = b;
        targets[row] = (2 * a) - b + 0.5f;
    }

    loss = network.TrainStep(inputs, targets);
}

Span<float> output = stackalloc float[1];
network.Predict([0.25f, -0.5f], output);
float expected = (2 * 0.25f) + 0.5f + 0.5f;
Console.WriteLine($"NetGen package consumer: {ConsumerNet.Architecture}");
Console.WriteLine($"built for {AppContext.TargetFrameworkName}");
Console.WriteLine($"running on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"final loss {loss:G4}; f(0.25, -0.5) = {output[0]:F4} (expected {expected:F4})");
if (!(loss < 1e-3f) || Math.Abs(output[0] - expected) > 0.05f)
{
    Console.WriteLine("FAILED: the network did not learn the linear function");
    return 1;
}

Console.WriteLine("OK");
return 0;

/// <summary>A linear regression network declared in a consumer project.</summary>
[Network(2, Optimizer = Optimizer.Adam, LearningRate = 0.05f, BatchSize = 16)]
[Dense(1)]
internal sealed partial class ConsumerNet
{
}
