using System;

namespace Serving;

/// <summary>How the server runs.</summary>
public sealed record ServerOptions
{
    /// <summary>The checkpoint loaded at start-up.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The key callers send in the <c>X-Api-Key</c> header; at least 16 characters.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The largest request body accepted, in bytes (larger ones get 413).</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>The most rows one request may hold.</summary>
    public int MaxRows { get; init; } = 64;

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ApiKey) || ApiKey.Length < 16)
        {
            throw new ArgumentException("The API key must have at least 16 characters.");
        }

        if (Port is < 0 or > 65535 || MaxRequestBytes < 1024 || MaxRows < 1)
        {
            throw new ArgumentException("The port must be 0..65535, the request limit at least 1024 bytes and the row limit at least 1.");
        }
    }
}
