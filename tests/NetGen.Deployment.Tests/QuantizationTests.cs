using System;
using System.IO;
using System.Linq;
using NetGen.Quantization;
using NetGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Deployment.Tests;

public sealed class QuantizationTests(ITestOutputHelper output)
{
    private static readonly Int8Kernel[] SupportedKernels = Enum.GetValues<Int8Kernel>().Where(QuantizedNetwork.IsSupported).ToArray();

    [Fact]
    public void A_network_with_a_shaped_layer_is_refused_naming_the_layer()
    {
        var network = new PixelOnnxNet(seed: 1);
        ArgumentException error = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(network, TestData.Uniform(2 * PixelOnnxNet.InputSize, seed: 1, low: -1f, high: 1f)));
        Assert.Contains("layer 0, Dense(5, GELU) on (4, 3, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_with_a_normalisation_layer_is_refused_naming_the_layer()
    {
        var network = new NormResidualOnnxNet(seed: 1);
        ArgumentException error = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(network, TestData.Uniform(2 * NormResidualOnnxNet.InputSize, seed: 1, low: -1f, high: 1f)));
        Assert.Contains("layer 2, BatchNorm(None) on (8)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_supported_kernel_gives_bit_identical_outputs_to_the_scalar_fallback()
    {
        QuantizeNet network = TrainedQuantizeNet();
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(network, TestData.Uniform(200 * QuantizeNet.InputSize, seed: 1, low: -2f, high: 2f));
        float[] rows = TestData.Uniform(300 * QuantizeNet.InputSize, seed: 2, low: -4f, high: 4f); // beyond the calibrated range: saturation
        float[] reference = PredictAll(quantized, Int8Kernel.Scalar, rows);
        foreach (Int8Kernel kernel in SupportedKernels)
        {
            Assert.Equal(reference, PredictAll(quantized, kernel, rows));
        }

        output.WriteLine($"kernels compared with Scalar: {string.Join(", ", SupportedKernels)}");
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            Assert.Contains(Int8Kernel.Avx2, SupportedKernels);
        }

        // On Arm64 (CI runs these tests under emulation) the sdot kernel must be among those compared.
        if (System.Runtime.Intrinsics.Arm.Dp.IsSupported)
        {
            Assert.Contains(Int8Kernel.ArmDotProduct, SupportedKernels);
        }
    }

    /// <summary>CI reruns these tests with hardware intrinsics off: then only the scalar int8 kernel may run.</summary>
    [Fact]
    public void This_run_exercises_the_SIMD_path_and_int8_kernels_it_was_meant_to()
    {
        output.WriteLine(SimdPath.AssertAsExpected());
        output.WriteLine($"int8 kernels: {string.Join(", ", SupportedKernels)}; best {QuantizedNetwork.BestKernel}");
        if (SimdPath.WidestAccelerated == 0)
        {
            Assert.Equal([Int8Kernel.Scalar], SupportedKernels);
            Assert.Equal(Int8Kernel.Scalar, QuantizedNetwork.BestKernel);
        }
        else if (System.Runtime.Intrinsics.Arm.Dp.IsSupported)
        {
            Assert.Equal([Int8Kernel.Scalar, Int8Kernel.ArmDotProduct], SupportedKernels);
            Assert.Equal(Int8Kernel.ArmDotProduct, QuantizedNetwork.BestKernel);
        }
    }

    [Fact]
    public void An_unsupported_kernel_cannot_be_selected()
    {
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(new ReferenceInt8Net(1), TestData.Uniform(37, seed: 1));
        foreach (Int8Kernel kernel in Enum.GetValues<Int8Kernel>().Except(SupportedKernels))
        {
            Assert.Throws<PlatformNotSupportedException>(() => quantized.Kernel = kernel);
        }

        Assert.Equal(QuantizedNetwork.BestKernel, quantized.Kernel);
    }

    /// <summary>The scalar kernel is exact: the test recomputes the documented int8 arithmetic independently from the saved file.</summary>
    [Fact]
    public void The_scalar_kernel_computes_exactly_the_documented_integer_arithmetic()
    {
        var network = new ReferenceInt8Net(seed: 3);
        float[] calibration = TestData.Uniform(50 * ReferenceInt8Net.InputSize, seed: 4);
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(network, calibration);
        quantized.Kernel = Int8Kernel.Scalar;
        using var file = new MemoryStream();
        quantized.Save(file);
        Int8File parsed = Int8File.Parse(file.ToArray(), ReferenceInt8Net.Architecture);

        // Halfway values (ties round to even), values far beyond the calibrated range, and ordinary ones.
        float s0 = parsed.Layers[0].InputScale;
        float[] input = TestData.Uniform(ReferenceInt8Net.InputSize, seed: 5, low: -1.5f, high: 1.5f);
        for (int i = 0; i < 16; i++)
        {
            input[i] = ((i % 8) - 4 + 0.5f) * s0;
        }

        input[16] = 1e30f;
        input[17] = -1e30f;
        input[18] = 127.5f * s0;
        input[19] = -127.5f * s0;
        float[] x = input;
        for (int l = 0; l < parsed.Layers.Length; l++)
        {
            Int8File.Layer layer = parsed.Layers[l];
            sbyte[] q = x.Select(value => (sbyte)MathF.Round(Math.Clamp(value * (1f / layer.InputScale), -127f, 127f))).ToArray();
            float[] y = new float[layer.Units];
            for (int o = 0; o < layer.Units; o++)
            {
                int sum = 0;
                for (int i = 0; i < layer.Inputs; i++)
                {
                    sum += layer.Weights[(o * layer.Inputs) + i] * q[i];
                }

                y[o] = (sum * (layer.InputScale * layer.WeightScales[o])) + layer.Biases[o];
                y[o] = l == 0 ? MathF.Max(y[o], 0f) : y[o];
            }

            x = y;
        }

        float[] actual = new float[ReferenceInt8Net.OutputSize];
        quantized.Predict(input, actual);
        Assert.Equal(x, actual);
    }

    [Fact]
    public void The_quantised_network_stays_close_to_the_float_network()
    {
        QuantizeNet network = TrainedQuantizeNet();
        float[] calibration = TestData.Uniform(200 * QuantizeNet.InputSize, seed: 1, low: -2f, high: 2f);
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(network, calibration);
        float[] rows = TestData.Uniform(200 * QuantizeNet.InputSize, seed: 9, low: -2f, high: 2f);
        float worst = 0f;
        int agree = 0;
        var expected = new float[QuantizeNet.OutputSize];
        var actual = new float[QuantizeNet.OutputSize];
        for (int row = 0; row < 200; row++)
        {
            network.Predict(rows.AsSpan(row * QuantizeNet.InputSize, QuantizeNet.InputSize), expected);
            quantized.Predict(rows.AsSpan(row * QuantizeNet.InputSize, QuantizeNet.InputSize), actual);
            worst = MathF.Max(worst, expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max());
            agree += Array.IndexOf(expected, expected.Max()) == Array.IndexOf(actual, actual.Max()) ? 1 : 0;
        }

        output.WriteLine($"max |int8 - float| probability = {worst:F4}; same class in {agree} of 200 rows");
        Assert.True(worst < 0.05f, $"max difference {worst}");
        Assert.True(agree >= 190, $"{agree} of 200 rows");
        Assert.True(quantized.ParameterBytes * 3 < 4L * QuantizeNet.ParameterCount, $"{quantized.ParameterBytes} bytes");
    }

    /// <summary>Each int8 kernel this machine supports, not only the best one, predicts without allocating.</summary>
    [Fact]
    public void Predict_allocates_nothing_with_every_supported_kernel()
    {
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(TrainedQuantizeNet(), TestData.Uniform(10 * QuantizeNet.InputSize, seed: 1));
        float[] input = TestData.Uniform(QuantizeNet.InputSize, seed: 2);
        var result = new float[QuantizeNet.OutputSize];
        Assert.Contains(QuantizedNetwork.BestKernel, SupportedKernels);
        foreach (Int8Kernel kernel in SupportedKernels)
        {
            quantized.Kernel = kernel;
            var allocated = new long[4];
            for (int window = 0; window < allocated.Length; window++)
            {
                if (window == 1)
                {
                    // After the warm-up window: a collection empties this thread's allocation context, so that
                    // collections caused by other tests meanwhile find nothing unused in it to add to its count.
                    GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    quantized.Predict(input, result);
                }

                allocated[window] = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            // The first window is the warm-up; every later one must allocate nothing.
            Assert.True(allocated.Skip(1).All(bytes => bytes == 0), $"the {kernel} kernel allocated {string.Join(", ", allocated)} bytes in windows of 100 calls");
        }

        output.WriteLine($"kernels measured: {string.Join(", ", SupportedKernels)}");
    }

    [Fact]
    public void Save_and_Load_round_trip_and_corruption_is_InvalidDataException()
    {
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(TrainedQuantizeNet(), TestData.Uniform(50 * QuantizeNet.InputSize, seed: 1));
        using var stream = new MemoryStream();
        quantized.Save(stream);
        byte[] bytes = stream.ToArray();
        QuantizedNetwork loaded = QuantizedNetwork.Load(new MemoryStream(bytes), QuantizeNet.Architecture);
        float[] rows = TestData.Uniform(20 * QuantizeNet.InputSize, seed: 3);
        Assert.Equal(PredictAll(quantized, Int8Kernel.Scalar, rows), PredictAll(loaded, Int8Kernel.Scalar, rows));

        var random = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            byte[] corrupted = (byte[])bytes.Clone();
            if (i % 2 == 0)
            {
                corrupted[random.Next(corrupted.Length)] ^= (byte)(1 << random.Next(8));
            }
            else
            {
                corrupted = corrupted.AsSpan(0, random.Next(corrupted.Length)).ToArray();
            }

            Assert.Throws<InvalidDataException>(() => QuantizedNetwork.Load(new MemoryStream(corrupted), QuantizeNet.Architecture));
        }

        var other = Assert.Throws<InvalidDataException>(() => QuantizedNetwork.Load(new MemoryStream(bytes), ReferenceInt8Net.Architecture));
        Assert.Contains("another architecture", other.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void Non_finite_calibration_rows_are_rejected_naming_row_and_column(float bad)
    {
        float[] calibration = TestData.Uniform(4 * ReferenceInt8Net.InputSize, seed: 1);
        calibration[(2 * ReferenceInt8Net.InputSize) + 5] = bad;
        ArgumentException error = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(new ReferenceInt8Net(1), calibration));
        Assert.Equal("calibrationInputs", error.ParamName);
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibration_rows_that_overflow_the_float_network_are_rejected_naming_the_layer()
    {
        var network = new ReferenceInt8Net(1);
        network.ImportParameters(Enumerable.Repeat(1f, ReferenceInt8Net.ParameterCount).ToArray());
        float[] calibration = Enumerable.Repeat(3e38f, 2 * ReferenceInt8Net.InputSize).ToArray();
        ArgumentException error = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(network, calibration));
        Assert.Contains("Dense layer 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Weights and calibration values so small that max/127 underflows to 0: every scale written must still be one Load accepts.</summary>
    [Fact]
    public void Tiny_weights_and_inputs_give_a_file_that_Load_accepts_and_that_predicts_the_same()
    {
        var network = new ReferenceInt8Net(2);
        float[] parameters = TestData.Parameters(network);
        parameters.AsSpan(0, ReferenceInt8Net.InputSize).Fill(1e-44f); // the first row of the first weight matrix: subnormal
        network.ImportParameters(parameters);
        float[] calibration = Enumerable.Repeat(1e-44f, 3 * ReferenceInt8Net.InputSize).ToArray();
        QuantizedNetwork quantized = QuantizedNetwork.Quantize(network, calibration);
        using var stream = new MemoryStream();
        quantized.Save(stream);
        QuantizedNetwork loaded = QuantizedNetwork.Load(new MemoryStream(stream.ToArray()), ReferenceInt8Net.Architecture);
        float[] rows = [.. calibration, .. TestData.Uniform(3 * ReferenceInt8Net.InputSize, seed: 3)];
        float[] outputs = PredictAll(quantized, Int8Kernel.Scalar, rows);
        Assert.Equal(outputs, PredictAll(loaded, Int8Kernel.Scalar, rows));
        Assert.All(outputs, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Pruning_zeroes_the_smallest_weights_of_each_layer_and_fine_tuning_keeps_them_zero()
    {
        QuantizeNet network = TrainedQuantizeNet();
        float[] before = TestData.Parameters(network);
        PruningMask mask = MagnitudePruning.Prune(network, 0.75f);
        float[] after = TestData.Parameters(network);

        foreach (LayerInfo layer in QuantizeNet.Architecture.Layers.Where(layer => layer.Kind == LayerKind.Dense))
        {
            int[] pruned = Enumerable.Range(layer.ParameterOffset, layer.WeightCount).Where(mask.IsPruned).ToArray();
            Assert.Equal((int)MathF.Round(0.75f * layer.WeightCount), pruned.Length);
            float largestPruned = pruned.Max(i => MathF.Abs(before[i]));
            float smallestKept = Enumerable.Range(layer.ParameterOffset, layer.WeightCount).Where(i => !mask.IsPruned(i)).Min(i => MathF.Abs(before[i]));
            Assert.True(largestPruned <= smallestKept);
            Assert.All(pruned, i => Assert.Equal(0f, after[i]));
            Assert.All(Enumerable.Range(layer.BiasOffset, layer.BiasCount), i => Assert.False(mask.IsPruned(i)));
        }

        Assert.InRange(mask.Sparsity, 0.749f, 0.751f);
        (float[] inputs, float[] targets) = TeacherData(256, seed: 8);
        float lossBefore = network.Evaluate(inputs.AsSpan(0, 16 * QuantizeNet.InputSize), targets.AsSpan(0, 16 * QuantizeNet.OutputSize));
        MagnitudePruning.FineTune(network, mask, inputs, targets, epochs: 5, seed: 1);
        float lossAfter = network.Evaluate(inputs.AsSpan(0, 16 * QuantizeNet.InputSize), targets.AsSpan(0, 16 * QuantizeNet.OutputSize));
        float[] tuned = TestData.Parameters(network);
        Assert.All(Enumerable.Range(0, tuned.Length).Where(mask.IsPruned), i => Assert.Equal(0f, tuned[i]));
        Assert.True(lossAfter < lossBefore, $"fine-tuning went from {lossBefore} to {lossAfter}");
    }

    private static float[] PredictAll(QuantizedNetwork network, Int8Kernel kernel, float[] rows)
    {
        network.Kernel = kernel;
        int count = rows.Length / network.InputSize;
        var outputs = new float[count * network.OutputSize];
        for (int row = 0; row < count; row++)
        {
            network.Predict(rows.AsSpan(row * network.InputSize, network.InputSize), outputs.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        return outputs;
    }

    /// <summary>Labels from a fixed random network, so that there is something to learn.</summary>
    private static (float[] Inputs, float[] Targets) TeacherData(int rows, int seed)
    {
        var teacher = new QuantizeNet(seed + 100);
        float[] inputs = TestData.Uniform(rows * QuantizeNet.InputSize, seed, -2f, 2f);
        var targets = new float[rows * QuantizeNet.OutputSize];
        var scores = new float[QuantizeNet.OutputSize];
        for (int row = 0; row < rows; row++)
        {
            teacher.Predict(inputs.AsSpan(row * QuantizeNet.InputSize, QuantizeNet.InputSize), scores);
            targets[(row * QuantizeNet.OutputSize) + Array.IndexOf(scores, scores.Max())] = 1f;
        }

        return (inputs, targets);
    }

    private static QuantizeNet TrainedQuantizeNet()
    {
        var network = new QuantizeNet(seed: 21);
        (float[] inputs, float[] targets) = TeacherData(256, seed: 4);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            for (int start = 0; start < 256; start += 16)
            {
                network.TrainStep(inputs.AsSpan(start * QuantizeNet.InputSize, 16 * QuantizeNet.InputSize), targets.AsSpan(start * QuantizeNet.OutputSize, 16 * QuantizeNet.OutputSize));
            }
        }

        return network;
    }
}
