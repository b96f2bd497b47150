using System;
using System.Buffers.Binary;
using System.Text;
using NetGen.Serialization;

namespace NetGen.Deployment.Tests;

/// <summary>Makes corrupted variants of a valid checkpoint: flipped bits, truncations, extensions and rewritten headers.</summary>
internal sealed class CheckpointMutator
{
    public const int Kinds = 8;
    private const int DescriptionOffset = 36;
    private readonly byte[] _original;
    private readonly int _descriptionLength;
    private readonly Random _random;

    public CheckpointMutator(byte[] original, int seed)
    {
        _original = original;
        _descriptionLength = BinaryPrimitives.ReadInt32LittleEndian(original.AsSpan(32));
        _random = new Random(seed);
    }

    /// <summary>One corrupted checkpoint of the given kind (0 to <see cref="Kinds"/> - 1).</summary>
    public byte[] Mutate(int kind) => kind switch
    {
        0 => FlipBits(),
        1 => Truncate(),
        2 => Extend(),
        3 => RewriteHeaderField(fixCrc: false),
        4 => RewriteHeaderField(fixCrc: true),
        5 => RewriteValue(),
        6 => RewriteDescription(),
        _ => Garbage(),
    };

    /// <summary>Recomputes the CRC-32 that closes a checkpoint of <paramref name="length"/> bytes.</summary>
    public static void FixCrc(byte[] bytes, int length)
    {
        if (length >= 4 && length <= bytes.Length)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(length - 4), Crc32.Compute(bytes.AsSpan(0, length - 4)));
        }
    }

    private byte[] FlipBits()
    {
        byte[] bytes = (byte[])_original.Clone();
        int flips = 1 + _random.Next(4);
        for (int i = 0; i < flips; i++)
        {
            bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return bytes;
    }

    private byte[] Truncate() => _original.AsSpan(0, _random.Next(_original.Length)).ToArray();

    private byte[] Extend()
    {
        byte[] bytes = new byte[_original.Length + 1 + _random.Next(64)];
        _original.CopyTo(bytes, 0);
        _random.NextBytes(bytes.AsSpan(_original.Length));
        return bytes;
    }

    private byte[] RewriteHeaderField(bool fixCrc)
    {
        byte[] bytes = (byte[])_original.Clone();
        int field = _random.Next(7);
        long value = _random.Next(6) switch
        {
            0 => 0,
            1 => -1,
            2 => int.MaxValue,
            3 => int.MinValue,
            4 => 1L << 40,
            _ => _random.Next(),
        };
        Span<byte> span = bytes;
        switch (field)
        {
            case 0: span[_random.Next(8)] = (byte)_random.Next(256); break; // magic
            case 1: BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)value); break; // version
            case 2: BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)value); break; // flags
            case 3: BinaryPrimitives.WriteUInt64LittleEndian(span[16..], (ulong)value); break; // fingerprint
            case 4: BinaryPrimitives.WriteInt32LittleEndian(span[24..], (int)value); break; // parameter count
            case 5: BinaryPrimitives.WriteInt32LittleEndian(span[28..], (int)value); break; // state tensors
            default: BinaryPrimitives.WriteInt32LittleEndian(span[32..], (int)value); break; // description length
        }

        if (fixCrc)
        {
            FixCrc(bytes, bytes.Length);
        }

        return bytes;
    }

    /// <summary>Overwrites one float or integer after the description with a hostile value and repairs the CRC.</summary>
    private byte[] RewriteValue()
    {
        byte[] bytes = (byte[])_original.Clone();
        int start = DescriptionOffset + _descriptionLength;
        int slot = start + (4 * _random.Next((bytes.Length - 4 - start) / 4));
        float value = _random.Next(8) switch
        {
            0 => float.NaN,
            1 => float.PositiveInfinity,
            2 => float.NegativeInfinity,
            3 => -1f,
            4 => 0f,
            5 => 1e30f,
            6 => BitConverter.Int32BitsToSingle(_random.Next()),
            _ => (float)(_random.NextDouble() * 2) - 1f,
        };
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(slot), value);
        FixCrc(bytes, bytes.Length);
        return bytes;
    }

    /// <summary>Replaces the architecture description (with a matching length field and a repaired CRC).</summary>
    private byte[] RewriteDescription()
    {
        string original = Encoding.UTF8.GetString(_original, DescriptionOffset, _descriptionLength);
        string[] variants =
        [
            original.Replace("dense=5", "dense=6", StringComparison.Ordinal),
            original.Replace("ELU", "ReLU", StringComparison.Ordinal),
            original.Replace("Adam", "Sgd", StringComparison.Ordinal),
            original + ";",
            string.Empty,
            new string('x', _random.Next(1, 300)),
        ];
        byte[] description = Encoding.UTF8.GetBytes(variants[_random.Next(variants.Length)]);
        byte[] bytes = new byte[_original.Length - _descriptionLength + description.Length];
        _original.AsSpan(0, DescriptionOffset).CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(32), description.Length);
        description.CopyTo(bytes, DescriptionOffset);
        _original.AsSpan(DescriptionOffset + _descriptionLength).CopyTo(bytes.AsSpan(DescriptionOffset + description.Length));
        FixCrc(bytes, bytes.Length);
        return bytes;
    }

    private byte[] Garbage()
    {
        byte[] bytes = new byte[_random.Next(_original.Length * 2)];
        _random.NextBytes(bytes);
        if (bytes.Length >= 8 && _random.Next(2) == 0)
        {
            Checkpoint.Magic.CopyTo(bytes);
        }

        return bytes;
    }
}
