using System;
using System.Collections.Generic;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// ExportGradients after ComputeGradients equals the gradient of the returned mean loss: against
/// central finite differences of the double-precision reference loss at sampled parameters (every
/// edge of every tensor), and against the reference's backpropagation at every parameter.
/// </summary>
public class GradientFiniteDifferenceTests
{
    /// <summary>Float gradients summed over up to 257 terms and 13 rows on any SIMD path stay well within this.</summary>
    internal const double GradientTolerance = 2e-5;

    public static TheoryData<string> Networks => NetworkCatalog.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_of_a_full_batch_matches_central_finite_differences(string name)
        => CheckGradient(name, fullBatch: true);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_of_a_partial_batch_matches_central_finite_differences(string name)
        => CheckGradient(name, fullBatch: false);

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_reference_backpropagation_matches_finite_differences(string name)
    {
        // The reference is itself checked, so that comparisons with it prove something.
        INetwork network = NetworkCatalog.Create(name, seed: 5);
        int rows = network.BatchSize;
        float[] inputs = TestData.Inputs(network, rows, seed: 50);
        float[] targets = TestData.Targets(network, rows, seed: 51);
        var model = new ReferenceModel(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        var analytic = new double[parameters.Length];
        model.LossAndGradient(parameters, inputs, targets, rows, analytic);
        double scale = 0;
        foreach (double value in analytic)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        foreach (int index in GradientSample.Indices(network.Architecture, seed: 52))
        {
            double numeric = FiniteDifferences.Derivative(model, parameters, index, inputs, targets, rows);
            Assert.True(
                Math.Abs(numeric - analytic[index]) <= 1e-6 * (Math.Abs(numeric) + scale),
                $"{name}: parameter {index}: backpropagation gives {analytic[index]:G9}, finite differences {numeric:G9}.");
        }
    }

    private static void CheckGradient(string name, bool fullBatch)
    {
        INetwork network = NetworkCatalog.Create(name, seed: 3);
        int rows = fullBatch ? network.BatchSize : (network.BatchSize / 2) + 1;
        rows = Math.Min(rows, network.BatchSize);
        float[] inputs = TestData.Inputs(network, rows, seed: 30);
        float[] targets = TestData.Targets(network, rows, seed: 31);

        float loss = network.ComputeGradients(inputs, targets);
        float[] gradient = TestData.Gradients(network);

        var model = new ReferenceModel(network.Architecture);
        double[] parameters = TestData.ToDouble(TestData.Parameters(network));
        var analytic = new double[parameters.Length];
        double expectedLoss = model.LossAndGradient(parameters, inputs, targets, rows, analytic);
        NumericAssert.Close(expectedLoss, loss, 5e-5, 1e-6, $"{name}: loss of {rows} rows");

        // Finite differences at the edges and samples of every tensor.
        IReadOnlyList<int> sample = GradientSample.Indices(network.Architecture, seed: 32);
        var numeric = new double[sample.Count];
        var actual = new float[sample.Count];
        for (int k = 0; k < sample.Count; k++)
        {
            numeric[k] = FiniteDifferences.Derivative(model, parameters, sample[k], inputs, targets, rows);
            actual[k] = gradient[sample[k]];
        }

        IReadOnlyList<ParameterTensor> tensors = ParameterTensor.Of(network.Architecture);
        for (int k = 0; k < sample.Count; k++)
        {
            ParameterTensor tensor = TensorOf(tensors, sample[k]);
            double scale = MaxAbs(analytic, tensor);
            double allowed = GradientTolerance * (Math.Abs(numeric[k]) + scale);
            Assert.True(
                Math.Abs(actual[k] - numeric[k]) <= allowed,
                $"{name}, {rows} rows: {tensor.Describe(sample[k])}: ExportGradients gives {actual[k]:G9}, central differences {numeric[k]:G9} (allowed {allowed:G3}).");
        }

        // Every parameter against backpropagation in double.
        NumericAssert.TensorsClose(network.Architecture, analytic, gradient, GradientTolerance, $"{name}, {rows} rows: exported gradient vs reference");
    }

    private static ParameterTensor TensorOf(IReadOnlyList<ParameterTensor> tensors, int index)
    {
        foreach (ParameterTensor tensor in tensors)
        {
            if (index >= tensor.Offset && index < tensor.Offset + tensor.Length)
            {
                return tensor;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    private static double MaxAbs(double[] values, ParameterTensor tensor)
    {
        double max = 0;
        for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++)
        {
            max = Math.Max(max, Math.Abs(values[i]));
        }

        return max;
    }
}
