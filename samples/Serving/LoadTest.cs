using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Serving;

/// <summary>
/// A bounded load test over HTTPS on loopback, against a server with its rate limits on. Phase 1:
/// <c>concurrency</c> clients send single-row predictions with the right key until <c>requests</c>
/// have been answered or the time limit has passed, faster than the limits allow, so answers are 200
/// or 429. Phase 2: the same clients send requests with wrong keys, which must get 401 until the
/// client's failed-key budget is spent and 429 after. The report gives p50/p99 latencies and the
/// count of every status; any 5xx, any other status, or a phase without the expected answers fails.
/// </summary>
public static class LoadTest
{
    /// <summary>Runs the load test against <paramref name="address"/> and prints its report.</summary>
    /// <param name="address">The server, for example <c>https://127.0.0.1:5080</c>.</param>
    /// <param name="certificate">The server's certificate, which the clients pin.</param>
    /// <param name="apiKey">The right key.</param>
    /// <param name="requests">Requests of phase 1; phase 2 sends a tenth as many (at least 100).</param>
    /// <param name="concurrency">Concurrent clients.</param>
    /// <param name="limit">The time limit of each phase.</param>
    /// <returns>The number of problems found (5xx answers, unexpected statuses, missing answers): 0 passes.</returns>
    public static async Task<int> RunAsync(Uri address, X509Certificate2 certificate, string apiKey, int requests, int concurrency, TimeSpan limit)
    {
        using HttpClient client = ServingClient.Create(address, certificate, concurrency);
        string[] bodies = Enumerable.Range(0, 64).Select(Body).ToArray();

        // Warm-up: the first requests pay for TLS set-up and JIT compilation; the rate limiter's
        // buckets refill before the measured phase starts.
        for (int i = 0; i < 20; i++)
        {
            using HttpResponseMessage warm = await client.SendAsync(Request(bodies[i % bodies.Length], apiKey));
            warm.EnsureSuccessStatusCode();
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Phase valid = await RunPhase(client, requests, concurrency, limit, index => Request(bodies[index % bodies.Length], apiKey));
        Phase wrong = await RunPhase(client, Math.Max(100, requests / 10), concurrency, limit, index => Request(bodies[index % bodies.Length], "wrong-key-" + index.ToString(CultureInfo.InvariantCulture)));

        Console.WriteLine($"server: {address} (TLS, pinned certificate), {concurrency} concurrent clients, time limit {limit.TotalSeconds:F0} s per phase");
        valid.Print("right key", requests);
        wrong.Print("wrong keys", Math.Max(100, requests / 10));

        int problems = valid.ServerErrors + wrong.ServerErrors
            + valid.Except(HttpStatusCode.OK, HttpStatusCode.TooManyRequests)
            + wrong.Except(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests)
            + (valid.Count(HttpStatusCode.OK) == 0 ? 1 : 0)
            + (wrong.Count(HttpStatusCode.TooManyRequests) == 0 ? 1 : 0)
            + valid.RetryAfterMissing + wrong.RetryAfterMissing;
        Console.WriteLine(problems == 0 ? "result: passed (no 5xx, only the expected statuses, 429 with Retry-After)" : $"result: {problems} problems");
        return problems;
    }

    private static async Task<Phase> RunPhase(HttpClient client, int requests, int concurrency, TimeSpan limit, Func<int, HttpRequestMessage> request)
    {
        var phase = new Phase(requests);
        int next = -1;
        using var deadline = new CancellationTokenSource(limit);
        long started = Stopwatch.GetTimestamp();
        Task[] clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests && !deadline.IsCancellationRequested)
            {
                long sent = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.SendAsync(request(index));
                await response.Content.ReadAsByteArrayAsync();
                phase.Record(index, response, Stopwatch.GetTimestamp() - sent);
            }
        })).ToArray();
        await Task.WhenAll(clients);
        phase.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return phase;
    }

    private static HttpRequestMessage Request(string body, string key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/predict", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Add(ApiKeyCheck.HeaderName, key);
        return message;
    }

    /// <summary>A request with one row of pseudo-random pixel counts.</summary>
    private static string Body(int seed)
    {
        var random = new Random(seed);
        string row = string.Join(',', Enumerable.Range(0, DigitsNet.InputSize).Select(_ => (random.Next(17) / 16f).ToString("R", CultureInfo.InvariantCulture)));
        return "{\"rows\":[[" + row + "]]}";
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The answers of one phase: status and latency of each request.</summary>
    private sealed class Phase(int requests)
    {
        private readonly long[] _latencies = new long[requests];
        private readonly int[] _statuses = new int[requests];
        private readonly ConcurrentDictionary<int, int> _counts = new();
        private int _retryAfterMissing;

        public double Seconds { get; set; }

        public int ServerErrors => _counts.Where(pair => pair.Key >= 500).Sum(pair => pair.Value);

        public int RetryAfterMissing => _retryAfterMissing;

        public void Record(int index, HttpResponseMessage response, long ticks)
        {
            _latencies[index] = ticks;
            _statuses[index] = (int)response.StatusCode;
            _counts.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is null)
            {
                Interlocked.Increment(ref _retryAfterMissing);
            }
        }

        public int Count(HttpStatusCode status) => _counts.TryGetValue((int)status, out int count) ? count : 0;

        public int Except(params HttpStatusCode[] expected) => _counts.Where(pair => !expected.Contains((HttpStatusCode)pair.Key)).Sum(pair => pair.Value);

        public void Print(string name, int requests)
        {
            int answered = _counts.Values.Sum();
            int clientErrors = _counts.Where(pair => pair.Key is >= 400 and < 500).Sum(pair => pair.Value);
            string statuses = string.Join(", ", _counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {answered} of {requests} answered in {Seconds:F2} s ({answered / Seconds:F0}/s); 4xx: {clientErrors}, 5xx: {ServerErrors} ({statuses})"));
            foreach (int status in _counts.Keys.Order())
            {
                double[] sorted = Enumerable.Range(0, answered == 0 ? 0 : _statuses.Length)
                    .Where(i => _statuses[i] == status)
                    .Select(i => _latencies[i] * 1000.0 / Stopwatch.Frequency)
                    .Order()
                    .ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  latency of {status}: p50 {Percentile(sorted, 0.50):F3} ms, p99 {Percentile(sorted, 0.99):F3} ms, max {sorted.LastOrDefault():F3} ms"));
            }
        }
    }
}
