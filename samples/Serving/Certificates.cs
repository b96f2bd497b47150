using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serving;

/// <summary>The server's TLS certificate: loaded from the files the options name, or made for loopback.</summary>
public static class Certificates
{
    /// <summary>The certificate of <paramref name="options"/>, with its private key.</summary>
    /// <exception cref="IOException">A file named by the options cannot be read.</exception>
    /// <exception cref="CryptographicException">A file is not a certificate, the key does not match it, or the password is wrong.</exception>
    public static X509Certificate2 Load(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CertificatePath is not { } path)
        {
            return SelfSignedForLoopback();
        }

        bool pem = path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase);
        X509Certificate2 certificate = !pem
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword)
            : options.CertificatePassword is { } password
                ? X509Certificate2.CreateFromEncryptedPemFile(path, password, options.CertificateKeyPath)
                : X509Certificate2.CreateFromPemFile(path, options.CertificateKeyPath);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException($"The certificate {path} comes without its private key; give the key file (PEM) or a PKCS#12 file that holds it.");
        }

        return certificate;
    }

    /// <summary>
    /// A self-signed certificate for 127.0.0.1, ::1 and localhost, valid for seven days, with a new
    /// ECDSA P-256 key that never leaves memory. Clients trust it by pinning it (see <see cref="ServingClient"/>)
    /// or with its public part (<see cref="PublicPem"/>), for example <c>curl --cacert</c>.
    /// </summary>
    public static X509Certificate2 SelfSignedForLoopback()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
    }

    /// <summary>The public certificate in PEM form, without the private key.</summary>
    public static string PublicPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem();
    }
}
