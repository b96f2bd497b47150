using System;
using System.Globalization;
using System.IO;
using EdgeInference;
using NetGen.Data;
using NetGen.Serialization;

// EdgeInference: a native executable that classifies 8x8 digits with a NetGen checkpoint.
//   EdgeInference train <digits8x8.csv.gz> <model.ngck>     trains a model and saves it atomically
//   EdgeInference classify <model.ngck> <64 values> [...]   classifies rows of 64 comma-separated pixel counts (0..16)
try
{
    return args switch
    {
        ["train", string data, string model] => Train(data, model),
        ["classify", string model, .. string[] rows] when rows.Length > 0 => Classify(model, rows),
        _ => Usage(),
    };
}
catch (Exception e) when (e is InvalidDataException or IOException or DatasetFormatException or FormatException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: EdgeInference train <digits8x8.csv.gz> <model.ngck>");
    Console.Error.WriteLine("       EdgeInference classify <model.ngck> <64 comma-separated pixel counts> [more rows ...]");
    return 2;
}

static int Train(string dataPath, string modelPath)
{
    Dataset data = CsvLoader.Load(dataPath);
    if (data.FeatureCount != DigitsNet.InputSize)
    {
        throw new FormatException($"{dataPath} has {data.FeatureCount} features; the network takes {DigitsNet.InputSize}.");
    }

    int rows = data.Count;
    int testRows = rows / 5;
    float[] inputs = new float[rows * DigitsNet.InputSize];
    float[] targets = new float[rows * DigitsNet.OutputSize];
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++)
    {
        order[i] = i;
    }

    new NetGen.DeterministicRandom(7).Shuffle(order.AsSpan());
    for (int i = 0; i < rows; i++)
    {
        ReadOnlySpan<float> pixels = data.FeatureRow(order[i]);
        for (int p = 0; p < pixels.Length; p++)
        {
            inputs[(i * DigitsNet.InputSize) + p] = pixels[p] / DigitsNet.PixelScale;
        }

        targets[(i * DigitsNet.OutputSize) + data.ClassOf(order[i])] = 1f;
    }

    // The first fifth is held out; the rest trains for 40 epochs of mini-batches.
    var network = new DigitsNet(seed: 1);
    for (int epoch = 0; epoch < 40; epoch++)
    {
        for (int start = testRows; start < rows; start += DigitsNet.BatchSize)
        {
            int count = Math.Min(DigitsNet.BatchSize, rows - start);
            network.TrainStep(
                inputs.AsSpan(start * DigitsNet.InputSize, count * DigitsNet.InputSize),
                targets.AsSpan(start * DigitsNet.OutputSize, count * DigitsNet.OutputSize));
        }
    }

    int correct = 0;
    Span<float> probabilities = stackalloc float[DigitsNet.OutputSize];
    for (int i = 0; i < testRows; i++)
    {
        network.Predict(inputs.AsSpan(i * DigitsNet.InputSize, DigitsNet.InputSize), probabilities);
        correct += ArgMax(probabilities) == ArgMax(targets.AsSpan(i * DigitsNet.OutputSize, DigitsNet.OutputSize)) ? 1 : 0;
    }

    network.SaveFile(modelPath);
    Console.WriteLine($"trained {DigitsNet.Architecture} on {rows - testRows} rows; held-out accuracy {correct}/{testRows} = {100.0 * correct / testRows:F1}%");
    Console.WriteLine($"saved {modelPath} ({new FileInfo(modelPath).Length} bytes)");
    return 0;
}

static int Classify(string modelPath, string[] rows)
{
    DigitsNet network = NetworkFile.LoadFile<DigitsNet>(modelPath);
    Span<float> input = stackalloc float[DigitsNet.InputSize];
    Span<float> probabilities = stackalloc float[DigitsNet.OutputSize];
    foreach (string row in rows)
    {
        string[] fields = row.Split(',');
        if (fields.Length != DigitsNet.InputSize)
        {
            throw new FormatException($"A row needs {DigitsNet.InputSize} comma-separated values; '{Shorten(row)}' has {fields.Length}.");
        }

        for (int i = 0; i < fields.Length; i++)
        {
            if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !(value >= 0f && value <= 16f))
            {
                throw new FormatException($"Value {i + 1} of a row is '{fields[i]}'; pixel counts are numbers from 0 to 16.");
            }

            input[i] = value / DigitsNet.PixelScale;
        }

        network.Predict(input, probabilities);
        int digit = ArgMax(probabilities);
        Console.WriteLine($"digit {digit} (p = {probabilities[digit]:F3})");
    }

    return 0;
}

static int ArgMax(ReadOnlySpan<float> values)
{
    int best = 0;
    for (int i = 1; i < values.Length; i++)
    {
        best = values[i] > values[best] ? i : best;
    }

    return best;
}

static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
