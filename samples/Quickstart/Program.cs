using System;
using NetGen;
using Quickstart;

// XOR: the classic problem a single linear layer cannot learn. A 2-8-1 network learns it in a
// few hundred full-batch steps: every prediction ends within 0.1 of its target (the sample exits
// with 1 otherwise; CI runs it).
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];

var network = new XorNet(seed: 1);
Console.WriteLine($"XorNet: {XorNet.Architecture}, {XorNet.ParameterCount} parameters");
Console.WriteLine();
Console.WriteLine(" step   loss");
for (int step = 1; step <= 500; step++)
{
    float loss = network.TrainStep(inputs, targets);
    if (step == 1 || step % 50 == 0)
    {
        Console.WriteLine($"{step,5}   {loss:F6}");
    }
}

Console.WriteLine();
Console.WriteLine("  a  b   a xor b   prediction");
Span<float> output = stackalloc float[XorNet.OutputSize];
const float Tolerance = 0.1f;
int solved = 0;
for (int row = 0; row < 4; row++)
{
    network.Predict(inputs.AsSpan(row * 2, 2), output);
    solved += Math.Abs(output[0] - targets[row]) < Tolerance ? 1 : 0;
    Console.WriteLine($"  {inputs[row * 2]}  {inputs[(row * 2) + 1]}   {targets[row],7}   {output[0]:F4}");
}

Console.WriteLine();
Console.WriteLine($"{solved} of 4 predictions within {Tolerance} of a xor b");
Console.WriteLine(solved == 4 ? "XOR solved" : "XOR NOT solved");
return solved == 4 ? 0 : 1;
