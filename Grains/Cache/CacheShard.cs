using System.IO.Compression;

namespace OrleansBots.Cache;

/// <summary>
/// One shard's store: values with a time to live, a byte budget kept by an eviction policy, and hit, miss,
/// eviction and expiration counters. Expired entries leave lazily (a read of one is a miss) and
/// incrementally: each get or set removes at most <see cref="CacheOptions.ExpiredPerOperation"/> due
/// entries, and <see cref="RemoveExpired"/> at most as many as it is asked to, so no call pauses for a time
/// that grows with the number of entries. Not thread-safe: use it from one grain's turns.
/// Values are owned by the shard once set: callers must not change an array they stored or read.
/// </summary>
public sealed class CacheShard
{
    /// <summary>
    /// Bytes charged per entry besides its key (two bytes a character) and its stored value: an estimate of
    /// the objects that hold it — the entry object (linked into the eviction policy's list itself), its dictionary
    /// slot, its expiry-queue slot and the headers of the key string and the value array.
    /// </summary>
    public const int EntryOverheadBytes = 160;

    // Brotli's fastest level: cached values are compressed on every set, so speed matters more than ratio.
    private const int BrotliQuality = 1;
    private const int BrotliWindow = 22;

    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ExpiryQueue _expiry = new();
    private readonly IEvictionPolicy _policy;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultTtl;
    private readonly int _compressAbove;
    private readonly int _expiredPerOperation;
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _expirations;

    // The version of the last set: the time's ticks, or one more than the last when the time has not moved on, so
    // versions grow with every set, and a later activation of the shard starts above an earlier one's unless its silo's
    // clock is behind (docs/CACHE.md).
    private long _clock;

    public CacheShard(CacheOptions options, TimeProvider time)
    {
        _policy = EvictionPolicies.Create(options.EvictionPolicy);
        _time = time;
        _defaultTtl = options.DefaultTtl;
        _compressAbove = options.CompressionThresholdBytes;
        _expiredPerOperation = options.ExpiredPerOperation;
        MaxBytes = options.ShardBudgetBytes;
        BudgetBytes = MaxBytes;
    }

    public int Count => _entries.Count;

    /// <summary>Bytes charged against the budget by the entries held now (expired ones not yet removed included).</summary>
    public long Bytes { get; private set; }

    public long MaxBytes { get; }

    /// <summary>The budget in force: <see cref="MaxBytes"/> unless <see cref="Resize"/> lowered it.</summary>
    public long BudgetBytes { get; private set; }

    public CacheStats Stats => new(_entries.Count, Bytes, MaxBytes, _hits, _misses, _evictions, _expirations) { BudgetBytes = BudgetBytes };

    /// <summary>Sets the budget in force (at most <see cref="MaxBytes"/>) and evicts down to it.</summary>
    public void Resize(long budgetBytes)
    {
        BudgetBytes = Math.Clamp(budgetBytes, 1, MaxBytes);
        while (Bytes > BudgetBytes && _policy.Victim(spare: null) is { } victim)
        {
            Remove(victim);
            _evictions++;
        }
    }

    /// <summary>The bytes an entry of this key and stored value is charged.</summary>
    public static long SizeOf(string key, int storedLength) => (sizeof(char) * (long)key.Length) + storedLength + EntryOverheadBytes;

    /// <summary>The value of <paramref name="key"/>, or null when it is missing or expired.</summary>
    public byte[]? Get(string key) => Read(key)?.Value;

    /// <summary>The value of <paramref name="key"/> and when it expires, or null when it is missing or expired.</summary>
    public CachedValue? Read(string key)
    {
        var now = _time.GetUtcNow();
        RemoveExpired(_expiredPerOperation, now);
        if (!_entries.TryGetValue(key, out var entry) || Expire(entry, now))
        {
            _misses++;
            return null;
        }

        _hits++;
        _policy.Touched(entry);
        return entry.Compressed
            ? new CachedValue(Decode(entry), entry.ExpiresAt, entry.Version)
            : entry.Answer ??= new CachedValue(entry.Stored, entry.ExpiresAt, entry.Version);
    }

    /// <summary>
    /// Stores the value for <paramref name="ttl"/> (the default when null), evicting others by the policy until
    /// the shard is within budget, and returns its version (<see cref="CachedValue.Version"/>): positive and larger
    /// than any this shard gave before. An entry larger than the whole budget is refused (0), and an older value
    /// of its key removed, so a read never returns a value older than the last set.
    /// </summary>
    public long Set(string key, byte[] value, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var lifetime = ttl ?? _defaultTtl;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(ttl));

        var now = _time.GetUtcNow();
        RemoveExpired(_expiredPerOperation, now);
        var (stored, compressed) = Encode(value);
        var size = SizeOf(key, stored.Length);
        if (size > BudgetBytes)
        {
            Delete(key);
            return 0;
        }

        _clock = Math.Max(_clock + 1, now.UtcTicks);

        if (_entries.TryGetValue(key, out var entry))
        {
            Bytes += size - entry.Size;
            Fill(entry, value.Length, stored, compressed, size, now + lifetime, _clock);
            _expiry.Changed(entry);
            _policy.Touched(entry);
        }
        else
        {
            entry = new CacheEntry(key);
            Fill(entry, value.Length, stored, compressed, size, now + lifetime, _clock);
            _entries.Add(key, entry);
            _expiry.Add(entry);
            _policy.Added(entry);
            Bytes += size;
        }

        while (Bytes > BudgetBytes && _policy.Victim(spare: entry) is { } victim)
        {
            Remove(victim);
            _evictions++;
        }

        return _clock;
    }

    /// <summary>The value held for the key, expired or not, without counting a lookup or touching the policy.</summary>
    internal byte[]? PeekHeld(string key) => _entries.TryGetValue(key, out var entry) ? Decode(entry) : null;

    public bool Delete(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        Remove(entry);
        return true;
    }

    /// <summary>Removes every entry; the counters keep counting. Returns how many entries there were.</summary>
    public int Clear()
    {
        var count = _entries.Count;
        _entries.Clear();
        _expiry.Clear();
        _policy.Clear();
        Bytes = 0;
        return count;
    }

    /// <summary>Removes the entries whose key starts with <paramref name="prefix"/> (ordinal); a pass over this shard's keys.</summary>
    public int Clear(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return Clear();
        }

        var matching = _entries.Values.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var entry in matching)
        {
            Remove(entry);
        }

        return matching.Count;
    }

    /// <summary>
    /// Removes at most <paramref name="maxEntries"/> expired entries, soonest queued first; returns how many. On its way
    /// it queues again at most as many entries that were set again since they were queued (<see cref="ExpiryQueue.Due"/>),
    /// so right after many of those reached their old expiry a call may remove fewer while the queue catches up.
    /// </summary>
    public int RemoveExpired(int maxEntries) => RemoveExpired(maxEntries, _time.GetUtcNow());

    private int RemoveExpired(int maxEntries, DateTimeOffset now)
    {
        var removed = 0;
        var requeueBudget = maxEntries;
        while (removed < maxEntries && _expiry.Due(now, ref requeueBudget) is { } due)
        {
            Expire(due, now);
            removed++;
        }

        return removed;
    }

    private bool Expire(CacheEntry entry, DateTimeOffset now)
    {
        if (entry.ExpiresAt > now)
        {
            return false;
        }

        Remove(entry);
        _expirations++;
        return true;
    }

    private void Remove(CacheEntry entry)
    {
        _entries.Remove(entry.Key);
        _expiry.Remove(entry);
        _policy.Removed(entry);
        Bytes -= entry.Size;
    }

    private static void Fill(CacheEntry entry, int length, byte[] stored, bool compressed, long size, DateTimeOffset expiresAt, long version)
    {
        entry.Length = length;
        entry.Stored = stored;
        entry.Compressed = compressed;
        entry.Size = size;
        entry.ExpiresAt = expiresAt;
        entry.Version = version;
        entry.Answer = null;
    }

    /// <summary>The value compressed when it is over the threshold and compression saves at least a byte; else as it is.</summary>
    private (byte[] Stored, bool Compressed) Encode(byte[] value)
    {
        if (_compressAbove == 0 || value.Length <= _compressAbove)
        {
            return (value, false);
        }

        // A destination one byte shorter than the value: Brotli fails when it cannot save anything.
        var buffer = new byte[value.Length - 1];
        return BrotliEncoder.TryCompress(value, buffer, out var written, BrotliQuality, BrotliWindow)
            ? (buffer.AsSpan(0, written).ToArray(), true)
            : (value, false);
    }

    private static byte[] Decode(CacheEntry entry)
    {
        if (!entry.Compressed)
        {
            return entry.Stored;
        }

        var value = new byte[entry.Length];
        if (!BrotliDecoder.TryDecompress(entry.Stored, value, out var written) || written != entry.Length)
        {
            throw new InvalidDataException($"The compressed cache value of '{entry.Key}' could not be read back");
        }

        return value;
    }
}
