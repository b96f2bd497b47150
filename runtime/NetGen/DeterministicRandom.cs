using System;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// A small, fast pseudo-random generator whose sequence is fixed by NetGen itself
/// (xoshiro128** seeded through SplitMix64), so that the same seed gives the same weights,
/// dropout masks and shuffles on every .NET version and machine.
/// </summary>
/// <remarks>A mutable struct: pass it by reference, and copy it only to fork a sequence.</remarks>
public struct DeterministicRandom : IEquatable<DeterministicRandom>
{
    /// <summary>The number of 32-bit words of state (see <see cref="ExportState"/>).</summary>
    public const int StateWords = 4;

    private uint _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator of stream <paramref name="stream"/> for <paramref name="seed"/>.
    /// Different streams of one seed are independent sequences.</summary>
    public DeterministicRandom(long seed, int stream = 0)
    {
        ulong x = unchecked((ulong)seed ^ ((ulong)(uint)stream * 0xD1B54A32D192ED03UL));
        ulong a = SplitMix64(ref x);
        ulong b = SplitMix64(ref x);
        _s0 = (uint)a;
        _s1 = (uint)(a >> 32);
        _s2 = (uint)b;
        _s3 = (uint)(b >> 32);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1;
        }
    }

    /// <summary>The next 32 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        uint result = BitRotateLeft(_s1 * 5, 7) * 9;
        uint t = _s1 << 9;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotateLeft(_s3, 11);
        return result;
    }

    /// <summary>A float uniformly distributed in [0, 1), with 24 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextSingle() => (NextUInt32() >> 8) * (1.0f / 16777216.0f);

    /// <summary>A double uniformly distributed in [0, 1), with 53 random bits.</summary>
    public double NextDouble()
    {
        ulong bits = ((ulong)NextUInt32() << 32) | NextUInt32();
        return (bits >> 11) * (1.0 / 9007199254740992.0);
    }

    /// <summary>A float uniformly distributed in [-<paramref name="limit"/>, <paramref name="limit"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextSymmetric(float limit) => ((NextSingle() * 2f) - 1f) * limit;

    /// <summary>An integer uniformly distributed in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt32(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The upper bound must be positive.");
        }

        // Lemire's multiply-and-reject method.
        uint bound = (uint)maxExclusive;
        ulong product = (ulong)NextUInt32() * bound;
        uint low = (uint)product;
        if (low < bound)
        {
            uint threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * bound;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>Puts the elements of <paramref name="values"/> in a uniformly random order (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>Writes the state (<see cref="StateWords"/> words), for checkpoints.</summary>
    public readonly void ExportState(Span<uint> destination)
    {
        if (destination.Length < StateWords)
        {
            throw new ArgumentException($"The destination has {destination.Length} words; the state needs {StateWords}.", nameof(destination));
        }

        destination[0] = _s0;
        destination[1] = _s1;
        destination[2] = _s2;
        destination[3] = _s3;
    }

    /// <summary>Recreates a generator from a state written by <see cref="ExportState"/>.</summary>
    /// <exception cref="ArgumentException">The state is too short or all zero (not a reachable state).</exception>
    public static DeterministicRandom FromState(ReadOnlySpan<uint> state)
    {
        if (state.Length < StateWords)
        {
            throw new ArgumentException($"The state has {state.Length} words; it needs {StateWords}.", nameof(state));
        }

        if ((state[0] | state[1] | state[2] | state[3]) == 0)
        {
            throw new ArgumentException("An all-zero state is not a valid generator state.", nameof(state));
        }

        return new DeterministicRandom { _s0 = state[0], _s1 = state[1], _s2 = state[2], _s3 = state[3] };
    }

    /// <inheritdoc/>
    public readonly bool Equals(DeterministicRandom other) => _s0 == other._s0 && _s1 == other._s1 && _s2 == other._s2 && _s3 == other._s3;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is DeterministicRandom other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(_s0, _s1, _s2, _s3);

    /// <summary>Whether two generators are in the same state.</summary>
    public static bool operator ==(DeterministicRandom left, DeterministicRandom right) => left.Equals(right);

    /// <summary>Whether two generators are in different states.</summary>
    public static bool operator !=(DeterministicRandom left, DeterministicRandom right) => !left.Equals(right);

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint BitRotateLeft(uint value, int offset) => (value << offset) | (value >> (32 - offset));
}
