namespace OrleansBots.Contracts;

/// <summary>PUT /api/admin/cache/entries/{key}: a UTF-8 value and its time to live (the configured default when absent).</summary>
public sealed record CacheSetRequest(string? Value, double? TtlSeconds = null);

public sealed record CacheEntryResponse(bool Success, string Key, string Value);

public sealed record CacheChangeResponse(bool Success, string Key, bool Changed);

public sealed record CacheClearResponse(bool Success, string? Prefix, int Removed);

/// <summary>The cache added up over all shards, and each shard (index = shard number).</summary>
public sealed record CacheStatsResponse(bool Success, CacheStatsView Total, IReadOnlyList<CacheStatsView> Shards);
