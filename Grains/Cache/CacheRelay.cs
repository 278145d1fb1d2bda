using System.Collections.Concurrent;
using Orleans.Configuration;

namespace OrleansBots.Cache;

/// <summary>
/// Where this silo's sets go: a shard on this silo is called directly, a shard on another silo through that silo's
/// <see cref="RelayQueue"/> and <see cref="ICacheRelayService"/>. Where each shard lives is learned from its answers
/// (<see cref="CacheWriteReceipt.Silo"/>): the first set of a shard goes to it directly and says so. A shard that moved
/// still gets its sets (the relay calls it wherever it is) and its next answer moves it here too; when a relay cannot be
/// reached or the cluster holds its silo for dead, that silo's shards are located again by their next set. Each batch
/// carries a deadline, half the system response timeout away, after which neither the relay nor a shard stores any of
/// it: a set its caller was told failed (the sender gives up after the whole timeout) never lands later. Thread-safe;
/// one per silo.
/// </summary>
public sealed class CacheRelay(
    IGrainFactory grains,
    CacheRelayClient relays,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    IOptions<CacheOptions> options,
    IOptions<SiloMessagingOptions> messaging,
    TimeProvider time)
{
    private readonly IClusterMembershipService _membership = membership;
    private readonly CacheRelayClient _relays = relays;
    private readonly TimeProvider _time = time;
    private readonly SiloAddress _here = silo.SiloAddress;
    private readonly ICacheShardGrain[] _shards = ShardedCache.ReferencesTo(grains, options.Value.Shards);
    private readonly SiloAddress?[] _locations = new SiloAddress?[options.Value.Shards];
    private readonly ConcurrentDictionary<SiloAddress, RelayQueue> _queues = new();
    private readonly TimeSpan _deadline = messaging.Value.SystemResponseTimeout / 2;

    /// <summary>Sets <paramref name="key"/> in shard <paramref name="shard"/>; answers the version it was stored at (0 when refused).</summary>
    public Task<long> WriteAsync(int shard, string key, byte[] value, TimeSpan? ttl)
    {
        var location = Volatile.Read(ref _locations[shard]);
        if (location is null)
        {
            return LocateAsync(shard, key, value, ttl);
        }

        return location.Equals(_here) ? _shards[shard].Write(key, value, ttl) : QueueFor(location).Add(shard, key, value, ttl);
    }

    /// <summary>Whether <paramref name="shard"/> answered from this silo last (its sets are direct calls here).</summary>
    public bool IsHere(int shard) => _here.Equals(Volatile.Read(ref _locations[shard]));

    /// <summary>How many shards' silos are known.</summary>
    public int LocatedShards => _locations.Count(location => location is not null);

    private async Task<long> LocateAsync(int shard, string key, byte[] value, TimeSpan? ttl)
    {
        var receipt = await _shards[shard].WriteMany(new CacheWrites([key], [value], [ttl]), DateTime.MaxValue);
        Volatile.Write(ref _locations[shard], receipt.Silo);
        return receipt.Versions[0];
    }

    private RelayQueue QueueFor(SiloAddress location) =>
        _queues.GetOrAdd(location, static (at, relay) => new RelayQueue(new Route(relay, at)), this);

    /// <summary>The relay on <paramref name="location"/> could not be reached: its shards are located again by their next set.</summary>
    private void Forget(SiloAddress location)
    {
        for (var shard = 0; shard < _locations.Length; shard++)
        {
            if (location.Equals(Volatile.Read(ref _locations[shard])))
            {
                Volatile.Write(ref _locations[shard], null);
            }
        }

        _queues.TryRemove(location, out _);
    }

    private sealed class Route(CacheRelay relay, SiloAddress at) : IRelayRoute
    {
        public bool Gone => relay._membership.CurrentSnapshot.GetSiloStatus(at) == SiloStatus.Dead;

        public Task<CacheRelayOutcome[]> SendAsync(int[] shards, CacheWrites[] writes) =>
            relay._relays.On(at).Write(shards, writes, relay._time.GetUtcNow().UtcDateTime + relay._deadline);

        public Task<CacheWriteReceipt> WriteDirectAsync(int shard, CacheWrites writes) => relay._shards[shard].WriteMany(writes, DateTime.MaxValue);

        public void Located(int shard, SiloAddress silo) => Volatile.Write(ref relay._locations[shard], silo);

        public void Unreachable() => relay.Forget(at);
    }
}
