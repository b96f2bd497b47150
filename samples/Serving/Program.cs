using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Serving;

// Serving: a NetGen checkpoint behind an HTTP API on 127.0.0.1.
//   Serving serve <model.ngck> [port]                         the key comes from NETGEN_API_KEY (16+ characters)
//   Serving load-test <model.ngck> <requests> <concurrency> <seconds>
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
        WebApplication server = Build(new ServerOptions { ModelPath = model, ApiKey = key, Port = port });
        await server.StartAsync();
        Console.WriteLine($"serving {DigitsNet.Architecture} on {PredictionServer.Address(server)}; POST /predict with header {ApiKeyCheck.HeaderName}");
        await server.WaitForShutdownAsync();
        return 0;

    case ["load-test", string model, string requests, string concurrency, string seconds]:
        string testKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using (WebApplication app = Build(new ServerOptions { ModelPath = model, ApiKey = testKey, Port = 0 }))
        {
            await app.StartAsync();
            int failed = await LoadTest.RunAsync(
                PredictionServer.Address(app),
                testKey,
                int.Parse(requests, CultureInfo.InvariantCulture),
                int.Parse(concurrency, CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)));
            await app.StopAsync();
            return failed == 0 ? 0 : 1;
        }

    default:
        Console.Error.WriteLine("usage: Serving serve <model.ngck> [port]   (API key in NETGEN_API_KEY)");
        Console.Error.WriteLine("       Serving load-test <model.ngck> <requests> <concurrency> <seconds>");
        return 2;
}

static WebApplication Build(ServerOptions options)
{
    try
    {
        return PredictionServer.Build(options);
    }
    catch (Exception e) when (e is InvalidDataException or IOException)
    {
        Console.Error.WriteLine($"cannot load the model: {e.Message}");
        Environment.Exit(1);
        throw;
    }
}
