using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Cache;

/// <summary>
/// The cache's instruments on the platform meter: <c>cache_hits</c> and <c>cache_misses</c> counted where the
/// shards live, and the <c>cache_hit_rate</c> gauge of this silo since it started. One per silo.
/// </summary>
public sealed class CacheInstruments
{
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private long _hitCount;
    private long _missCount;

    public CacheInstruments(Measurements measurements)
    {
        var meter = measurements.Meter;
        _hits = meter.CreateCounter<long>(MetricNames.CacheHits, null, "Cache lookups that found a value, on the silos hosting the shards");
        _misses = meter.CreateCounter<long>(MetricNames.CacheMisses, null, "Cache lookups that found nothing, on the silos hosting the shards");
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

    private IEnumerable<Measurement<double>> ObserveHitRate()
    {
        var hits = Volatile.Read(ref _hitCount);
        var lookups = hits + Volatile.Read(ref _missCount);
        return lookups == 0 ? [] : [new Measurement<double>((double)hits / lookups)];
    }
}
