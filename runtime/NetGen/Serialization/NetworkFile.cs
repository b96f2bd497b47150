using System;
using System.IO;

namespace NetGen.Serialization;

/// <summary>
/// Saves and loads networks as files. Saving is atomic (see <see cref="AtomicFile"/>): an
/// exception or a killed process at any moment leaves either the old file or the new one.
/// Loading verifies the whole file before the network changes.
/// </summary>
public static class NetworkFile
{
    /// <summary>Saves a checkpoint (see <see cref="INetwork.Save"/>) to <paramref name="path"/> atomically.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    public static void SaveFile(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, network.Save);
    }

#if NET
    /// <summary>Saves an encrypted checkpoint (see <see cref="EncryptedCheckpoint"/>) to <paramref name="path"/> atomically.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="key">The AES key: 16, 24 or 32 bytes.</param>
    public static void SaveFile(this INetwork network, string path, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var container = new MemoryStream();
        EncryptedCheckpoint.Save(network, container, key);
        AtomicFile.Write(path, container.GetBuffer().AsSpan(0, (int)container.Length));
    }
#endif

    /// <summary>Replaces <paramref name="network"/>'s state with the checkpoint in <paramref name="path"/>.</summary>
    /// <param name="network">The network to restore.</param>
    /// <param name="path">A file written by <see cref="SaveFile(INetwork, string)"/>.</param>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint of this architecture; the network is unchanged.</exception>
    public static void RestoreFile(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        using FileStream stream = OpenRead(path);
        network.Restore(stream);
    }

#if NET
    /// <summary>Replaces <paramref name="network"/>'s state with the encrypted checkpoint in <paramref name="path"/>.</summary>
    /// <param name="network">The network to restore.</param>
    /// <param name="path">A file written by <see cref="SaveFile(INetwork, string, ReadOnlySpan{byte})"/>.</param>
    /// <param name="key">The key it was saved with.</param>
    /// <exception cref="InvalidDataException">The file is not a valid encrypted checkpoint of this architecture, the key is wrong or the file was changed; the network is unchanged.</exception>
    public static void RestoreFile(this INetwork network, string path, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(network);
        using FileStream stream = OpenRead(path);
        EncryptedCheckpoint.Restore(network, stream, key);
    }
#endif

#if NET
    /// <summary>Reads a network from a checkpoint file.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <param name="path">A file written by <see cref="SaveFile(INetwork, string)"/>.</param>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint of this architecture.</exception>
    public static TNetwork LoadFile<TNetwork>(string path)
        where TNetwork : class, INetwork<TNetwork>
    {
        using FileStream stream = OpenRead(path);
        return TNetwork.Load(stream);
    }
#else
    /// <summary>Reads a network from a checkpoint file.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <param name="path">A file written by <see cref="SaveFile(INetwork, string)"/>.</param>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint of this architecture.</exception>
    /// <param name="load">The generated type's <c>Load</c> (netstandard2.1 cannot call it through <see cref="INetwork{TSelf}"/>).</param>
    public static TNetwork LoadFile<TNetwork>(string path, Func<Stream, TNetwork> load)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(load);
        using FileStream stream = OpenRead(path);
        return load(stream);
    }
#endif

#if NET
    /// <summary>Reads a network from an encrypted checkpoint file.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <param name="path">A file written by <see cref="SaveFile(INetwork, string, ReadOnlySpan{byte})"/>.</param>
    /// <param name="key">The key it was saved with.</param>
    /// <exception cref="InvalidDataException">The file is not a valid encrypted checkpoint of this architecture, the key is wrong or the file was changed.</exception>
    public static TNetwork LoadFile<TNetwork>(string path, ReadOnlySpan<byte> key)
        where TNetwork : class, INetwork<TNetwork>
    {
        using FileStream stream = OpenRead(path);
        return EncryptedCheckpoint.Load<TNetwork>(stream, key);
    }
#endif

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }
}
