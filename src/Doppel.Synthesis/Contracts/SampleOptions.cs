using System.Collections.Immutable;

namespace Doppel.Synthesis;

/// <summary>Settings for drawing rows from a model.</summary>
public sealed record SampleOptions
{
    /// <summary>The root seed of the sample; rows derive from (seed, row index).</summary>
    public ulong Seed { get; init; }

    /// <summary>The most rows in one streamed batch (default 16,384).</summary>
    public int BatchSize { get; init; } = 16_384;

    /// <summary>The index of the first row within the whole run (non-zero for a shard of a larger run).</summary>
    public long FirstRow { get; init; }

    /// <summary>Conditions every generated row satisfies (all of them).</summary>
    public ImmutableArray<Condition> Conditions { get; init; } = [];
}
