using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Serving;

/// <summary>
/// HTTPS clients for the server that trust exactly one certificate (pinning), as a caller of a
/// server with a self-signed certificate should: any other certificate fails the TLS handshake.
/// </summary>
public static class ServingClient
{
    /// <summary>A handler that accepts only <paramref name="serverCertificate"/>.</summary>
    /// <param name="serverCertificate">The server's certificate (its public part is enough).</param>
    /// <param name="maxConnections">The most connections to the server at once.</param>
    public static SocketsHttpHandler Handler(X509Certificate2 serverCertificate, int maxConnections = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(serverCertificate);
        byte[] pinned = serverCertificate.RawData;
        return new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = maxConnections,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned),
            },
        };
    }

    /// <summary>A client for <paramref name="address"/> that trusts only <paramref name="serverCertificate"/>.</summary>
    public static HttpClient Create(Uri address, X509Certificate2 serverCertificate, int maxConnections = int.MaxValue)
        => new(Handler(serverCertificate, maxConnections), disposeHandler: true) { BaseAddress = address };
}
