using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Serving;

/// <summary>
/// Compares API keys in constant time: both sides are hashed with SHA-256 first, so the
/// comparison takes the same time whatever the length or content of the key sent, and
/// <see cref="CryptographicOperations.FixedTimeEquals"/> compares the hashes without stopping at
/// the first difference.
/// </summary>
public sealed class ApiKeyCheck
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private static readonly object ResultKey = new();

    private readonly byte[] _expectedHash;

    /// <summary>Remembers the hash of <paramref name="expectedKey"/> only.</summary>
    public ApiKeyCheck(string expectedKey) => _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(expectedKey));

    /// <summary>Whether <paramref name="presented"/> is the expected key.</summary>
    public bool Matches(string? presented)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash) & presented is not null;
    }

    /// <summary>Whether <paramref name="text"/> is printable ASCII (space to tilde), as an API key must be.</summary>
    public static bool IsPrintableAscii(string text)
    {
        System.ArgumentNullException.ThrowIfNull(text);
        foreach (char c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the request carries the expected key in <see cref="HeaderName"/>; computed once per request.</summary>
    public bool MatchesRequest(HttpContext context)
    {
        System.ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ResultKey, out object? known) && known is bool result)
        {
            return result;
        }

        bool matches = context.Request.Headers[HeaderName] is { Count: 1 } values && Matches(values[0]);
        context.Items[ResultKey] = matches;
        return matches;
    }
}
