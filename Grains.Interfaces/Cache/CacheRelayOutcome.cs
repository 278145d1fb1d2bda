namespace OrleansBots.Cache;

/// <summary>What one shard of a relayed batch answered: its receipt, or why its sets failed (they may or may not have been stored).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CacheRelayOutcome")]
public sealed record CacheRelayOutcome(
    [property: Id(0)] CacheWriteReceipt? Receipt,
    [property: Id(1)] string? Failure);
