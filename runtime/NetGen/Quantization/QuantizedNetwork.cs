using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Kernels;

namespace NetGen.Quantization;

/// <summary>
/// An inference-only copy of a network with int8 Dense layers: per-output-channel weight scales,
/// int8 weights, inputs quantised with a per-layer scale calibrated on a sample of data, and
/// int32 accumulation with the best dot-product instructions of the machine (see
/// <see cref="Int8Kernel"/>). Biases and activations stay in float.
/// </summary>
/// <remarks>
/// <see cref="Predict"/> allocates nothing. An instance is not thread-safe: use one per thread.
/// Saved with <see cref="Save"/> in the format documented in <c>docs/format.md</c>.
/// </remarks>
public sealed class QuantizedNetwork
{
    private readonly QuantizedLayer[] _layers;
    private readonly sbyte[] _quantized;
    private readonly int[] _sums;
    private readonly float[] _front;
    private readonly float[] _back;
    private Int8Kernel _kernel = Int8DotProducts.Best;

    internal QuantizedNetwork(NetworkArchitecture architecture, QuantizedLayer[] layers)
    {
        Architecture = architecture;
        _layers = layers;
        int widest = Math.Max(architecture.InputSize, layers.Max(layer => layer.Units));
        _quantized = new sbyte[layers.Max(layer => layer.Stride)];
        _sums = new int[layers.Max(layer => layer.Units)];
        _front = new float[widest];
        _back = new float[widest];
    }

    /// <summary>The architecture of the network this was quantised from.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The number of input features per row.</summary>
    public int InputSize => Architecture.InputSize;

    /// <summary>The number of outputs per row.</summary>
    public int OutputSize => Architecture.OutputSize;

    /// <summary>The fastest kernel this machine runs; new instances use it.</summary>
    public static Int8Kernel BestKernel => Int8DotProducts.Best;

    /// <summary>The kernel <see cref="Predict"/> uses. Every kernel gives bit-identical outputs.</summary>
    /// <exception cref="PlatformNotSupportedException">The machine (or this build of NetGen) cannot run the kernel set.</exception>
    public Int8Kernel Kernel
    {
        get => _kernel;
        set => _kernel = IsSupported(value) ? value : throw new PlatformNotSupportedException($"The {value} int8 kernel does not run on this machine; supported: {string.Join(", ", Enum.GetValues<Int8Kernel>().Where(IsSupported))}.");
    }

    /// <summary>
    /// The bytes the quantised parameters take: one per weight, plus a float scale and a float
    /// bias per output and a float input scale per layer. Compare with <c>4 * ParameterCount</c>.
    /// </summary>
    public long ParameterBytes => _layers.Sum(layer => layer.StoredBytes);

    /// <summary>Whether this machine (and this build of NetGen) runs <paramref name="kernel"/>.</summary>
    public static bool IsSupported(Int8Kernel kernel) => Int8DotProducts.IsSupported(kernel);

    /// <summary>
    /// Quantises <paramref name="network"/>'s Dense layers. The input scale of each layer is the
    /// largest magnitude its input reaches on <paramref name="calibrationInputs"/> (rows of
    /// <see cref="INetwork.InputSize"/> floats, run through the float network), divided by 127.
    /// </summary>
    /// <param name="network">The trained network; its parameters must be finite.</param>
    /// <param name="calibrationInputs">At least one row of representative inputs, all finite; a few hundred rows are typical.</param>
    /// <exception cref="ArgumentException">The calibration data is empty, not a whole number of rows, holds NaN or
    /// infinity, or drives a layer of the float network to NaN or infinity (the message names the row); the
    /// network's parameters are not finite; or the network has a layer other than Dense on flat rows and Dropout.</exception>
    public static QuantizedNetwork Quantize(INetwork network, ReadOnlySpan<float> calibrationInputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        int width = network.InputSize;
        if (calibrationInputs.Length == 0 || calibrationInputs.Length % width != 0)
        {
            throw new ArgumentException(
                $"The calibration inputs must be one or more rows of {width} floats; {calibrationInputs.Length} floats were given.", nameof(calibrationInputs));
        }

        int bad = NetworkGuard.IndexOfNonFinite(calibrationInputs);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The calibration inputs hold {calibrationInputs[bad]} at row {bad / width}, column {bad % width}; calibration rows must be finite.", nameof(calibrationInputs));
        }

        NetworkArchitecture architecture = network.Architecture;
        RequireFlatDense(architecture);
        QuantizedNetworkFormat.CheckFits(architecture, nameof(network));
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        bad = NetworkGuard.IndexOfNonFinite(parameters);
        if (bad >= 0)
        {
            throw new ArgumentException($"The network's parameter {bad} is {parameters[bad]}; only a network with finite parameters can be quantised.", nameof(network));
        }

        List<LayerInfo> dense = architecture.Layers.Where(layer => layer.Kind == LayerKind.Dense).ToList();
        float[] ranges = FloatForward.InputRanges(dense, parameters, calibrationInputs);
        var layers = new QuantizedLayer[dense.Count];
        for (int i = 0; i < dense.Count; i++)
        {
            layers[i] = QuantizedLayer.FromFloat(dense[i], parameters, Int8Quantizer.ScaleFor(ranges[i]));
        }

        return new QuantizedNetwork(architecture, layers);
    }

    /// <summary>Throws unless every layer is a Dense layer on flat rows, a Dropout layer (the identity here) or the Flatten of a flat row.</summary>
    private static void RequireFlatDense(NetworkArchitecture architecture)
    {
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            bool flat = layer.InputShape.Rank == 1;
            if (!(layer.Kind == LayerKind.Dropout || (flat && layer.Kind is LayerKind.Dense or LayerKind.Flatten)))
            {
                throw new ArgumentException(
                    $"int8 quantisation takes networks of Dense layers on flat rows (with Dropout); layer {i}, {layer} on {layer.InputShape}, is not one. Quantise a network that starts with its flat row, or keep this one in float.",
                    nameof(architecture));
            }
        }
    }

    /// <summary>Computes the outputs of one row.</summary>
    /// <param name="input"><see cref="InputSize"/> floats.</param>
    /// <param name="output"><see cref="OutputSize"/> floats.</param>
    /// <exception cref="ArgumentException">A length differs from the network's sizes.</exception>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        NetworkGuard.Length(input.Length, InputSize, nameof(input), nameof(InputSize));
        NetworkGuard.Length(output.Length, OutputSize, nameof(output), nameof(OutputSize));
        ReadOnlySpan<float> x = input;
        float[] next = _front;
        foreach (QuantizedLayer layer in _layers)
        {
            Span<sbyte> quantized = _quantized.AsSpan(0, layer.Stride);
            Int8Quantizer.Quantize(x[..layer.Inputs], 1f / layer.InputScale, quantized);

            quantized[layer.Inputs..].Clear();
            Span<int> sums = _sums.AsSpan(0, layer.Units);
            Int8DotProducts.Multiply(_kernel, layer.PaddedWeights, layer.Stride, layer.RowSums, quantized, sums);
            Span<float> y = next.AsSpan(0, layer.Units);
            for (int o = 0; o < y.Length; o++)
            {
                y[o] = (sums[o] * layer.OutputScales[o]) + layer.Biases[o];
            }

            FloatForward.Activate(layer.Activation, y);
            x = y;
            next = next == _front ? _back : _front;
        }

        x.CopyTo(output);
    }

    /// <summary>Writes the quantised network (format documented in <c>docs/format.md</c>).</summary>
    /// <param name="stream">The destination.</param>
    public void Save(Stream stream) => QuantizedNetworkFormat.Write(stream, Architecture, _layers);

    /// <summary>Reads a quantised network written by <see cref="Save"/> for <paramref name="architecture"/>.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="architecture">The architecture it must have, for example <c>MnistNet.Architecture</c>.</param>
    /// <exception cref="InvalidDataException">The stream is not a valid quantised network of this architecture.</exception>
    /// <exception cref="ArgumentException">The architecture is too large to hold in int8 (a layer's padded weights or the file exceed one array).</exception>
    public static QuantizedNetwork Load(Stream stream, NetworkArchitecture architecture)
        => new(architecture, QuantizedNetworkFormat.Read(stream, architecture));
}
