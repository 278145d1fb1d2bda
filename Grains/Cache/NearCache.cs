using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using BitFaster.Caching.Lru;

namespace OrleansBots.Cache;

/// <summary>
/// A per-process copy of hot cache values in front of the shard grains, so a read of a hot key costs a
/// lookup in this process instead of a grain call (and, when the shard lives on another silo, a network
/// round trip). Bounded by count (BitFaster's <see cref="ConcurrentLru{K, V}"/>, scan-resistant) and by time:
/// a value is served at most <see cref="CacheOptions.NearCacheTtl"/> after it was read from its shard, and never
/// after the entry's own expiry.
/// <para>
/// Coherence: sets, deletes and clears made through this process's <see cref="ShardedCache"/> take effect here
/// at once: a set keeps the value it wrote (<see cref="Written"/>), so the next read of the key is served here too,
/// and a delete or clear drops it. While a set is on its way the copy held before it is still served
/// (<see cref="BeginWrite"/>): those reads overlap the set, and the shard could answer them with either value too, so no
/// reader waits for the set. A value read from a shard is kept only if no set, delete or clear of its key (by a stripe of
/// the key's hash) began in this process while it was being read, so a slow read cannot put back a value older than a
/// local write; a set keeps its value only if no other write of the stripe began while it was in flight
/// (their order at the shard is not known here). Writes made by other processes are seen here at most <see cref="CacheOptions.NearCacheTtl"/>
/// late: that is the price of the near cache, and why it is off unless configured.
/// </para>
/// <para>
/// Refresh ahead (<see cref="CacheOptions.NearCacheRefreshAhead"/>): a hit in the last quarter of a value's near TTL asks
/// its caller, one caller at a time per key, to read the shard again in the background, so a hot key's readers are not
/// all sent to the shard at once when its near copy ends. The value served is never older than before: the copy held
/// still ends on time, and the refreshed one is kept under the same rules as any read.
/// </para>
/// Thread-safe.
/// </summary>
public sealed class NearCache
{
    private const int Stripes = 4096;

    private readonly ConcurrentLru<string, Held> _held;
    private readonly long _ttlTicks;
    private readonly TimeProvider _time;

    // The keys being read again ahead of their end; null when refreshing ahead is off.
    private readonly ConcurrentDictionary<string, bool>? _refreshing;

    // Bumped by every local write of a key of the stripe (and all of them by a clear): a read that saw the
    // stripe at one version keeps its value only if the version is still the same when the value arrives.
    private readonly int[] _versions = new int[Stripes];
    private int _clears;

    public NearCache(int capacity, TimeSpan ttl, TimeProvider time, bool refreshAhead = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        _held = new ConcurrentLru<string, Held>(Math.Max(3, capacity));
        _ttlTicks = ttl.Ticks;
        _time = time;
        _refreshing = refreshAhead ? new ConcurrentDictionary<string, bool>(StringComparer.Ordinal) : null;
    }

    /// <summary>Values held now (expired ones not yet dropped included).</summary>
    public int Count => _held.Count;

    /// <summary>
    /// The value held for <paramref name="key"/> if it is still fresh, as a completed task made once when the value
    /// was kept, so a hit allocates nothing. <paramref name="refresh"/> tells the one caller that should read the key
    /// from its shard again now (and then call <see cref="Refreshed"/>) that it is its turn.
    /// </summary>
    public bool TryGet(string key, [NotNullWhen(true)] out Task<byte[]?>? value, out bool refresh)
    {
        refresh = false;
        if (_held.TryGet(key, out var held))
        {
            var now = _time.GetUtcNow().UtcTicks;
            if (held.UntilTicks > now)
            {
                value = held.Value;
                refresh = now >= held.RefreshTicks && _refreshing is not null && _refreshing.TryAdd(key, true);
                return true;
            }

            _held.TryRemove(key);
        }

        value = null;
        return false;
    }

    /// <summary>A refresh that <see cref="TryGet"/> asked for is over (whatever its outcome): the key may be refreshed again.</summary>
    public void Refreshed(string key) => _refreshing?.TryRemove(key, out _);

    /// <summary>What <see cref="Keep"/> and <see cref="Written"/> need to know that no local write of the key began meanwhile; take it before reading the shard.</summary>
    public ReadTicket BeforeRead(string key) => new(Volatile.Read(ref _versions[StripeOf(key)]), Volatile.Read(ref _clears));

    /// <summary>Keeps a value read from the shard, unless a local write of its key began since <paramref name="ticket"/>.</summary>
    public void Keep(string key, CachedValue read, ReadTicket ticket)
    {
        if (!Unchanged(key, ticket))
        {
            return;
        }

        var now = _time.GetUtcNow().UtcTicks;
        _held.AddOrUpdate(key, Hold(read.Value, now, read.ExpiresAt.UtcTicks - now));

        // A write that began between the check and the add moved the stripe on: what was just added may be older than it.
        if (!Unchanged(key, ticket))
        {
            _held.TryRemove(key);
        }
    }

    /// <summary>The shard no longer holds <paramref name="key"/> (a read found it gone): the copy here goes too, unless a local write began since <paramref name="ticket"/>.</summary>
    public void Missing(string key, ReadTicket ticket)
    {
        if (Unchanged(key, ticket))
        {
            _held.TryRemove(key);
        }
    }

    /// <summary>
    /// A local set of <paramref name="key"/> was stored by its shard: holds the value written, for at most
    /// <paramref name="ttl"/> (the entry's) and the near TTL. <paramref name="ticket"/> is the set's <see cref="BeginWrite"/>;
    /// if another write of the stripe or a clear began since, the shard's last value is not known here and nothing is held.
    /// </summary>
    public void Written(string key, byte[] value, TimeSpan ttl, ReadTicket ticket)
    {
        var stripe = StripeOf(key);

        // Checks and moves the stripe on in one step: a read that began before now does not keep what it read.
        var written = ticket.Version + 1;
        if (Interlocked.CompareExchange(ref _versions[stripe], written, ticket.Version) != ticket.Version || Volatile.Read(ref _clears) != ticket.Clears)
        {
            Forget(key);
            return;
        }

        _held.AddOrUpdate(key, Hold(value, _time.GetUtcNow().UtcTicks, ttl.Ticks));
        if (Volatile.Read(ref _versions[stripe]) != written || Volatile.Read(ref _clears) != ticket.Clears)
        {
            _held.TryRemove(key);
        }
    }

    /// <summary>
    /// A local set of <paramref name="key"/> is about to be sent to its shard: reads that began before it will not keep
    /// what they read, and the copy held (if any) is served until <see cref="Written"/> or <see cref="Forget"/> replaces
    /// it once the shard answered. Pass the ticket to <see cref="Written"/>.
    /// </summary>
    public ReadTicket BeginWrite(string key) =>
        new(Interlocked.Increment(ref _versions[StripeOf(key)]), Volatile.Read(ref _clears));

    /// <summary>A local delete of <paramref name="key"/> (call it before the shard is written and again once it answered), or a set that failed.</summary>
    public void Forget(string key)
    {
        Interlocked.Increment(ref _versions[StripeOf(key)]);
        _held.TryRemove(key);
    }

    /// <summary>A local clear (of everything or of a prefix): nothing held before it is served again.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _clears);
        _held.Clear();
    }

    /// <summary>
    /// A value held from <paramref name="now"/> for the near TTL, or less if the entry lives only <paramref name="entryTicks"/>
    /// more. Only a copy that the near TTL ends is refreshed ahead: reading an entry again does not make it live longer.
    /// </summary>
    private Held Hold(byte[]? value, long now, long entryTicks)
    {
        var refreshTicks = entryTicks > _ttlTicks ? now + (_ttlTicks * 3 / 4) : long.MaxValue;
        return new Held(Task.FromResult(value), now + Math.Min(entryTicks, _ttlTicks), refreshTicks);
    }

    private bool Unchanged(string key, ReadTicket ticket) =>
        Volatile.Read(ref _versions[StripeOf(key)]) == ticket.Version && Volatile.Read(ref _clears) == ticket.Clears;

    private static int StripeOf(string key) => (key.GetHashCode() & int.MaxValue) % Stripes;

    /// <summary>The stripe's and the clears' versions seen before a read of the shard.</summary>
    public readonly record struct ReadTicket(int Version, int Clears);

    private readonly record struct Held(Task<byte[]?> Value, long UntilTicks, long RefreshTicks);
}
