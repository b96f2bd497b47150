using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace AmpModel;

/// <summary>Mono 16-bit PCM WAV files, as floats in [-1, 1).</summary>
internal static class Wav
{
    /// <summary>Reads a mono 16-bit PCM WAV file: its samples and its sample rate.</summary>
    /// <exception cref="InvalidDataException">The file is not RIFF/WAVE, not mono 16-bit PCM, or is truncated.</exception>
    public static (float[] Samples, int SampleRate) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file.");
        }

        int sampleRate = 0;
        for (int at = 12; at + 8 <= bytes.Length;)
        {
            string id = Encoding.ASCII.GetString(bytes, at, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (size < 0 || at + 8 + (long)size > bytes.Length)
            {
                throw new InvalidDataException($"{path}: chunk '{id}' at byte {at} claims {size} bytes; the file ends before them.");
            }

            ReadOnlySpan<byte> chunk = bytes.AsSpan(at + 8, size);
            if (id == "fmt ")
            {
                int format = BinaryPrimitives.ReadInt16LittleEndian(chunk);
                int channels = BinaryPrimitives.ReadInt16LittleEndian(chunk[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
                int bits = BinaryPrimitives.ReadInt16LittleEndian(chunk[14..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"{path}: format {format}, {channels} channels, {bits} bits; only mono 16-bit PCM (format 1) is read.");
                }
            }
            else if (id == "data")
            {
                if (sampleRate == 0)
                {
                    throw new InvalidDataException($"{path}: the data chunk comes before the format chunk.");
                }

                var samples = new float[size / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(chunk[(2 * i)..]) / 32768f;
                }

                return (samples, sampleRate);
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }

    /// <summary>Writes <paramref name="samples"/> (clipped to [-1, 1]) as a mono 16-bit PCM WAV file.</summary>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        var bytes = new byte[44 + (2 * samples.Length)];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(bytes, 8);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(bytes, 36);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 2 * samples.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            float clipped = Math.Clamp(samples[i], -1f, 32767f / 32768f);
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (2 * i)), (short)MathF.Round(clipped * 32768f));
        }

        File.WriteAllBytes(path, bytes);
    }
}
