using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using BitFaster.Caching.Lru;

namespace OrleansBots.Cache;

/// <summary>
/// A per-process copy of hot cache values in front of the shard grains, so a read of a hot key costs a
/// lookup in this process instead of a grain call (and, when the shard lives on another silo, a network
/// round trip). Bounded by count (BitFaster's <see cref="FastConcurrentLru{K, V}"/>, scan-resistant, without hit
/// counters: a hit is the hottest path here and nothing reads them) and by time:
/// a value is served at most <see cref="CacheOptions.NearCacheTtl"/> after it was read from its shard, and never
/// after the entry's own expiry.
/// <para>
/// Coherence: sets, deletes and clears made through this process's <see cref="ShardedCache"/> take effect here
/// at once: a set keeps the value it wrote (<see cref="Written"/>), so the next read of the key is served here too,
/// and a delete or clear drops it. While a set is on its way the copy held before it is still served: those reads
/// overlap the set, and the shard could answer them with either value too, so no reader waits for the set. Order comes
/// from the shard's versions (<see cref="CachedValue.Version"/>, larger for every set of one shard activation): a read is
/// not kept if a local set of its key was stored after the value it brings (a slow read cannot put back a value older
/// than a local write), and a set is held only if no local set of its stripe (the keys sharing a slot of the key's
/// hash) with a larger version answered before it. Each keep, set answered, miss and delete decides and acts under its
/// stripe's lock (hits take none), so no reader sees an older value after a local set was answered. A delete, a set
/// that failed or a clear drops what reads of the stripe that began before it bring. Writes made by other processes are
/// seen here at most <see cref="CacheOptions.NearCacheTtl"/> late: that is the price of the near cache, and why it is
/// off unless configured. One case is not ordered: a shard that moved to a silo whose clock is behind the previous
/// one's gives smaller versions for that skew, so a value the previous activation answered (a local set, or a read just
/// before it ended) can be kept over a local set answered by the new one (for at most the near TTL).
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
    // Stripes per held value: two keys share one rarely, and a set or read of one is seldom dropped for the other's set.
    private const int StripesPerEntry = 4;
    private const int MinStripes = 4096;
    private const int MaxStripes = 1 << 20;

    // Keeps, sets answered, misses and deletes of a stripe take one of these, so each decides and acts in one step;
    // hits take none.
    private const int Locks = 1024;

    private readonly FastConcurrentLru<string, Held> _held;
    private readonly long _ttlTicks;
    private readonly TimeProvider _time;

    // The keys being read again ahead of their end; null when refreshing ahead is off.
    private readonly ConcurrentDictionary<string, bool>? _refreshing;

    // By stripe of the key's hash: the count of local sets answered (held or not), the largest version among them, and
    // the count of local deletes and failed sets (a clear moves _clears on instead).
    private readonly int[] _stored;
    private readonly long[] _written;
    private readonly int[] _forgets;
    private readonly Lock[] _locks = [.. Enumerable.Range(0, Locks).Select(_ => new Lock())];
    private int _clears;

    public NearCache(int capacity, TimeSpan ttl, TimeProvider time, bool refreshAhead = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        _held = new FastConcurrentLru<string, Held>(Math.Max(3, capacity));
        var stripes = (int)Math.Min(MaxStripes, Math.Max(MinStripes, BitOperations.RoundUpToPowerOf2((uint)capacity * StripesPerEntry)));
        _stored = new int[stripes];
        _written = new long[stripes];
        _forgets = new int[stripes];
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
            // A copy held before a clear is gone even if the clear missed it (the LRU's Clear is not atomic with hits).
            if (held.UntilTicks > now && held.Clears == Volatile.Read(ref _clears))
            {
                value = held.Value;
                refresh = now >= held.RefreshTicks && _refreshing is not null && _refreshing.TryAdd(key, true);
                return true;
            }

            // Only the copy found ended or cleared: a value kept meanwhile stays.
            _held.TryRemove(new KeyValuePair<string, Held>(key, held));
        }

        value = null;
        return false;
    }

    /// <summary>A refresh that <see cref="TryGet"/> asked for is over (whatever its outcome): the key may be refreshed again.</summary>
    public void Refreshed(string key) => _refreshing?.TryRemove(key, out _);

    /// <summary>
    /// What <see cref="Keep"/>, <see cref="Missing"/> and <see cref="Written"/> need to know of the key's stripe: take it
    /// before a read or a set of the key is sent to its shard.
    /// </summary>
    public Ticket TicketFor(string key)
    {
        var stripe = StripeOf(key);
        return new(Volatile.Read(ref _stored[stripe]), Volatile.Read(ref _forgets[stripe]), Volatile.Read(ref _clears));
    }

    /// <summary>
    /// Keeps a value read from the shard, unless a local delete or clear began since <paramref name="ticket"/>, a local
    /// set of the stripe was answered since then and the value read is older than the largest version of every local
    /// set of the stripe answered (which includes every local set of the key, all from the key's own shard, so a value
    /// older than one of them is never kept), or a newer value of the key is held.
    /// </summary>
    public void Keep(string key, CachedValue read, Ticket ticket)
    {
        var stripe = StripeOf(key);
        lock (LockOf(stripe))
        {
            if (!Current(stripe, ticket, read.Version) || (_held.TryGet(key, out var held) && held.Version > read.Version))
            {
                return;
            }

            var now = _time.GetUtcNow().UtcTicks;
            _held.AddOrUpdate(key, Hold(read.Value, read.Version, now, read.ExpiresAt.UtcTicks - now, ticket.Clears));
        }
    }

    /// <summary>The shard no longer holds <paramref name="key"/> (a read found it gone): the copy here goes too, unless a local set of the stripe was answered or a delete began since <paramref name="ticket"/>.</summary>
    public void Missing(string key, Ticket ticket)
    {
        var stripe = StripeOf(key);
        lock (LockOf(stripe))
        {
            if (Current(stripe, ticket, version: -1))
            {
                _held.TryRemove(key);
            }
        }
    }

    /// <summary>
    /// A local set of <paramref name="key"/> was stored by its shard at <paramref name="version"/>: holds the value
    /// written, for at most <paramref name="ttl"/> (the entry's) and the near TTL. <paramref name="ticket"/> is the one
    /// taken before the set was sent. Nothing is held if a local delete or clear of the stripe began since, if a set of the
    /// stripe with a larger version was answered first, or if a newer value of the key is held; the copy held then stays
    /// only if it is at least as new as every set of the stripe answered (a later set of the key answered first, or a read
    /// that saw it). Either way reads that began before this set do not keep an older value.
    /// </summary>
    public void Written(string key, byte[] value, TimeSpan ttl, long version, Ticket ticket)
    {
        var stripe = StripeOf(key);
        lock (LockOf(stripe))
        {
            _stored[stripe]++;
            var latest = Math.Max(_written[stripe], version);
            _written[stripe] = latest;
            if (!Unforgotten(stripe, ticket))
            {
                _held.TryRemove(key);
                return;
            }

            var found = _held.TryGet(key, out var before);
            if (latest > version || (found && before.Version > version))
            {
                // A copy at least as new as every set of the stripe answered (so as every set of the key, from the key's
                // own shard) stays: a later set of the key answered first, or a read that saw it. Any other goes.
                if (!found || before.Version < latest)
                {
                    _held.TryRemove(key);
                }

                return;
            }

            _held.AddOrUpdate(key, Hold(value, version, _time.GetUtcNow().UtcTicks, ttl.Ticks, ticket.Clears));
        }
    }

    /// <summary>A local delete of <paramref name="key"/> (call it before the shard is written and again once it answered), or a set that failed.</summary>
    public void Forget(string key)
    {
        var stripe = StripeOf(key);
        lock (LockOf(stripe))
        {
            _forgets[stripe]++;
            _held.TryRemove(key);
        }
    }

    /// <summary>A local clear (of everything or of a prefix): nothing held before it is served again.</summary>
    public void ForgetAll()
    {
        // Copies stamped with an earlier count are misses from now on; the LRU's Clear only frees their memory (a copy
        // being hit meanwhile can survive it).
        Interlocked.Increment(ref _clears);
        _held.Clear();
    }

    /// <summary>
    /// A value held from <paramref name="now"/> for the near TTL, or less if the entry lives only <paramref name="entryTicks"/>
    /// more, until a clear after the <paramref name="clears"/>th. Only a copy that the near TTL ends is refreshed ahead:
    /// reading an entry again does not make it live longer.
    /// </summary>
    private Held Hold(byte[]? value, long version, long now, long entryTicks, int clears)
    {
        var refreshTicks = entryTicks > _ttlTicks ? now + (_ttlTicks * 3 / 4) : long.MaxValue;
        return new Held(Task.FromResult(value), version, now + Math.Min(entryTicks, _ttlTicks), refreshTicks, clears);
    }

    /// <summary>
    /// No local delete or clear began since <paramref name="ticket"/>, and no local set of the stripe was answered since
    /// then unless <paramref name="version"/> (a value read) is at least as new as every set of the stripe answered.
    /// </summary>
    private bool Current(int stripe, Ticket ticket, long version) =>
        Unforgotten(stripe, ticket) && (_stored[stripe] == ticket.Stored || version >= _written[stripe]);

    private bool Unforgotten(int stripe, Ticket ticket) =>
        _forgets[stripe] == ticket.Forgets && Volatile.Read(ref _clears) == ticket.Clears;

    private Lock LockOf(int stripe) => _locks[stripe & (Locks - 1)];

    /// <summary>The stripe of <paramref name="key"/> (its hash's slot).</summary>
    internal int StripeOf(string key) => (key.GetHashCode() & int.MaxValue) & (_written.Length - 1);

    /// <summary>What the near cache knew of a key's stripe before a read or a set was sent.</summary>
    public readonly record struct Ticket(int Stored, int Forgets, int Clears);

    /// <param name="Clears">The count of local clears the copy was read or written after: any later clear ends it.</param>
    private readonly record struct Held(Task<byte[]?> Value, long Version, long UntilTicks, long RefreshTicks, int Clears);
}
