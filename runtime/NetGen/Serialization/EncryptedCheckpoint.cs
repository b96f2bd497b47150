using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;

namespace NetGen.Serialization;

/// <summary>
/// Checkpoints encrypted and authenticated with AES-GCM (format documented in <c>docs/format.md</c>):
/// a plain header (magic, version, architecture fingerprint, nonce, length) that is authenticated
/// too, then a version-1 checkpoint encrypted under the caller's key with a fresh random nonce,
/// then the 16-byte tag. A wrong key or any changed byte is rejected before the network changes.
/// </summary>
/// <remarks>
/// Nonces are 96 random bits, so one key should encrypt fewer than 2^32 checkpoints. Keys are
/// 16, 24 or 32 bytes (AES-128, AES-192, AES-256); derive them from passwords with a key
/// derivation function such as <see cref="Rfc2898DeriveBytes.Pbkdf2(string, byte[], int, HashAlgorithmName, int)"/>.
/// </remarks>
public static class EncryptedCheckpoint
{
    /// <summary>The container version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The length of the AES-GCM nonce in bytes.</summary>
    public const int NonceBytes = 12;

    /// <summary>The length of the AES-GCM authentication tag in bytes.</summary>
    public const int TagBytes = 16;

    /// <summary>The length of the plain, authenticated header in bytes.</summary>
    public const int HeaderBytes = 44;

    /// <summary>The eight bytes every encrypted checkpoint starts with: ASCII <c>NETGENCE</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "NETGENCE"u8;

    /// <summary>Encrypts a checkpoint of <paramref name="network"/> (see <see cref="INetwork.Save"/>) to <paramref name="stream"/>.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="key">The AES key: 16, 24 or 32 bytes.</param>
    /// <exception cref="ArgumentException">The key has another length, or the container would exceed one buffer (<see cref="Array.MaxLength"/> bytes).</exception>
    /// <exception cref="PlatformNotSupportedException">This platform has no AES-GCM.</exception>
    public static void Save(INetwork network, Stream stream, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        RequireKey(key);
        ArraySize.Bytes(HeaderBytes + Checkpoint.LengthOf(network.Architecture) + TagBytes, "An encrypted checkpoint of this network", nameof(network));
        byte[] plaintext = PlainCheckpoint(network);
        try
        {
            byte[] container = new byte[HeaderBytes + plaintext.Length + TagBytes];
            Span<byte> header = container.AsSpan(0, HeaderBytes);
            Magic.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], FormatVersion);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // flags, reserved
            BinaryPrimitives.WriteUInt64LittleEndian(header[16..], network.Architecture.Fingerprint);
            RandomNumberGenerator.Fill(header.Slice(24, NonceBytes));
            BinaryPrimitives.WriteInt64LittleEndian(header[36..], plaintext.Length);
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(
                header.Slice(24, NonceBytes),
                plaintext,
                container.AsSpan(HeaderBytes, plaintext.Length),
                container.AsSpan(HeaderBytes + plaintext.Length, TagBytes),
                header);
            stream.Write(container);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Decrypts and verifies an encrypted checkpoint, then replaces <paramref name="network"/>'s state
    /// with it (see <see cref="INetwork.Restore"/>). Everything is verified before the network changes.
    /// </summary>
    /// <param name="network">The network to restore.</param>
    /// <param name="stream">The source, left just after the container.</param>
    /// <param name="key">The AES key the checkpoint was saved with.</param>
    /// <exception cref="InvalidDataException">The stream is not an encrypted checkpoint of this architecture, is truncated, the key is wrong, or a byte was changed.</exception>
    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes long.</exception>
    public static void Restore(INetwork network, Stream stream, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        RequireKey(key);
        NetworkArchitecture architecture = network.Architecture;
        Span<byte> header = stackalloc byte[HeaderBytes];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw new InvalidDataException("The stream is empty; expected an encrypted NetGen checkpoint.");
        }

        if (got >= 8 && header[..8].SequenceEqual(Checkpoint.Magic))
        {
            throw new InvalidDataException("The stream is an unencrypted NetGen checkpoint, not an encrypted one; load it without a key.");
        }

        if (got < 8 ? !header[..got].SequenceEqual(Magic[..got]) : !header[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not an encrypted NetGen checkpoint: it does not start with the bytes 'NETGENCE'.");
        }

        if (got < HeaderBytes)
        {
            throw new InvalidDataException($"The encrypted checkpoint is truncated: it ends after {got} bytes, inside its {HeaderBytes}-byte header.");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version > FormatVersion || version == 0)
        {
            throw new InvalidDataException(version == 0
                ? "The encrypted checkpoint is corrupted: its container version is 0."
                : $"The encrypted checkpoint has container version {version}, written by a newer NetGen; this version reads {FormatVersion}.");
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (flags != 0)
        {
            throw new InvalidDataException($"The encrypted checkpoint is corrupted: its reserved flags are 0x{flags:X8}, not 0.");
        }

        ulong fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        if (fingerprint != architecture.Fingerprint)
        {
            throw new InvalidDataException(
                $"The encrypted checkpoint is for another architecture (fingerprint 0x{fingerprint:X16}); this network ({architecture}) has 0x{architecture.Fingerprint:X16}.");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(header[36..]);
        long expected = Checkpoint.LengthOf(architecture);
        if (length != expected)
        {
            throw new InvalidDataException(
                $"The encrypted checkpoint is corrupted: it claims {length} bytes of checkpoint, but a checkpoint of this architecture has {expected}.");
        }

        // The size below comes from the architecture (checked equal above), never from the stream alone.
        long total = expected + TagBytes;
        if (total > Array.MaxLength)
        {
            throw new InvalidDataException($"A checkpoint of this architecture would need {total} bytes, more than one buffer can hold.");
        }

        if (stream.CanSeek && stream.Length - stream.Position < total)
        {
            throw new InvalidDataException(
                $"The encrypted checkpoint is truncated: it ends after {HeaderBytes + Math.Max(0, stream.Length - stream.Position)} bytes; it should have {HeaderBytes + total}.");
        }

        byte[] body = new byte[total];
        int read = stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
        if (read < body.Length)
        {
            throw new InvalidDataException(
                $"The encrypted checkpoint is truncated: it ends after {HeaderBytes + read} bytes; it should have {HeaderBytes + total}.");
        }

        byte[] plaintext = new byte[expected];
        try
        {
            using (var aes = new AesGcm(key, TagBytes))
            {
                aes.Decrypt(header.Slice(24, NonceBytes), body.AsSpan(0, (int)expected), body.AsSpan((int)expected, TagBytes), plaintext, header);
            }

            using var plain = new MemoryStream(plaintext, writable: false);
            network.Restore(plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException(
                "The encrypted checkpoint failed authentication: the key is wrong, or the file was changed after it was written.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Reads a network from an encrypted checkpoint written by <see cref="Save"/>.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <param name="stream">The source, left just after the container.</param>
    /// <param name="key">The AES key the checkpoint was saved with.</param>
    /// <exception cref="InvalidDataException">See <see cref="Restore"/>.</exception>
    public static TNetwork Load<TNetwork>(Stream stream, ReadOnlySpan<byte> key)
        where TNetwork : class, INetwork<TNetwork>
    {
        TNetwork network = TNetwork.Create(0);
        Restore(network, stream, key);
        return network;
    }

    private static byte[] PlainCheckpoint(INetwork network)
    {
        long length = Checkpoint.LengthOf(network.Architecture);
        using var plain = new MemoryStream(checked((int)length));
        network.Save(plain);
        byte[] bytes = plain.GetBuffer();
        if (plain.Length != bytes.Length)
        {
            byte[] exact = plain.ToArray();
            CryptographicOperations.ZeroMemory(bytes);
            return exact;
        }

        return bytes;
    }

    private static void RequireKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"An AES key has 16, 24 or 32 bytes (AES-128, AES-192, AES-256); this one has {key.Length}.", nameof(key));
        }
    }
}
