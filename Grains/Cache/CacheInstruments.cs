using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Cache;

/// <summary>
/// The cache's instruments on the platform meter: <c>cache_hits</c> and <c>cache_misses</c> counted where the
/// shards live, the <c>cache_hit_rate</c> gauge of this silo since it started, and <c>cache_relayed_sets</c> and
/// <c>cache_relay_batches</c> counted by the silo that relays other silos' sets to its shards (their ratio is how many
/// sets one message carried). One per silo.
/// </summary>
public sealed class CacheInstruments
{
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _relayedSets;
    private readonly Counter<long> _relayBatches;
    private long _hitCount;
    private long _missCount;
    private long _relayedSetCount;
    private long _relayBatchCount;

    public CacheInstruments(Measurements measurements)
    {
        var meter = measurements.Meter;
        _hits = meter.CreateCounter<long>(MetricNames.CacheHits, null, "Cache lookups that found a value, on the silos hosting the shards");
        _misses = meter.CreateCounter<long>(MetricNames.CacheMisses, null, "Cache lookups that found nothing, on the silos hosting the shards");
        _relayedSets = meter.CreateCounter<long>(MetricNames.CacheRelayedSets, null, "Sets other silos sent to this silo's shards in batches, through its relay");
        _relayBatches = meter.CreateCounter<long>(MetricNames.CacheRelayBatches, null, "Batches of sets other silos sent to this silo's relay");
        meter.CreateObservableGauge(MetricNames.CacheHitRate, ObserveHitRate, null, "Share of this silo's cache lookups that hit, since the silo started (0..1)");
    }

    /// <summary>One lookup of the distributed cache on this silo.</summary>
    public void Lookup(bool hit)
    {
        if (hit)
        {
            Interlocked.Increment(ref _hitCount);
            _hits.Add(1);
        }
        else
        {
            Interlocked.Increment(ref _missCount);
            _misses.Add(1);
        }
    }

    /// <summary>Sets relayed to this silo's shards since it started.</summary>
    public long RelayedSets => Volatile.Read(ref _relayedSetCount);

    /// <summary>Batches relayed to this silo since it started.</summary>
    public long RelayBatches => Volatile.Read(ref _relayBatchCount);

    /// <summary>One batch of <paramref name="sets"/> sets that another silo relayed to this one.</summary>
    public void Relayed(int sets)
    {
        Interlocked.Increment(ref _relayBatchCount);
        Interlocked.Add(ref _relayedSetCount, sets);
        _relayBatches.Add(1);
        _relayedSets.Add(sets);
    }

    private IEnumerable<Measurement<double>> ObserveHitRate()
    {
        var hits = Volatile.Read(ref _hitCount);
        var lookups = hits + Volatile.Read(ref _missCount);
        return lookups == 0 ? [] : [new Measurement<double>((double)hits / lookups)];
    }
}
