namespace NetGen.Data;

/// <summary>How <see cref="IdxLoader"/> reads a file.</summary>
public sealed class IdxOptions
{
    /// <summary>The default of <see cref="MaxContentBytes"/>: 128 MiB (134,217,728 bytes), room for MNIST's 47 MB training images and EMNIST's balanced split; the floats a load returns take four times the bytes of 8-bit elements.</summary>
    public const long DefaultMaxContentBytes = 128L << 20;

    /// <summary>
    /// The most bytes of content a file may hold, header included, counted after gzip decompression
    /// (default <see cref="DefaultMaxContentBytes"/>, at least 1). The header announces the size, so a
    /// larger file is rejected before any of its data is read or decompressed.
    /// </summary>
    public long MaxContentBytes { get; init; } = DefaultMaxContentBytes;
}
