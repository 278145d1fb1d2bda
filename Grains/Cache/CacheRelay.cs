using System.Collections.Concurrent;

namespace OrleansBots.Cache;

/// <summary>
/// Where this silo's sets go: a shard on this silo is called directly, a shard on another silo through that silo's
/// <see cref="RelayQueue"/> and <see cref="ICacheRelayService"/>. Where each shard lives is learned from its answers
/// (<see cref="CacheWriteReceipt.Silo"/>): the first set of a shard goes to it directly and says so. A shard that moved
/// still gets its sets (the relay calls it wherever it is) and its next answer moves it here too; when a relay cannot be
/// reached, its silo's shards are located again by their next set. Thread-safe; one per silo.
/// </summary>
public sealed class CacheRelay(CacheRelayClient relays, ILocalSiloDetails silo, IOptions<CacheOptions> options)
{
    private readonly CacheRelayClient _relays = relays;
    private readonly SiloAddress _here = silo.SiloAddress;
    private readonly SiloAddress?[] _locations = new SiloAddress?[options.Value.Shards];
    private readonly ConcurrentDictionary<SiloAddress, RelayQueue> _queues = new();

    /// <summary>Sets <paramref name="key"/> in <paramref name="reference"/>, shard number <paramref name="shard"/>; answers the version it was stored at (0 when refused).</summary>
    public Task<long> WriteAsync(int shard, ICacheShardGrain reference, string key, byte[] value, TimeSpan? ttl)
    {
        var location = Volatile.Read(ref _locations[shard]);
        if (location is null)
        {
            return LocateAsync(shard, reference, key, value, ttl);
        }

        return location.Equals(_here) ? reference.Write(key, value, ttl) : QueueFor(location).Add(shard, key, value, ttl);
    }

    /// <summary>How many shards' silos are known.</summary>
    public int LocatedShards => _locations.Count(location => location is not null);

    private async Task<long> LocateAsync(int shard, ICacheShardGrain reference, string key, byte[] value, TimeSpan? ttl)
    {
        var receipt = await reference.WriteMany(new CacheWrites([key], [value], [ttl]));
        Volatile.Write(ref _locations[shard], receipt.Silo);
        return receipt.Versions[0];
    }

    private RelayQueue QueueFor(SiloAddress location) =>
        _queues.GetOrAdd(location, static (at, relay) => new RelayQueue(
            (shards, writes) => relay._relays.On(at).Write(shards, writes),
            (shard, answeredFrom) => Volatile.Write(ref relay._locations[shard], answeredFrom),
            _ => relay.Forget(at)),
            this);

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
    }
}
