using System;
using NetGen;
using Quickstart;

// XOR: the classic problem a single linear layer cannot learn. A 2-8-1 network learns it in a
// few hundred full-batch steps.
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
int correct = 0;
for (int row = 0; row < 4; row++)
{
    network.Predict(inputs.AsSpan(row * 2, 2), output);
    bool predicted = output[0] > 0.5f;
    correct += predicted == (targets[row] > 0.5f) ? 1 : 0;
    Console.WriteLine($"  {inputs[row * 2]}  {inputs[(row * 2) + 1]}   {targets[row],7}   {output[0]:F4}");
}

Console.WriteLine();
Console.WriteLine($"{correct} of 4 correct");
return correct == 4 ? 0 : 1;
