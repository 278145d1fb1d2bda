using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;

namespace OrleansBots.Cache;

/// <summary>
/// The distributed cache as grains and clients use it: each key goes to one shard grain chosen by a stable
/// hash (XxHash3 of the key's UTF-8 bytes, the same in every process and version), so load spreads over the
/// shards and every silo finds a key in the same place. <see cref="GetOrAddAsync"/> coalesces concurrent
/// misses of one key within this process into one factory call. With <see cref="CacheOptions.NearCacheTtl"/> set,
/// hot values are also kept in this process (<see cref="NearCache"/>) and read without a grain call. In a silo, sets for
/// shards on other silos leave in one message per silo (<see cref="CacheRelay"/>) unless <see cref="CacheOptions.RelaySets"/>
/// is off. Thread-safe; one instance per process.
/// </summary>
public sealed class ShardedCache(IGrainFactory grains, IOptions<CacheOptions> options, TimeProvider time, CacheRelay? relay = null)
{
    private const int StackKeyBytes = 512;

    private readonly int _shards = options.Value.Shards;
    private readonly TimeSpan _defaultTtl = options.Value.DefaultTtl;

    private readonly ICacheShardGrain[] _references = ReferencesTo(grains, options.Value.Shards);
    private readonly ConcurrentDictionary<string, Task<byte[]>> _loading = new(StringComparer.Ordinal);
    private readonly NearCache? _near = options.Value.NearCacheTtl > TimeSpan.Zero
        ? new NearCache(options.Value.NearCacheEntries, options.Value.NearCacheTtl, time, options.Value.NearCacheRefreshAhead)
        : null;

    private readonly CacheRelay? _relay = options.Value.RelaySets ? relay : null;

    public int ShardCount => _shards;

    /// <summary>The shard of <paramref name="key"/> among <paramref name="shards"/>.</summary>
    public static int ShardOf(string key, int shards)
    {
        ArgumentNullException.ThrowIfNull(key);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        var utf8 = maxBytes <= StackKeyBytes ? stackalloc byte[StackKeyBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        return (int)(XxHash3.HashToUInt64(utf8[..length]) % (ulong)shards);
    }

    public ICacheShardGrain ShardFor(string key) => _references[ShardOf(key, _shards)];

    /// <summary>One reference per shard, made once: GetGrain builds a new reference (and its grain id) on every call.</summary>
    internal static ICacheShardGrain[] ReferencesTo(IGrainFactory grains, int shards) =>
        [.. Enumerable.Range(0, shards).Select(shard => grains.GetGrain<ICacheShardGrain>(shard))];

    /// <summary>The value of <paramref name="key"/>, or null when it is missing or expired. Never change the array: it is shared.</summary>
    public Task<byte[]?> GetAsync(string key)
    {
        if (_near is null)
        {
            return ValueOf(ShardFor(key).Get(key));
        }

        if (!_near.TryGet(key, out var held, out var refresh))
        {
            return ReadThroughAsync(_near, key);
        }

        if (refresh)
        {
            _ = RefreshAsync(_near, key);
        }

        return held;
    }

    /// <summary>The value of <paramref name="key"/>, or <paramref name="defaultValue"/> when it is missing or expired.</summary>
    public async Task<byte[]> GetAsync(string key, byte[] defaultValue) => await GetAsync(key) ?? defaultValue;

    /// <summary>
    /// Stores the value for <paramref name="ttl"/> (the configured default when null); false when it is larger than a
    /// shard's budget. The array is stored as it is, not copied: never change it afterwards.
    /// </summary>
    public Task<bool> SetAsync(string key, byte[] value, TimeSpan? ttl = null)
    {
        if (_near is not null)
        {
            return SetThroughAsync(_near, key, value, ttl);
        }

        var shard = ShardOf(key, _shards);
        return _relay is null || _relay.IsHere(shard)
            ? _references[shard].Set(key, value, ttl)
            : StoredAsync(_relay.WriteAsync(shard, key, value, ttl));
    }

    public Task<bool> DeleteAsync(string key) =>
        _near is null ? ShardFor(key).Delete(key) : DeleteThroughAsync(_near, key);

    /// <summary>Empties every shard; returns how many entries were removed.</summary>
    public Task<int> ClearAsync() => ClearThroughAsync(shard => shard.Clear());

    /// <summary>Removes the keys starting with <paramref name="prefix"/> from every shard; returns how many.</summary>
    public Task<int> ClearAsync(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ClearThroughAsync(shard => shard.ClearPrefix(prefix));
    }

    /// <summary>
    /// The cached value of <paramref name="key"/>; on a miss, the value <paramref name="factory"/> makes, stored for
    /// <paramref name="ttl"/>. Concurrent calls for one key in this process share one lookup and, on a miss, one
    /// factory call and its outcome; a failure is not cached, so the next call tries again. The cache only saves trips
    /// to the source: a lookup the cluster failed (its shard's silo stopping, a timeout) counts as a miss, and a value
    /// the cluster failed to store is answered all the same; only the factory's own failure reaches the callers.
    /// </summary>
    public Task<byte[]> GetOrAddAsync(string key, Func<string, Task<byte[]>> factory, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);
        if (_loading.TryGetValue(key, out var running))
        {
            return running;
        }

        var mine = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = _loading.GetOrAdd(key, mine.Task);
        if (loading != mine.Task)
        {
            return loading;
        }

        _ = LeadAsync(key, factory, ttl, mine);
        return mine.Task;
    }

    /// <summary>The counters of every shard added together.</summary>
    public async Task<CacheStats> GetStatsAsync() =>
        CacheStats.Sum(await GetShardStatsAsync());

    /// <summary>The counters of each shard, by shard number.</summary>
    public Task<CacheStats[]> GetShardStatsAsync() => Task.WhenAll(AllShards().Select(shard => shard.GetStats()));

    /// <summary>
    /// Looks the key up and, on a miss, calls the factory and stores its value, for every caller that joined.
    /// The lookup is part of the shared load (not made before joining), so a caller that arrives just after a
    /// load finished starts a new one that finds the stored value instead of calling the factory again.
    /// </summary>
    private async Task LeadAsync(string key, Func<string, Task<byte[]>> factory, TimeSpan? ttl, TaskCompletionSource<byte[]> outcome)
    {
        try
        {
            var value = await LookUpAsync(key);
            if (value is null)
            {
                value = await factory(key) ?? throw new InvalidOperationException($"The cache factory for '{key}' returned null");
                await StoreAsync(key, value, ttl);
            }

            outcome.SetResult(value);
        }
        catch (Exception error)
        {
            outcome.SetException(error);
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Task<byte[]>>(key, outcome.Task));
        }
    }

    private static async Task<byte[]?> ValueOf(Task<CachedValue?> read) => (await read)?.Value;

    /// <summary>The key's value for <see cref="LeadAsync"/>; null also when the cluster could not answer.</summary>
    private async Task<byte[]?> LookUpAsync(string key)
    {
        try
        {
            return await GetAsync(key);
        }
        catch (Exception error) when (IsClusterFailure(error))
        {
            return null;
        }
    }

    /// <summary>Stores a value the source made for <see cref="LeadAsync"/>; one the cluster could not take is not kept.</summary>
    private async Task StoreAsync(string key, byte[] value, TimeSpan? ttl)
    {
        try
        {
            await SetAsync(key, value, ttl);
        }
        catch (Exception error) when (IsClusterFailure(error))
        {
            // The next caller asks the source again.
        }
    }

    /// <summary>A call the cluster could not complete (a silo gone or stopping, a rejection, a timeout), not a bad argument.</summary>
    private static bool IsClusterFailure(Exception error) => error is OrleansException or TimeoutException;

    /// <summary>Reads the shard and keeps what it holds (by the near cache's rules: not older than a local set answered meanwhile); a key it no longer holds leaves the near cache.</summary>
    private async Task<byte[]?> ReadThroughAsync(NearCache near, string key)
    {
        var ticket = near.TicketFor(key);
        var read = await ShardFor(key).Get(key);
        if (read is null)
        {
            near.Missing(key, ticket);
        }
        else
        {
            near.Keep(key, read, ticket);
        }

        return read?.Value;
    }

    /// <summary>
    /// Reads a hot key through its shard again before its near copy ends. A refresh that fails changes nothing: the copy
    /// ends on time and the next reader reads through the shard, where the error reaches a caller.
    /// </summary>
    private async Task RefreshAsync(NearCache near, string key)
    {
        try
        {
            await ReadThroughAsync(near, key);
        }
        catch (Exception)
        {
            // See above: nothing is lost, the read-through after the copy's end reports it.
        }
        finally
        {
            near.Refreshed(key);
        }
    }

    /// <summary>
    /// Readers are served the copy held before the write until the shard answered (they overlap the set); once the shard
    /// stored the value, the near cache holds it at the version the shard gave it, so a silo's reads of what it just
    /// wrote cost no grain call. A set that was refused or failed forgets the key.
    /// </summary>
    private async Task<bool> SetThroughAsync(NearCache near, string key, byte[] value, TimeSpan? ttl)
    {
        var ticket = near.TicketFor(key);
        var version = 0L;
        try
        {
            version = await WriteAsync(key, value, ttl);
        }
        finally
        {
            if (version > 0)
            {
                near.Written(key, value, ttl ?? _defaultTtl, version, ticket);
            }
            else
            {
                near.Forget(key);
            }
        }

        return version > 0;
    }

    /// <summary>Sets the key in its shard, through <see cref="_relay"/> when there is one; answers the version stored (0 when refused).</summary>
    private Task<long> WriteAsync(string key, byte[] value, TimeSpan? ttl)
    {
        var shard = ShardOf(key, _shards);
        return _relay is null ? _references[shard].Write(key, value, ttl) : _relay.WriteAsync(shard, key, value, ttl);
    }

    private static async Task<bool> StoredAsync(Task<long> write) => await write > 0;

    /// <summary>Forgets the near copy before the delete (no new read keeps the old value) and after it (one kept meanwhile is dropped).</summary>
    private async Task<bool> DeleteThroughAsync(NearCache near, string key)
    {
        near.Forget(key);
        try
        {
            return await ShardFor(key).Delete(key);
        }
        finally
        {
            near.Forget(key);
        }
    }

    private async Task<int> ClearThroughAsync(Func<ICacheShardGrain, Task<int>> clear)
    {
        _near?.ForgetAll();
        try
        {
            return (await Task.WhenAll(AllShards().Select(clear))).Sum();
        }
        finally
        {
            _near?.ForgetAll();
        }
    }

    private IEnumerable<ICacheShardGrain> AllShards() => _references;
}
