using Orleans.Placement;
using OrleansBots.Quotas;

namespace OrleansBots.Cache;

/// <summary>
/// One shard of the distributed cache, thin over <see cref="CacheShard"/>. Contents live in memory only: a
/// cache that loses a shard with its silo refills from the source. A timer removes expired entries nobody
/// reads, a bounded number per tick, and keeps the shard active so its contents are not dropped when idle.
/// The shard also keeps the cooldowns and hourly quotas of the keys that hash to it (<see cref="CooldownBook"/>),
/// apart from the cached values; the same timer removes idle cooldown keys, a bounded number per tick.
/// Every <see cref="CacheOptions.SizingInterval"/> the shard resizes its byte budget (<see cref="ShardSizer"/>):
/// it grows with a high hit rate, shrinks with a low one, and sheds while its silo is under memory pressure.
/// Every method is one synchronous step, so nothing can interleave inside one.
/// Shards are placed at random, not near their first caller: the cache's memory and calls spread over the silos
/// instead of piling up on whichever silo touched the shards first.
/// </summary>
[RandomPlacement]
public sealed class CacheShardGrain(
    IOptions<CacheOptions> options,
    IOptions<CooldownOptions> cooldownOptions,
    IMemoryPressure memoryPressure,
    CacheInstruments instruments,
    ILocalSiloDetails silo,
    TimeProvider time)
    : Grain, ICacheShardGrain
{
    private readonly CacheOptions _options = options.Value;
    private readonly CooldownOptions _cooldownOptions = cooldownOptions.Value;
    private readonly CacheShard _shard = new(options.Value, time);
    private readonly CooldownBook _cooldowns = new(cooldownOptions.Value.MaxIdleTime, cooldownOptions.Value.IdleRemovedPerAction, time);
    private long _hitsBefore;
    private long _missesBefore;

    // The budget before memory pressure made the shard shed, given back once the pressure is over.
    private long? _budgetBeforeShedding;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(RemoveExpired, new GrainTimerCreationOptions
        {
            DueTime = _options.ExpirySweepInterval,
            Period = _options.ExpirySweepInterval,
            KeepAlive = true,
        });
        this.RegisterGrainTimer(Resize, new GrainTimerCreationOptions
        {
            DueTime = _options.SizingInterval,
            Period = _options.SizingInterval,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task<CachedValue?> Get(string key)
    {
        var value = _shard.Read(key);
        instruments.Lookup(hit: value is not null);
        return Task.FromResult(value);
    }

    public Task<bool> Set(string key, byte[] value, TimeSpan? ttl) => Task.FromResult(_shard.Set(key, value, ttl) > 0);

    public Task<long> Write(string key, byte[] value, TimeSpan? ttl) => Task.FromResult(_shard.Set(key, value, ttl));

    public Task<CacheWriteReceipt> WriteMany(CacheWrites writes, DateTime deadline)
    {
        if (writes.Values.Length != writes.Keys.Length || writes.Ttls.Length != writes.Keys.Length)
        {
            throw new ArgumentException($"A batch of sets needs as many values and TTLs as keys ({writes.Keys.Length} keys, {writes.Values.Length} values, {writes.Ttls.Length} TTLs)", nameof(writes));
        }

        if (time.GetUtcNow().UtcDateTime > deadline)
        {
            return Task.FromResult(new CacheWriteReceipt([], silo.SiloAddress, Late: true));
        }

        var versions = new long[writes.Keys.Length];
        for (var i = 0; i < versions.Length; i++)
        {
            versions[i] = _shard.Set(writes.Keys[i], writes.Values[i], writes.Ttls[i]);
        }

        return Task.FromResult(new CacheWriteReceipt(versions, silo.SiloAddress));
    }

    public Task<bool> Delete(string key) => Task.FromResult(_shard.Delete(key));

    public Task<int> Clear() => Task.FromResult(_shard.Clear());

    public Task<int> ClearPrefix(string prefix) => Task.FromResult(_shard.Clear(prefix));

    public Task<CacheStats> GetStats() =>
        Task.FromResult(_shard.Stats with { SheddingShards = _budgetBeforeShedding is null ? 0 : 1 });

    public Task<CooldownAnswer> TryAct(string key, CooldownRule rule) => Task.FromResult(_cooldowns.TryAct(key, rule));

    public Task<int> CountCooldownKeys() => Task.FromResult(_cooldowns.Count);

    private Task Resize()
    {
        var stats = _shard.Stats;
        var underPressure = memoryPressure.IsUnderPressure;
        if (underPressure)
        {
            _budgetBeforeShedding ??= _shard.BudgetBytes;
        }
        else if (_budgetBeforeShedding is { } before)
        {
            _shard.Resize(before);
            _budgetBeforeShedding = null;
        }

        var next = ShardSizer.NextBudget(_shard.MaxBytes, _shard.BudgetBytes, stats.Hits - _hitsBefore, stats.Misses - _missesBefore, underPressure, _options);
        _shard.Resize(next);
        _hitsBefore = stats.Hits;
        _missesBefore = stats.Misses;
        return Task.CompletedTask;
    }

    private Task RemoveExpired()
    {
        _shard.RemoveExpired(_options.ExpiredPerSweep);
        _cooldowns.RemoveIdle(_cooldownOptions.IdleRemovedPerSweep);
        return Task.CompletedTask;
    }
}
