using System;
using System.Globalization;
using NetGen.Benchmarks.Data;

namespace NetGen.Benchmarks.Peers;

/// <summary>Checks, before anything is timed, that the peers compute what NetGen computes.</summary>
public static class PeerAgreement
{
    /// <summary>Training steps each training check takes: the second one uses the optimizer's state (momentum, moments).</summary>
    public const int Steps = 2;

    /// <summary>
    /// The largest norm of the difference between NetGen's and a peer's parameters after <see cref="Steps"/>
    /// steps, relative to the norm of NetGen's own change: float rounding leaves about 1e-6; a peer with
    /// another learning rate, optimizer, momentum, loss or gradient scale differs by 0.1 or more.
    /// </summary>
    public const double StepTolerance = 1e-3;

    /// <summary>Throws unless NetGen's, ONNX Runtime's and the naive network's outputs for <paramref name="input"/> agree.</summary>
    public static void Check(INetwork network, OnnxPredictor onnx, NaiveNetwork naive, float[] input)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(naive);
        float[] expected = new float[network.OutputSize];
        float[] actual = new float[network.OutputSize];
        network.Predict(input, expected);
        input.CopyTo(onnx.Input, 0);
        onnx.Run();
        Compare("ONNX Runtime", expected, onnx.Output);
        naive.Predict(input, actual);
        Compare("the naive network", expected, actual);
    }

    /// <summary>
    /// Throws unless <see cref="Steps"/> training steps of <paramref name="network"/> (a new network, as the
    /// benchmark builds it) and of the naive peer <paramref name="peer"/> builds from its parameters (as the
    /// benchmark builds its peer) give the same losses and parameters, on batches from <paramref name="batches"/>.
    /// </summary>
    public static void CheckTraining(string what, INetwork network, Func<float[], NaiveNetwork> peer, RandomBatches batches)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(batches);
        float[] before = Parameters(network);
        NaiveNetwork naive = peer(before);
        for (int step = 0; step < Steps; step++)
        {
            (float[] x, float[] t) = batches.Next();
            float expected = network.TrainStep(x, t);
            float actual = naive.TrainStep(x, t);
            if (!(Math.Abs(expected - actual) <= 1e-4f * (1f + Math.Abs(expected))))
            {
                throw new InvalidOperationException($"{what}: the loss of step {step + 1} is {actual} for the naive network, {expected} for NetGen: the peers do not compute the same step.");
            }
        }

        float[] after = new float[network.ParameterCount];
        naive.ExportParameters(after);
        CompareSteps(what, "the naive network", before, Parameters(network), after);
    }

    /// <summary>
    /// The network <paramref name="create"/> makes and the naive peer <paramref name="peer"/> builds from its parameters,
    /// for timing, after <see cref="CheckTraining"/> has checked a first pair made the same way.
    /// </summary>
    public static (TNetwork Network, NaiveNetwork Peer) CheckedPair<TNetwork>(string what, Func<TNetwork> create, Func<float[], NaiveNetwork> peer, RandomBatches batches)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(peer);
        CheckTraining(what, create(), peer, batches);
        TNetwork network = create();
        return (network, peer(Parameters(network)));
    }

    /// <summary>Throws unless <paramref name="actual"/> (a peer's parameters after the steps) is within <see cref="StepTolerance"/>
    /// of <paramref name="expected"/> (NetGen's), relative to how far NetGen moved from <paramref name="before"/>.</summary>
    public static void CompareSteps(string what, string peer, ReadOnlySpan<float> before, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        double moved = 0, difference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            moved += Square(expected[i] - (double)before[i]);
            difference += Square(actual[i] - (double)expected[i]);
        }

        double relative = Math.Sqrt(difference / moved);
        if (!(moved > 0) || !(relative <= StepTolerance))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: after {Steps} training steps {peer}'s parameters differ from NetGen's by {relative:G3} of NetGen's change (allowed {StepTolerance:G3}): the peers do not compute the same step."));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}: {peer} agrees with NetGen after {Steps} steps ({relative:G3} of the change)"));
    }

    private static double Square(double value) => value * value;

    private static float[] Parameters(INetwork network)
    {
        float[] parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }

    private static void Compare(string peer, float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= 1e-3f * (1f + Math.Abs(expected[i]))))
            {
                throw new InvalidOperationException($"Output {i} of {peer} is {actual[i]}, NetGen's is {expected[i]}: the peers do not compute the same network.");
            }
        }
    }
}
