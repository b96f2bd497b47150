using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Serving;

/// <summary>
/// A bounded load test over loopback: <c>concurrency</c> clients send single-row prediction
/// requests until <c>requests</c> have been answered or <c>seconds</c> have passed, then the
/// latency percentiles and the throughput are printed.
/// </summary>
public static class LoadTest
{
    /// <summary>Runs the load test against <paramref name="address"/> and prints its report.</summary>
    /// <returns>The number of requests that failed (not 200).</returns>
    public static async Task<int> RunAsync(Uri address, string apiKey, int requests, int concurrency, TimeSpan limit)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = address };
        client.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, apiKey);
        string[] bodies = Enumerable.Range(0, 64).Select(Body).ToArray();

        // Warm-up: the first requests pay for connection set-up and JIT compilation.
        for (int i = 0; i < 50; i++)
        {
            using HttpResponseMessage warm = await client.PostAsync(new Uri("/predict", UriKind.Relative), Json(bodies[i % bodies.Length]));
            warm.EnsureSuccessStatusCode();
        }

        long[] latencies = new long[requests];
        int next = -1;
        int failures = 0;
        using var deadline = new CancellationTokenSource(limit);
        long started = Stopwatch.GetTimestamp();
        Task[] clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests && !deadline.IsCancellationRequested)
            {
                long sent = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.PostAsync(new Uri("/predict", UriKind.Relative), Json(bodies[index % bodies.Length]));
                await response.Content.ReadAsByteArrayAsync();
                latencies[index] = Stopwatch.GetTimestamp() - sent;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        double[] done = latencies.Where(ticks => ticks > 0).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: {done.Length} of {requests} answered in {seconds:F2} s with {concurrency} concurrent clients (limit {limit.TotalSeconds:F0} s), {failures} failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency: p50 {Percentile(done, 0.50):F3} ms, p99 {Percentile(done, 0.99):F3} ms, max {done.LastOrDefault():F3} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: {done.Length / seconds:F0} requests/s (1 row each)"));
        return failures + (requests - done.Length > 0 && !deadline.IsCancellationRequested ? requests - done.Length : 0);
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A request with one row of pseudo-random pixel counts.</summary>
    private static string Body(int seed)
    {
        var random = new Random(seed);
        string row = string.Join(',', Enumerable.Range(0, DigitsNet.InputSize).Select(_ => (random.Next(17) / 16f).ToString("R", CultureInfo.InvariantCulture)));
        return "{\"rows\":[[" + row + "]]}";
    }
}
