using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Serialization;

namespace NetGen.Quantization;

/// <summary>The file format of a <see cref="QuantizedNetwork"/> (<c>NETGENQ8</c>, version 1, documented in <c>docs/format.md</c>).</summary>
internal static class QuantizedNetworkFormat
{
    public const int Version = 1;
    private const int FixedHeaderBytes = 28;

    private static ReadOnlySpan<byte> Magic => "NETGENQ8"u8;

    public static void Write(Stream stream, NetworkArchitecture architecture, QuantizedLayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] description = Encoding.UTF8.GetBytes(architecture.Description);
        byte[] buffer = new byte[LengthOf(architecture)];
        Span<byte> span = buffer;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 0); // flags, reserved
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], architecture.Fingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], description.Length);
        description.CopyTo(span[FixedHeaderBytes..]);
        int at = FixedHeaderBytes + description.Length;
        for (int i = 0; i < layers.Length; i++)
        {
            QuantizedLayer layer = layers[i];
            sbyte[] weights = layer.Weights();
            if (Refusal(layer.InputScale, layer.WeightScales, layer.Biases, weights) is string refusal)
            {
                throw new InvalidOperationException($"Dense layer {i} of the quantised network holds {refusal}; Load would refuse such a file, so nothing was written.");
            }

            BinaryPrimitives.WriteSingleLittleEndian(span[at..], layer.InputScale);
            at += 4;
            at += LittleEndianFloats.Write(layer.WeightScales, span[at..]);
            at += LittleEndianFloats.Write(layer.Biases, span[at..]);
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()).CopyTo(span[at..]);
            at += weights.Length;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.Compute(span[..at]));
        stream.Write(buffer);
    }

    public static QuantizedLayer[] Read(Stream stream, NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);
        CheckFits(architecture, nameof(architecture));
        byte[] description = Encoding.UTF8.GetBytes(architecture.Description);

        // Every size below comes from the architecture; the stream only has to agree.
        byte[] buffer = new byte[LengthOf(architecture)];
        int got = stream.ReadAtLeast(buffer.AsSpan(0, FixedHeaderBytes), FixedHeaderBytes, throwOnEndOfStream: false);
        if (got < 8 || !buffer.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not a quantised NetGen network: it does not start with the bytes 'NETGENQ8'.");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(8));
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(12));
        ulong fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(16));
        int descriptionLength = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(24));
        if (got < FixedHeaderBytes)
        {
            throw new InvalidDataException($"The quantised network is truncated: it ends after {got} bytes, inside its header.");
        }

        if (version != Version || flags != 0)
        {
            throw new InvalidDataException($"The quantised network has version {version} and flags 0x{flags:X8}; this NetGen reads version {Version} with flags 0.");
        }

        if (fingerprint != architecture.Fingerprint || descriptionLength != description.Length)
        {
            throw new InvalidDataException($"The quantised network is for another architecture (fingerprint 0x{fingerprint:X16}); this one ({architecture}) has 0x{architecture.Fingerprint:X16}.");
        }

        int rest = stream.ReadAtLeast(buffer.AsSpan(FixedHeaderBytes), buffer.Length - FixedHeaderBytes, throwOnEndOfStream: false);
        if (rest < buffer.Length - FixedHeaderBytes)
        {
            throw new InvalidDataException($"The quantised network is truncated: it ends after {FixedHeaderBytes + rest} bytes of {buffer.Length}.");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(buffer.Length - 4));
        uint crc = Crc32.Compute(buffer.AsSpan(0, buffer.Length - 4));
        if (stored != crc)
        {
            throw new InvalidDataException($"The quantised network is corrupted: its CRC-32 is 0x{stored:X8} but its contents give 0x{crc:X8}.");
        }

        if (!buffer.AsSpan(FixedHeaderBytes, description.Length).SequenceEqual(description))
        {
            throw new InvalidDataException($"The quantised network's architecture description differs from '{architecture.Description}'.");
        }

        int at = FixedHeaderBytes + description.Length;
        var layers = new List<QuantizedLayer>();
        foreach (LayerInfo layer in DenseLayers(architecture))
        {
            float inputScale = BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(at));
            at += 4;
            var scales = new float[layer.OutputSize];
            at += LittleEndianFloats.Read(buffer.AsSpan(at), scales);
            var biases = new float[layer.OutputSize];
            at += LittleEndianFloats.Read(buffer.AsSpan(at), biases);
            sbyte[] weights = new sbyte[layer.WeightCount];
            buffer.AsSpan(at, weights.Length).CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
            at += weights.Length;
            if (Refusal(inputScale, scales, biases, weights) is string refusal)
            {
                throw new InvalidDataException($"The quantised network holds {refusal}.");
            }

            layers.Add(new QuantizedLayer(layer.InputSize, layer.OutputSize, layer.Activation, inputScale, scales, biases, weights));
        }

        return layers.ToArray();
    }

    /// <summary>Why the reader refuses a layer with these values, or null when it accepts it. Writing checks the same rules, so no file is written that cannot be read.</summary>
    private static string? Refusal(float inputScale, float[] scales, float[] biases, sbyte[] weights)
    {
        if (!(inputScale > 0f && float.IsFinite(inputScale)) || scales.Any(scale => !(scale > 0f && float.IsFinite(scale))))
        {
            return "a scale that is not positive and finite";
        }

        if (biases.Any(bias => !float.IsFinite(bias)))
        {
            return "a non-finite bias";
        }

        return weights.Contains(sbyte.MinValue) ? "the weight -128; weights are in [-127, 127]" : null;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the int8 form of <paramref name="architecture"/>
    /// fits in memory as this implementation holds it: each layer's padded weights in one array,
    /// and the whole file in one buffer.
    /// </summary>
    public static void CheckFits(NetworkArchitecture architecture, string parameterName)
    {
        int index = 0;
        foreach (LayerInfo layer in DenseLayers(architecture))
        {
            long stride = QuantizedLayer.PaddedLength(layer.InputSize);
            ArraySize.Bytes(layer.OutputSize * stride, $"Dense layer {index} in int8 ({layer.OutputSize} rows of {stride} bytes, each row padded to {Int8DotProducts.Alignment})", parameterName);
            index++;
        }

        ArraySize.Bytes(LengthOf(architecture), $"A quantised network of {architecture}", parameterName);
    }

    private static long LengthOf(NetworkArchitecture architecture)
        => FixedHeaderBytes + Encoding.UTF8.GetByteCount(architecture.Description) + BodyBytes(architecture) + 4;

    private static IEnumerable<LayerInfo> DenseLayers(NetworkArchitecture architecture) => architecture.Layers.Where(layer => layer.Kind == LayerKind.Dense);

    private static long BodyBytes(NetworkArchitecture architecture)
        => DenseLayers(architecture).Sum(layer => 4L + (8L * layer.OutputSize) + layer.WeightCount);
}
