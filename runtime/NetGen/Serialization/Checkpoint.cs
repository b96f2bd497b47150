using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using NetGen.ModelSelection;

namespace NetGen.Serialization;

/// <summary>
/// Writes and reads NetGen checkpoints (format versions 1 and 2, documented in <c>docs/format.md</c>):
/// a header naming the architecture, the hyperparameters, the step, the dropout generator, the
/// parameters and the optimizer state, then for a network with state (BatchNorm's running statistics, version 2)
/// that state and the count of batches it took in, closed by a CRC-32 over everything before it. A network without
/// state is written in version 1, byte for byte as before state existed.
/// Every malformed stream is rejected with <see cref="InvalidDataException"/> before anything is
/// returned, and no buffer is ever sized from a number read from the stream.
/// </summary>
public static class Checkpoint
{
    /// <summary>The newest format version this library reads: 2, which it writes for networks with state (version 1 for the others).</summary>
    public const int FormatVersion = 2;

    /// <summary>The version a checkpoint of a network without state has.</summary>
    public const int StatelessVersion = 1;

    /// <summary>The longest architecture description a header may carry.</summary>
    public const int MaxDescriptionBytes = 16 * 1024;

    private const int FixedHeaderBytes = 36;
    private const int HyperparameterCount = 11; // HyperparameterDefinitions.All.Count, a constant of format version 1
    private const int ScalarBlockBytes = (HyperparameterCount * 4) + 8 + (DeterministicRandom.StateWords * 4);

    /// <summary>The eight bytes every checkpoint starts with: ASCII <c>NETGENCK</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "NETGENCK"u8;

    /// <summary>The exact length in bytes of a checkpoint of <paramref name="architecture"/>.</summary>
    /// <param name="architecture">The network's architecture.</param>
    public static long LengthOf(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return FixedHeaderBytes + Encoding.UTF8.GetByteCount(architecture.Description) + ScalarBlockBytes
            + (4L * architecture.ParameterCount * (1 + architecture.OptimizerStateTensors)) + StateBytes(architecture) + 4;
    }

    /// <summary>The version of a checkpoint of <paramref name="architecture"/>: 2 with state, 1 without.</summary>
    /// <param name="architecture">The network's architecture.</param>
    public static int VersionOf(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture.StateCount > 0 ? FormatVersion : StatelessVersion;
    }

    /// <summary>The bytes of the state section: the state values and the count of batches, or nothing without state.</summary>
    private static long StateBytes(NetworkArchitecture architecture) => architecture.StateCount > 0 ? (4L * architecture.StateCount) + 8 : 0;

    /// <summary>Writes one checkpoint of a network without state to <paramref name="stream"/> (format version 1).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="architecture">The network's architecture.</param>
    /// <param name="hyperparameters">The current hyperparameters.</param>
    /// <param name="step">The number of updates taken.</param>
    /// <param name="randomState">The dropout generator's state.</param>
    /// <param name="parameters">The parameters in canonical order.</param>
    /// <param name="optimizerState">The optimizer state tensors, each in canonical order.</param>
    /// <exception cref="ArgumentException">A length does not match the architecture (which must have no state), or its checkpoint would exceed one buffer.</exception>
    /// <exception cref="InvalidOperationException">A parameter or state value is NaN or infinite; nothing is written.</exception>
    public static void Write(
        Stream stream,
        NetworkArchitecture architecture,
        in Hyperparameters hyperparameters,
        long step,
        ReadOnlySpan<uint> randomState,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> optimizerState)
        => Write(stream, architecture, hyperparameters, step, randomState, parameters, optimizerState, [], 0);

    /// <summary>Writes one checkpoint to <paramref name="stream"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="architecture">The network's architecture.</param>
    /// <param name="hyperparameters">The current hyperparameters.</param>
    /// <param name="step">The number of updates taken.</param>
    /// <param name="randomState">The dropout generator's state.</param>
    /// <param name="parameters">The parameters in canonical order.</param>
    /// <param name="optimizerState">The optimizer state tensors, each in canonical order.</param>
    /// <param name="state">The network's state in canonical order (<see cref="NetworkArchitecture.StateCount"/> floats).</param>
    /// <param name="batchesTracked">The training calls the state took in.</param>
    /// <exception cref="ArgumentException">A length does not match the architecture, the count is negative, or its checkpoint would exceed one buffer (<c>Array.MaxLength</c> bytes).</exception>
    /// <exception cref="InvalidOperationException">A parameter or state value is NaN or infinite; such a checkpoint could never be loaded, so nothing is written.</exception>
    public static void Write(
        Stream stream,
        NetworkArchitecture architecture,
        in Hyperparameters hyperparameters,
        long step,
        ReadOnlySpan<uint> randomState,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> optimizerState,
        ReadOnlySpan<float> state,
        long batchesTracked)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);
        int stateTensors = architecture.OptimizerStateTensors;
        ArraySize.Bytes(LengthOf(architecture), $"A checkpoint of {architecture.ParameterCount} parameters and {stateTensors} optimizer state tensors", nameof(architecture));
        NetworkGuard.Length(parameters.Length, architecture.ParameterCount, nameof(parameters), "ParameterCount");
        NetworkGuard.Length(optimizerState.Length, architecture.ParameterCount * stateTensors, nameof(optimizerState), "ParameterCount x state tensors");
        NetworkGuard.Length(randomState.Length, DeterministicRandom.StateWords, nameof(randomState), "StateWords");
        NetworkGuard.Length(state.Length, architecture.StateCount, nameof(state), "StateCount");
        ArgumentOutOfRangeException.ThrowIfNegative(batchesTracked);
        RequireFinite(parameters, "parameter");
        RequireFinite(optimizerState, "optimizer state value");
        RequireFinite(state, "state value");

        byte[] description = Encoding.UTF8.GetBytes(architecture.Description);
        int floats = parameters.Length + optimizerState.Length;
        byte[] buffer = new byte[FixedHeaderBytes + description.Length + ScalarBlockBytes + (4 * floats) + (int)StateBytes(architecture) + 4];
        Span<byte> span = buffer;

        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)VersionOf(architecture));
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 0); // flags, reserved
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], architecture.Fingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], architecture.ParameterCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], stateTensors);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], description.Length);
        int at = FixedHeaderBytes;
        description.CopyTo(span[at..]);
        at += description.Length;

        Span<float> values = stackalloc float[HyperparameterCount];
        HyperparametersToValues(hyperparameters, values);
        at += LittleEndianFloats.Write(values, span[at..]);

        BinaryPrimitives.WriteInt64LittleEndian(span[at..], step);
        at += 8;
        foreach (uint word in randomState)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], word);
            at += 4;
        }

        at += LittleEndianFloats.Write(parameters, span[at..]);
        at += LittleEndianFloats.Write(optimizerState, span[at..]);
        if (architecture.StateCount > 0)
        {
            at += LittleEndianFloats.Write(state, span[at..]);
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], batchesTracked);
            at += 8;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.Compute(span[..at]));
        stream.Write(buffer);
    }

    /// <summary>Reads and verifies one checkpoint of <paramref name="architecture"/>, leaving the stream just after it.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="architecture">The architecture the checkpoint must have.</param>
    /// <exception cref="InvalidDataException">The stream is empty, truncated, corrupted, of another architecture, of a newer format, or holds values out of range.</exception>
    public static CheckpointData Read(Stream stream, NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);

        Span<byte> header = stackalloc byte[FixedHeaderBytes];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw new InvalidDataException("The stream is empty; expected a NetGen checkpoint.");
        }

        if (got < 8 && header[..got].SequenceEqual(Magic[..got]))
        {
            throw new InvalidDataException($"The checkpoint is truncated: it ends after {got} bytes, inside its {FixedHeaderBytes}-byte header.");
        }

        if (!header[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not a NetGen checkpoint: it does not start with the bytes 'NETGENCK'.");
        }

        if (got < FixedHeaderBytes)
        {
            throw new InvalidDataException($"The checkpoint is truncated: it ends after {got} bytes, inside its {FixedHeaderBytes}-byte header.");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version > FormatVersion)
        {
            throw new InvalidDataException($"The checkpoint has format version {version}, written by a newer NetGen; this version reads format {FormatVersion}.");
        }

        if (version == 0)
        {
            throw new InvalidDataException("The checkpoint is corrupted: its format version is 0.");
        }

        if (version != VersionOf(architecture))
        {
            throw new InvalidDataException(architecture.StateCount > 0
                ? $"The checkpoint has format version {version}, which holds no state; this network keeps {architecture.StateCount} values of state (running statistics), which its checkpoints hold in version {FormatVersion}."
                : $"The checkpoint has format version {version}, which holds state; this network has none, so its checkpoints have version {StatelessVersion}.");
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        ulong fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        int parameterCount = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        int stateTensors = BinaryPrimitives.ReadInt32LittleEndian(header[28..]);
        int descriptionLength = BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
        if (flags != 0)
        {
            throw new InvalidDataException($"The checkpoint is corrupted: its reserved flags are 0x{flags:X8}, not 0.");
        }

        if (descriptionLength < 0 || descriptionLength > MaxDescriptionBytes)
        {
            throw new InvalidDataException($"The checkpoint is corrupted: its architecture description claims {descriptionLength} bytes (at most {MaxDescriptionBytes}).");
        }

        byte[] description = new byte[descriptionLength];
        ReadExactly(stream, description, FixedHeaderBytes);
        string savedDescription = Encoding.UTF8.GetString(description);
        if (savedDescription != architecture.Description)
        {
            throw new InvalidDataException(
                $"The checkpoint is for another architecture: it holds '{savedDescription}', but this network is '{architecture.Description}'.");
        }

        if (fingerprint != architecture.Fingerprint)
        {
            throw new InvalidDataException(
                $"The checkpoint is corrupted: its architecture fingerprint 0x{fingerprint:X16} does not match its description (0x{architecture.Fingerprint:X16}).");
        }

        int expectedStates = architecture.OptimizerStateTensors;
        if (parameterCount != architecture.ParameterCount || stateTensors != expectedStates)
        {
            throw new InvalidDataException(
                $"The checkpoint is corrupted: it claims {parameterCount} parameters and {stateTensors} optimizer state tensors; this architecture has {architecture.ParameterCount} and {expectedStates}.");
        }

        // Sizes from here on come from the architecture, never from the stream.
        long payloadLong = ScalarBlockBytes + (4L * architecture.ParameterCount * (1 + expectedStates)) + StateBytes(architecture) + 4;
        if (payloadLong > Array.MaxLength)
        {
            throw new InvalidDataException($"The checkpoint of this architecture would need {payloadLong} bytes, more than one buffer can hold.");
        }

        if (stream.CanSeek && stream.Length - stream.Position < payloadLong)
        {
            long available = FixedHeaderBytes + descriptionLength + Math.Max(0, stream.Length - stream.Position);
            throw new InvalidDataException(
                $"The checkpoint is truncated: it ends after {available} bytes, {payloadLong - (available - FixedHeaderBytes - descriptionLength)} bytes short of its end at {FixedHeaderBytes + descriptionLength + payloadLong}.");
        }

        byte[] payload = new byte[(int)payloadLong];
        ReadExactly(stream, payload, FixedHeaderBytes + descriptionLength);

        uint crc = Crc32.Append(Crc32.Append(Crc32.Compute(header), description), payload.AsSpan(0, payload.Length - 4));
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(payload.Length - 4));
        if (crc != stored)
        {
            throw new InvalidDataException($"The checkpoint is corrupted: its CRC-32 is 0x{stored:X8} but its contents give 0x{crc:X8}.");
        }

        ReadOnlySpan<byte> span = payload;
        Span<float> values = stackalloc float[HyperparameterCount];
        int at = LittleEndianFloats.Read(span, values);

        Hyperparameters hyperparameters = ValuesToHyperparameters(values);
        try
        {
            hyperparameters.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"The checkpoint holds an invalid hyperparameter: {e.Message}", e);
        }

        long step = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        at += 8;
        if (step < 0)
        {
            throw new InvalidDataException($"The checkpoint is corrupted: its step is {step}.");
        }

        uint[] randomState = new uint[DeterministicRandom.StateWords];
        for (int i = 0; i < randomState.Length; i++, at += 4)
        {
            randomState[i] = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        }

        if ((randomState[0] | randomState[1] | randomState[2] | randomState[3]) == 0)
        {
            throw new InvalidDataException("The checkpoint is corrupted: its dropout generator state is all zero.");
        }

        float[] parameters = new float[architecture.ParameterCount];
        at += LittleEndianFloats.Read(span[at..], parameters);
        float[] optimizerState = new float[architecture.ParameterCount * expectedStates];
        at += LittleEndianFloats.Read(span[at..], optimizerState);
        float[] state = new float[architecture.StateCount];
        long batchesTracked = 0;
        if (state.Length > 0)
        {
            at += LittleEndianFloats.Read(span[at..], state);
            batchesTracked = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
            if (batchesTracked < 0)
            {
                throw new InvalidDataException($"The checkpoint is corrupted: its count of batches tracked is {batchesTracked}.");
            }
        }

        RequireFiniteData(parameters, "parameter");
        RequireFiniteData(optimizerState, "optimizer state value");
        RequireFiniteData(state, "state value");
        return new CheckpointData(hyperparameters, step, randomState, parameters, optimizerState) { State = state, BatchesTracked = batchesTracked };
    }

    /// <summary>The hyperparameters in checkpoint order (<see cref="HyperparameterDefinitions.All"/>).</summary>
    internal static void HyperparametersToValues(in Hyperparameters h, Span<float> values)
    {
        foreach (HyperparameterDefinition definition in HyperparameterDefinitions.All)
        {
            values[definition.Index] = h.Get((Hyperparameter)definition.Index);
        }
    }

    /// <summary>The hyperparameters read in checkpoint order.</summary>
    internal static Hyperparameters ValuesToHyperparameters(ReadOnlySpan<float> values)
    {
        var h = default(Hyperparameters);
        foreach (HyperparameterDefinition definition in HyperparameterDefinitions.All)
        {
            h = h.With((Hyperparameter)definition.Index, values[definition.Index]);
        }

        return h;
    }

    private static void RequireFinite(ReadOnlySpan<float> values, string what)
    {
        int bad = NetworkGuard.IndexOfNonFinite(values);
        if (bad >= 0)
        {
            throw new InvalidOperationException(
                $"The network's {what} {bad} is {values[bad]}; a checkpoint with non-finite values could not be loaded, so nothing was written.");
        }
    }

    private static void RequireFiniteData(ReadOnlySpan<float> values, string what)
    {
        int bad = NetworkGuard.IndexOfNonFinite(values);
        if (bad >= 0)
        {
            throw new InvalidDataException($"The checkpoint's {what} {bad} is {values[bad]}; checkpoints hold finite values only.");
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, long offsetInCheckpoint)
    {
        int got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got < buffer.Length)
        {
            throw new InvalidDataException(
                $"The checkpoint is truncated: it ends after {offsetInCheckpoint + got} bytes, {buffer.Length - got} bytes short of its end at {offsetInCheckpoint + buffer.Length}.");
        }
    }
}
