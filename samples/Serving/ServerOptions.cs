using System;

namespace Serving;

/// <summary>How the server runs.</summary>
public sealed record ServerOptions
{
    /// <summary>The checkpoint loaded at start-up.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The key callers send in the <c>X-Api-Key</c> header; at least 16 characters of printable ASCII.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>
    /// The TLS certificate: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>, with <see cref="CertificatePassword"/>) or a
    /// PEM certificate (with <see cref="CertificateKeyPath"/>). Null makes a self-signed certificate for
    /// 127.0.0.1 and localhost at start-up, which lives in memory only and suits loopback tests, not production.
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; null when the key is in the same file.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>The password of a PKCS#12 <see cref="CertificatePath"/>, or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The largest request body accepted, in bytes (larger ones get 413).</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>The most bytes the request headers may take together (more get 431).</summary>
    public int MaxHeaderBytes { get; init; } = 32 * 1024;

    /// <summary>The most rows one request may hold.</summary>
    public int MaxRows { get; init; } = 64;

    /// <summary>The smallest input value accepted: the model was trained on pixel counts divided by 16, in [0, 1].</summary>
    public float InputMinimum { get; init; }

    /// <summary>The largest input value accepted (see <see cref="InputMinimum"/>).</summary>
    public float InputMaximum { get; init; } = 1f;

    /// <summary>Requests per second one client (remote address) may send; up to one second's worth at once. More get 429.</summary>
    public int RequestsPerSecondPerClient { get; init; } = 200;

    /// <summary>Requests per second the API key may be used for, whichever clients send it. More get 429.</summary>
    public int RequestsPerSecondPerKey { get; init; } = 500;

    /// <summary>Requests with a missing or wrong key one client may send per minute; after that, every request of that client gets 429 until the minute is over.</summary>
    public int FailedKeysPerMinutePerClient { get; init; } = 20;

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ApiKey) || ApiKey.Length < 16 || !ApiKeyCheck.IsPrintableAscii(ApiKey))
        {
            throw new ArgumentException("The API key must have at least 16 characters of printable ASCII.");
        }

        if (Port is < 0 or > 65535 || MaxRequestBytes < 1024 || MaxHeaderBytes < 1024 || MaxRows < 1)
        {
            throw new ArgumentException("The port must be 0..65535, the request and header limits at least 1024 bytes and the row limit at least 1.");
        }

        if (!(float.IsFinite(InputMinimum) && float.IsFinite(InputMaximum) && InputMinimum <= InputMaximum))
        {
            throw new ArgumentException($"The input range [{InputMinimum}, {InputMaximum}] must be finite and not empty.");
        }

        if (RequestsPerSecondPerClient < 1 || RequestsPerSecondPerKey < 1 || FailedKeysPerMinutePerClient < 1)
        {
            throw new ArgumentException("The rate limits must be at least 1.");
        }

        if (CertificateKeyPath is not null && CertificatePath is null)
        {
            throw new ArgumentException("A certificate key was given without a certificate.");
        }
    }
}
