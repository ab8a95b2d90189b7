using System.Numerics;
using System.Runtime.CompilerServices;

namespace Doppel.Data;

/// <summary>
/// The one source of randomness in Doppel: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64.
/// An instance is a stream with a 64-bit key; <see cref="Fork(string)"/> derives named child streams from the
/// key alone, so a child does not depend on how much its parent has drawn. Not thread-safe: give each thread
/// its own fork. Derives from <see cref="Random"/> so MathNet distributions accept it.
/// </summary>
internal sealed class Rng : Random
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates the stream for <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
        : base(0)
    {
        Key = seed;
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>The key this stream was created from; forks derive from it.</summary>
    public ulong Key { get; }

    /// <summary>A child stream named <paramref name="name"/>, independent of how much this stream has drawn.</summary>
    public Rng Fork(string name) => new(Mix(Key, Hash(name)));

    /// <summary>The <paramref name="index"/>-th child of the stream named <paramref name="name"/> (for chunks, batches, rows).</summary>
    public Rng Fork(string name, long index) => new(Mix(Mix(Key, Hash(name)), (ulong)index));

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1): never 0, safe for logarithms and inverse CDFs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextSingleValue() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxValue"/>), without modulo bias (Lemire's method).</summary>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBounded((ulong)maxValue);
    }

    /// <inheritdoc />
    public override int Next() => (int)NextBounded(int.MaxValue);

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)NextBounded((ulong)((long)maxValue - minValue));
    }

    /// <inheritdoc />
    public override long NextInt64() => (long)(NextUInt64() >> 1);

    /// <inheritdoc />
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBounded((ulong)maxValue);
    }

    /// <inheritdoc />
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (long)NextBounded((ulong)(maxValue - minValue));
    }

    /// <inheritdoc />
    public override float NextSingle() => NextSingleValue();

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal draws.</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextGaussian();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal draws in single precision.</summary>
    public void FillGaussian(Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)NextGaussian();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform draws in [0, 1).</summary>
    public void FillUniform(Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextSingleValue();
        }
    }

    /// <summary>A 64-bit hash of <paramref name="name"/> (FNV-1a over UTF-16 code units, then SplitMix64's finaliser).</summary>
    public static ulong Hash(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Finalise(h);
    }

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    private ulong NextBounded(ulong bound)
    {
        if (bound == 0)
        {
            return 0;
        }

        var x = NextUInt64();
        var m = Math.BigMul(x, bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                x = NextUInt64();
                m = Math.BigMul(x, bound, out low);
            }
        }

        return m;
    }

    private static ulong Mix(ulong a, ulong b) => Finalise(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Finalise(state);
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
