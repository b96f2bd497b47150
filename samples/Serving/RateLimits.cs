using System;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Serving;

/// <summary>
/// The server's rate limits, with ASP.NET Core's rate limiters: a token bucket per client (remote
/// address) and one for the API key, both applied to every request before it is handled, and a
/// budget of failed keys per client per minute, after which that client gets nothing but 429 until
/// the minute is over (so the key cannot be guessed at speed, even by a client that also knows it).
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failedKeys;

    /// <summary>Creates the limiters of <paramref name="options"/>.</summary>
    public RateLimits(ServerOptions options, ApiKeyCheck keyCheck)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyCheck);
        PartitionedRateLimiter<HttpContext> perClient = PartitionedRateLimiter.Create<HttpContext, string>(
            context => RateLimitPartition.GetTokenBucketLimiter(Client(context), _ => Bucket(options.RequestsPerSecondPerClient)));
        PartitionedRateLimiter<HttpContext> perKey = PartitionedRateLimiter.Create<HttpContext, string>(
            context => keyCheck.MatchesRequest(context)
                ? RateLimitPartition.GetTokenBucketLimiter("the API key", _ => Bucket(options.RequestsPerSecondPerKey))
                : RateLimitPartition.GetNoLimiter("no valid key"));
        Requests = PartitionedRateLimiter.CreateChained(perClient, perKey);
        _failedKeys = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.FailedKeysPerMinutePerClient,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>The limiter every request passes (per client, then per key).</summary>
    public PartitionedRateLimiter<HttpContext> Requests { get; }

    /// <summary>The client a request comes from: its remote address.</summary>
    public static string Client(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>Seconds to wait before retrying, from a rejected lease: at least 1, rounded up.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
    }

    /// <summary>Whether <paramref name="context"/>'s client has used up its failed keys for this minute.</summary>
    public bool Blocked(HttpContext context) => _failedKeys.GetStatistics(Client(context))?.CurrentAvailablePermits == 0;

    /// <summary>Counts a missing or wrong key of <paramref name="context"/>'s client; null while the client has failures left, else the seconds until it has again.</summary>
    public int? RecordFailedKey(HttpContext context)
    {
        using RateLimitLease lease = _failedKeys.AttemptAcquire(Client(context));
        return lease.IsAcquired ? null : RetryAfterSeconds(lease);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Requests.Dispose();
        _failedKeys.Dispose();
    }

    // A bucket of one second's requests, refilled about ten times a second (less often for small rates).
    private static TokenBucketRateLimiterOptions Bucket(int perSecond)
    {
        int tokens = Math.Max(1, perSecond / 10);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)tokens / perSecond),
            AutoReplenishment = true,
            QueueLimit = 0,
        };
    }
}
