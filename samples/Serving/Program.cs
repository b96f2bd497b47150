using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Serving;

// Serving: a NetGen checkpoint behind an HTTPS API on 127.0.0.1.
//   Serving serve <model.ngck> [port]       the key comes from NETGEN_API_KEY (16+ characters); the TLS certificate
//                                           from NETGEN_CERTIFICATE (.pfx or .pem), NETGEN_CERTIFICATE_KEY (PEM key) and
//                                           NETGEN_CERTIFICATE_PASSWORD, or, without them, a self-signed one for loopback
//   Serving load-test <model.ngck> <requests> <concurrency> <seconds> [requests per second]
switch (args)
{
    case ["serve", string model, .. string[] rest] when rest.Length <= 1:
        string? key = Environment.GetEnvironmentVariable("NETGEN_API_KEY");
        if (key is null || key.Length < 16)
        {
            Console.Error.WriteLine("Set NETGEN_API_KEY to the API key clients must send (16 characters or more).");
            return 2;
        }

        int port = rest.Length == 1 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 5080;
        var serveOptions = new ServerOptions
        {
            ModelPath = model,
            ApiKey = key,
            Port = port,
            CertificatePath = Environment.GetEnvironmentVariable("NETGEN_CERTIFICATE"),
            CertificateKeyPath = Environment.GetEnvironmentVariable("NETGEN_CERTIFICATE_KEY"),
            CertificatePassword = Environment.GetEnvironmentVariable("NETGEN_CERTIFICATE_PASSWORD"),
        };
        WebApplication server = Build(serveOptions);
        await server.StartAsync();
        Console.WriteLine($"serving {DigitsNet.Architecture} on {PredictionServer.Address(server)}; POST /predict with header {ApiKeyCheck.HeaderName}");
        if (serveOptions.CertificatePath is null)
        {
            string pem = Path.Combine(Path.GetTempPath(), $"netgen-serving-{PredictionServer.Address(server).Port}.pem");
            File.WriteAllText(pem, Certificates.PublicPem(PredictionServer.Certificate(server)));
            Console.WriteLine($"self-signed certificate for loopback (public part, no key): {pem}; for example curl --cacert {pem}");
        }

        await server.WaitForShutdownAsync();
        return 0;

    case ["load-test", string model, string requests, string concurrency, string seconds, .. string[] rate] when rate.Length <= 1:
        string testKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        int perSecond = rate.Length == 1 ? int.Parse(rate[0], CultureInfo.InvariantCulture) : 2000;
        var testOptions = new ServerOptions
        {
            ModelPath = model,
            ApiKey = testKey,
            Port = 0,
            RequestsPerSecondPerClient = perSecond,
            RequestsPerSecondPerKey = perSecond,
        };
        await using (WebApplication app = Build(testOptions))
        {
            await app.StartAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rate limits: {testOptions.RequestsPerSecondPerClient} requests/s per client, {testOptions.RequestsPerSecondPerKey}/s per key, {testOptions.FailedKeysPerMinutePerClient} wrong keys per minute per client"));
            int problems = await LoadTest.RunAsync(
                PredictionServer.Address(app),
                PredictionServer.Certificate(app),
                testKey,
                int.Parse(requests, CultureInfo.InvariantCulture),
                int.Parse(concurrency, CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)));
            await app.StopAsync();
            return problems == 0 ? 0 : 1;
        }

    default:
        Console.Error.WriteLine("usage: Serving serve <model.ngck> [port]   (API key in NETGEN_API_KEY; certificate in NETGEN_CERTIFICATE, optional)");
        Console.Error.WriteLine("       Serving load-test <model.ngck> <requests> <concurrency> <seconds> [requests per second per client and per key]");
        return 2;
}

static WebApplication Build(ServerOptions options)
{
    try
    {
        return PredictionServer.Build(options);
    }
    catch (Exception e) when (e is InvalidDataException or IOException or CryptographicException)
    {
        Console.Error.WriteLine($"cannot start: {e.Message}");
        Environment.Exit(1);
        throw;
    }
}
