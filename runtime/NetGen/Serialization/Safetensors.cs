using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Serialization;

/// <summary>
/// Reads and writes a network's parameters in the safetensors format (an 8-byte header length, a
/// JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data),
/// with PyTorch's names, so that weights move between NetGen and PyTorch (or any other framework
/// with a safetensors reader). Parameters travel, and the state a PyTorch <c>state_dict</c> holds with them (a BatchNorm
/// layer's <c>running_mean</c>, <c>running_var</c> and <c>num_batches_tracked</c>); no optimizer state, no hyperparameters.
/// </summary>
/// <remarks>
/// Reading checks every size against the network and the file before allocating: the header is
/// at most <see cref="MaxHeaderBytes"/> and no longer than the stream, each tensor the network
/// needs must be present with exactly the network's shape, and its byte range must lie inside the
/// data. F32, F64, F16 and BF16 tensors are read (converted to float); F32 is written. Every
/// malformed file is an <see cref="InvalidDataException"/>; the JSON header is read strictly by RFC 8259 (UTF-8, no
/// comments or trailing commas, nesting at most 8 deep, nothing but white space after the object) by NetGen's own
/// reader, the same on every target. The format has no checksum, so damaged
/// tensor data that still decodes to finite numbers loads: store checkpoints
/// (<see cref="Checkpoint"/>, CRC-32) or encrypted checkpoints when integrity matters.
/// </remarks>
public static class Safetensors
{
    /// <summary>The longest JSON header read (the format's own limit is 100 MB).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>How deeply objects and arrays may nest in the header (the header object counts): tensors take two, the metadata may take more.</summary>
    private const int MaxHeaderDepth = 8;

    /// <summary>The tensor names of an architecture in PyTorch's <c>state_dict</c> order: for each layer its parameters (a Dense layer's
    /// weight, then its bias), then its state (a BatchNorm layer's running mean, running variance and count of batches).</summary>
    /// <param name="architecture">The network's architecture.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    public static IReadOnlyList<string> TensorNames(NetworkArchitecture architecture, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return Tensors(architecture, Checked(options)).Select(tensor => tensor.Name).ToArray();
    }

    /// <summary>Writes <paramref name="network"/>'s parameters and state as F32 safetensors (a count of batches as an I64 scalar).</summary>
    /// <param name="network">The network.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    public static void Write(INetwork network, Stream stream, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        List<TensorSpec> tensors = Tensors(network.Architecture, Checked(options));
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        var state = new float[network.Architecture.StateCount];
        network.ExportState(state);

        var writer = new CompactJsonWriter();
        writer.WriteStartObject();
        writer.WriteStartObject(MetadataKey);
        writer.WriteString("format", "pt");
        writer.WriteString("netgen.architecture", network.Architecture.Description);
        writer.WriteEndObject();
        long offset = 0;
        foreach (TensorSpec tensor in tensors)
        {
            writer.WriteStartObject(tensor.Name);
            writer.WriteString("dtype", tensor.Kind == TensorKind.Count ? "I64" : "F32");
            writer.WriteStartArray("shape");
            foreach (int dim in tensor.Shape)
            {
                writer.WriteNumberValue(dim);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("data_offsets");
            writer.WriteNumberValue(offset);
            writer.WriteNumberValue(offset + tensor.Bytes);
            writer.WriteEndArray();
            writer.WriteEndObject();
            offset += tensor.Bytes;
        }

        writer.WriteEndObject();

        // The header is padded with spaces so that the data starts 8-byte aligned.
        int headerLength = (writer.WrittenCount + 7) & ~7;
        byte[] head = new byte[8 + headerLength];
        BinaryPrimitives.WriteUInt64LittleEndian(head, (ulong)headerLength);
        writer.Written.CopyTo(head.AsSpan(8));
        head.AsSpan(8 + writer.WrittenCount).Fill((byte)' ');
        stream.Write(head);

        // The data goes out in chunks, so a file may be larger than one array (safetensors has no size limit).
        byte[] chunk = new byte[1 << 16];
        foreach (TensorSpec tensor in tensors)
        {
            if (tensor.Kind == TensorKind.Count)
            {
                BinaryPrimitives.WriteInt64LittleEndian(chunk, network.BatchesTracked);
                stream.Write(chunk, 0, 8);
                continue;
            }

            ReadOnlySpan<float> values = (tensor.Kind == TensorKind.Parameter ? parameters : state).AsSpan(tensor.Offset, tensor.Count);
            for (int start = 0; start < values.Length; start += chunk.Length / 4)
            {
                ReadOnlySpan<float> part = values.Slice(start, Math.Min(chunk.Length / 4, values.Length - start));
                stream.Write(chunk, 0, LittleEndianFloats.Write(part, chunk));
            }
        }
    }

    /// <summary>Writes <paramref name="network"/>'s parameters to a safetensors file atomically (see <see cref="AtomicFile"/>).</summary>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    public static void WriteFile(INetwork network, string path, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, stream => Write(network, stream, options));
    }

    /// <summary>Reads parameters for <paramref name="architecture"/> from a safetensors stream.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="architecture">The architecture the tensors must fit.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    /// <returns>The parameters in canonical order.</returns>
    /// <exception cref="InvalidDataException">The stream is not valid safetensors, a tensor is missing, has another shape or an unsupported dtype (the message names it), or holds a non-finite value.</exception>
    public static float[] ReadParameters(Stream stream, NetworkArchitecture architecture, SafetensorsOptions? options = null)
        => ReadContents(stream, architecture, options).Parameters;

    /// <summary>Reads the parameters and the state for <paramref name="architecture"/> from a safetensors stream: every parameter and
    /// state tensor must be there, except a BatchNorm layer's <c>num_batches_tracked</c> (older PyTorch files lack it; the count
    /// is then 0). NetGen keeps one count for the network: the largest of the file's counts.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="architecture">The architecture the tensors must fit.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    /// <returns>The parameters and the state in canonical order, and the count of batches.</returns>
    /// <exception cref="InvalidDataException">See <see cref="ReadParameters"/>; also a count that is not an I64 scalar or is negative.</exception>
    public static SafetensorsContents ReadContents(Stream stream, NetworkArchitecture architecture, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);
        options = Checked(options);
        Dictionary<string, TensorEntry> entries = ReadHeader(stream, out long? dataLength);
        List<TensorSpec> tensors = Tensors(architecture, options);
        var wanted = new List<(TensorSpec Spec, TensorEntry Entry)>();
        foreach (TensorSpec tensor in tensors)
        {
            if (!entries.TryGetValue(tensor.Name, out TensorEntry? entry))
            {
                if (tensor.Kind == TensorKind.Count)
                {
                    continue;
                }

                string hint = !options.StackRecurrentLayers && entries.Keys.Any(key => key.EndsWith("_l1", StringComparison.Ordinal))
                    ? " Its _l1 tensors are the second layer of a PyTorch module with num_layers > 1: read it with SafetensorsOptions.StackRecurrentLayers = true into stacked layers of that size."
                    : string.Empty;
                throw new InvalidDataException(
                    $"The file has no tensor '{tensor.Name}' ({tensor.Role}, shape {ShapeText(tensor.Shape)}); it has: {string.Join(", ", entries.Keys.OrderBy(key => key, StringComparer.Ordinal))}.{hint}");
            }

            if (!entry.Shape.SequenceEqual(tensor.Shape.Select(dim => (long)dim)))
            {
                throw new InvalidDataException(
                    $"Tensor '{tensor.Name}' has shape {ShapeText(entry.Shape)}, but {tensor.Role} of this network ({architecture}) needs {ShapeText(tensor.Shape)}.");
            }

            int size = tensor.Kind == TensorKind.Count
                ? (entry.DType == "I64" ? 8 : throw new InvalidDataException($"Tensor '{tensor.Name}' has dtype {entry.DType}; a count of batches is an I64 scalar."))
                : ElementSize(entry.DType) ?? throw new InvalidDataException($"Tensor '{tensor.Name}' has dtype {entry.DType}; only F32, F64, F16 and BF16 can be read.");
            if (entry.End - entry.Begin != (long)size * tensor.Count)
            {
                throw new InvalidDataException(
                    $"Tensor '{tensor.Name}' spans bytes {entry.Begin}..{entry.End}, but {tensor.Count} {entry.DType} values take {(long)size * tensor.Count} bytes.");
            }

            if (dataLength is long length && entry.End > length)
            {
                throw new InvalidDataException($"Tensor '{tensor.Name}' ends at byte {entry.End} of the data, but the file has only {length} bytes of data.");
            }

            wanted.Add((tensor, entry));
        }

        if (!options.IgnoreUnexpectedTensors)
        {
            string[] unexpected = entries.Keys.Except(tensors.Select(tensor => tensor.Name)).OrderBy(key => key, StringComparer.Ordinal).ToArray();
            if (unexpected.Length > 0)
            {
                throw new InvalidDataException(
                    $"The file has tensors this network ({architecture}) does not: {string.Join(", ", unexpected)}. Set IgnoreUnexpectedTensors to skip them.");
            }
        }

        var parameters = new float[architecture.ParameterCount];
        var state = new float[architecture.StateCount];
        long batchesTracked = 0;
        long position = 0;
        foreach ((TensorSpec spec, TensorEntry entry) in wanted.OrderBy(pair => pair.Entry.Begin))
        {
            if (entry.Begin < position)
            {
                throw new InvalidDataException($"Tensor '{spec.Name}' overlaps the tensor before it in the data.");
            }

            Skip(stream, entry.Begin - position, spec.Name);
            byte[] raw = new byte[entry.End - entry.Begin]; // equal to the size the architecture gives, checked above
            if (stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false) < raw.Length)
            {
                throw new InvalidDataException($"The file is truncated inside tensor '{spec.Name}'.");
            }

            position = entry.End;
            if (spec.Kind == TensorKind.Count)
            {
                long count = BinaryPrimitives.ReadInt64LittleEndian(raw);
                batchesTracked = count >= 0 ? Math.Max(batchesTracked, count) : throw new InvalidDataException($"Tensor '{spec.Name}' holds {count}; a count of batches cannot be negative.");
                continue;
            }

            Span<float> values = (spec.Kind == TensorKind.Parameter ? parameters : state).AsSpan(spec.Offset, spec.Count);
            Decode(raw, entry.DType, values);
            int bad = NetworkGuard.IndexOfNonFinite(values);
            if (bad >= 0)
            {
                throw new InvalidDataException($"Tensor '{spec.Name}' holds {values[bad]} at element {bad}; {(spec.Kind == TensorKind.Parameter ? "parameters" : "state values")} must be finite.");
            }

            if (spec.Name.EndsWith(".running_var", StringComparison.Ordinal) && IndexOfNegative(values) is int negative and >= 0)
            {
                throw new InvalidDataException($"Tensor '{spec.Name}' holds {values[negative]} at element {negative}; a variance cannot be negative.");
            }
        }

        return new SafetensorsContents(parameters, state, batchesTracked);
    }

    private static int IndexOfNegative(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < 0f)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Replaces <paramref name="network"/>'s parameters with those of a safetensors stream (its optimizer state is kept).
    /// Everything is read and checked before the network changes.</summary>
    /// <param name="network">The network.</param>
    /// <param name="stream">The source.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">See <see cref="ReadParameters"/>.</exception>
    public static void Read(INetwork network, Stream stream, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        SafetensorsContents contents = ReadContents(stream, network.Architecture, options);
        network.ImportParameters(contents.Parameters);
        network.ImportState(contents.State, contents.BatchesTracked);
    }

    /// <summary>Replaces <paramref name="network"/>'s parameters with those of a safetensors file (see <see cref="Read"/>).</summary>
    /// <param name="network">The network.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">The naming options, or <see langword="null"/> for <see cref="SafetensorsOptions.Default"/>.</param>
    public static void ReadFile(INetwork network, string path, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Read(network, stream, options);
    }

    /// <summary>The options to use (the defaults for null), or an argument exception naming the one that is unusable.</summary>
    private static SafetensorsOptions Checked(SafetensorsOptions? options)
    {
        options ??= SafetensorsOptions.Default;
        if (!Enum.IsDefined(options.Naming))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Naming, $"SafetensorsOptions.Naming is {(int)options.Naming}, which is not a SafetensorsNaming ({string.Join(", ", Enum.GetNames<SafetensorsNaming>())}).");
        }

        if (options.Prefix is null)
        {
            throw new ArgumentNullException(nameof(options), "SafetensorsOptions.Prefix is null; use an empty string for no prefix.");
        }

        return options;
    }

    private static List<TensorSpec> Tensors(NetworkArchitecture architecture, SafetensorsOptions options)
    {
        var tensors = new List<TensorSpec>();
        int module = 0;
        string name = string.Empty;
        int depth = 0;
        for (int index = 0; index < architecture.Layers.Count; index++)
        {
            LayerInfo layer = architecture.Layers[index];
            bool stacked = options.StackRecurrentLayers && index > 0 && ContinuesStack(architecture.Layers[index - 1], layer);
            if (stacked)
            {
                // One more layer of the module the run started: same number, tensors suffixed _l1, _l2, ...
                depth++;
            }
            else
            {
                depth = 0;
                int number = options.Naming == SafetensorsNaming.Sequential ? module : index;
                module += layer.SequentialModules;
                name = options.Prefix + number.ToString(CultureInfo.InvariantCulture);
            }

            foreach (ParameterInfo parameter in layer.Parameters)
            {
                string tensor = depth == 0 ? parameter.Name : string.Concat(parameter.Name.AsSpan(0, parameter.Name.Length - 1), depth.ToString(CultureInfo.InvariantCulture));
                tensors.Add(new TensorSpec(name + "." + tensor, parameter.Shape.ToArray(), parameter.Offset, string.Create(CultureInfo.InvariantCulture, $"the {parameter.Name} of layer {index}"), TensorKind.Parameter));
            }

            foreach (StateInfo state in layer.State)
            {
                tensors.Add(new TensorSpec(name + "." + state.Name, state.Shape.ToArray(), state.Offset, string.Create(CultureInfo.InvariantCulture, $"the {state.Name} of layer {index}"), TensorKind.State));
            }

            if (layer.State.Count > 0)
            {
                tensors.Add(new TensorSpec(name + "." + BatchesTrackedName, [], 0, string.Create(CultureInfo.InvariantCulture, $"the count of batches of layer {index}"), TensorKind.Count));
            }
        }

        return tensors;
    }

    /// <summary>Whether <paramref name="layer"/> is the next layer of a PyTorch multi-layer module that <paramref name="previous"/> belongs to.</summary>
    private static bool ContinuesStack(LayerInfo previous, LayerInfo layer)
        => previous is RecurrentLayerInfo before && layer is RecurrentLayerInfo after
            && before.Kind == after.Kind && before.Units == after.Units && before.ReturnSequences;

    private static Dictionary<string, TensorEntry> ReadHeader(Stream stream, out long? dataLength)
    {
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 8)
        {
            throw new InvalidDataException($"The stream is not safetensors: it has {got} bytes, fewer than the 8 of the header length.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;
        if (headerLength < 2 || headerLength > MaxHeaderBytes || (remaining is long left && (long)headerLength > left))
        {
            throw new InvalidDataException(
                $"The stream is not valid safetensors: its header claims {headerLength} bytes (at least 2, at most {MaxHeaderBytes}{(remaining is long r ? $" and the {r} bytes the stream has left" : string.Empty)}).");
        }

        byte[] header = StreamReading.ReadUpTo(stream, (int)headerLength);
        if (header.Length < (int)headerLength)
        {
            throw new InvalidDataException($"The safetensors header is truncated: it claims {headerLength} bytes but the stream ends after {header.Length}.");
        }

        dataLength = remaining - (long)headerLength;
        return ParseHeader(header);
    }

    private static Dictionary<string, TensorEntry> ParseHeader(byte[] header)
    {
        // Checks that the header is UTF-8; every JSON syntax error is an InvalidDataException "... is not valid JSON: ...".
        var reader = new StrictJsonReader(header, header.Length, MaxHeaderDepth, "The safetensors header");
        var entries = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Expect(reader, JsonToken.StartObject, "the header");
        while (Next(reader) != JsonToken.EndObject)
        {
            string name = reader.Token == JsonToken.PropertyName ? Text(reader, "a tensor name") : throw Invalid("a tensor name");
            if (!seen.Add(name))
            {
                throw new InvalidDataException($"The safetensors header names '{name}' twice.");
            }

            if (name == MetadataKey)
            {
                Next(reader);
                reader.Skip();
                continue;
            }

            entries.Add(name, ParseEntry(reader, name));
        }

        reader.Read(); // only white space may follow: anything else is an InvalidDataException
        return entries;
    }

    private static TensorEntry ParseEntry(StrictJsonReader reader, string name)
    {
        Expect(reader, JsonToken.StartObject, $"tensor '{name}'");
        string? dtype = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        while (Next(reader) != JsonToken.EndObject)
        {
            string key = Text(reader, $"a field name of tensor '{name}'");
            switch (key)
            {
                case "dtype":
                    Once(dtype, name, key);
                    Expect(reader, JsonToken.String, $"the dtype of tensor '{name}'");
                    dtype = Text(reader, $"the dtype of tensor '{name}'");
                    break;
                case "shape":
                    Once(shape, name, key);
                    shape = ReadIntegers(reader, name, "shape");
                    break;
                case "data_offsets":
                    Once(offsets, name, key);
                    offsets = ReadIntegers(reader, name, "data_offsets");
                    break;
                default:
                    throw new InvalidDataException($"Tensor '{name}' has an unknown field '{key}'.");
            }
        }

        if (dtype is null || shape is null || offsets is null || offsets.Count != 2 || offsets[0] > offsets[1])
        {
            throw new InvalidDataException($"Tensor '{name}' needs a dtype, a shape and two increasing data_offsets.");
        }

        return new TensorEntry(dtype, shape.ToArray(), offsets[0], offsets[1]);
    }

    /// <summary>Refuses a field that an entry gives twice: which of the two was meant cannot be known, so neither is taken.</summary>
    private static void Once(object? earlier, string name, string field)
    {
        if (earlier is not null)
        {
            throw new InvalidDataException($"Tensor '{name}' gives its {field} twice.");
        }
    }

    private static List<long> ReadIntegers(StrictJsonReader reader, string name, string field)
    {
        Expect(reader, JsonToken.StartArray, $"the {field} of tensor '{name}'");
        var values = new List<long>();
        while (Next(reader) != JsonToken.EndArray)
        {
            if (reader.Token != JsonToken.Number || !reader.TryGetInt64(out long value) || value < 0 || values.Count >= 16)
            {
                throw new InvalidDataException($"The {field} of tensor '{name}' must be at most 16 non-negative integers.");
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>
    /// The current string or property name. A JSON escape can spell UTF-16 that no string holds (a
    /// lone or reversed surrogate, <c>"\\ud800"</c>): malformed data like any other.
    /// </summary>
    private static string Text(StrictJsonReader reader, string what)
        => reader.TryGetString(out string text, out string problem)
            ? text
            : throw new InvalidDataException($"The safetensors header is malformed at {what}: its JSON escapes do not spell valid UTF-16 ({problem}).");

    private static JsonToken Next(StrictJsonReader reader)
    {
        if (!reader.Read())
        {
            throw new InvalidDataException("The safetensors header ends in the middle of its JSON.");
        }

        return reader.Token;
    }

    private static void Expect(StrictJsonReader reader, JsonToken type, string what)
    {
        if (Next(reader) != type)
        {
            throw Invalid(what);
        }
    }

    private static InvalidDataException Invalid(string what) => new($"The safetensors header is malformed at {what}.");

    private static int? ElementSize(string dtype) => dtype switch
    {
        "F32" => 4,
        "F64" => 8,
        "F16" or "BF16" => 2,
        _ => null,
    };

    private static void Decode(ReadOnlySpan<byte> raw, string dtype, Span<float> destination)
    {
        if (dtype == "F32")
        {
            LittleEndianFloats.Read(raw, destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = dtype switch
            {
                "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(2 * i)..]),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]) << 16),
            };
        }
    }

    private static void Skip(Stream stream, long count, string before)
    {
        if (count == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        byte[] scratch = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            int read = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, count));
            if (read == 0)
            {
                throw new InvalidDataException($"The file is truncated before tensor '{before}'.");
            }

            count -= read;
        }
    }

    private static string ShapeText<T>(IEnumerable<T> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The name PyTorch gives a BatchNorm layer's count of training batches.</summary>
    public const string BatchesTrackedName = "num_batches_tracked";

    private enum TensorKind
    {
        Parameter,
        State,
        Count,
    }

    private sealed record TensorSpec(string Name, int[] Shape, int Offset, string Role, TensorKind Kind)
    {
        public int Count => Shape.Aggregate(1, (product, dim) => product * dim);

        /// <summary>The bytes NetGen writes: four per float, eight for the count.</summary>
        public long Bytes => Kind == TensorKind.Count ? 8 : 4L * Count;
    }

    private sealed record TensorEntry(string DType, long[] Shape, long Begin, long End);
}
