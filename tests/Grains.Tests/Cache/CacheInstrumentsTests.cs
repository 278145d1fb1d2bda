using OrleansBots.Cache;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Cache;

public sealed class CacheInstrumentsTests : IDisposable
{
    private readonly MeasurementRig _rig = new();

    [Fact]
    public void CacheLookupsCountHitsAndMissesAndTheHitRate()
    {
        var instruments = new CacheInstruments(_rig.Measurements);
        var none = _rig.Collect();
        instruments.Lookup(hit: true);
        instruments.Lookup(hit: true);
        instruments.Lookup(hit: true);
        instruments.Lookup(hit: false);

        var batch = _rig.Collect();

        Assert.Null(none.Find(MetricNames.CacheHitRate));
        Assert.Equal(3.0, batch.Find(MetricNames.CacheHits)!.Value);
        Assert.Equal(1.0, batch.Find(MetricNames.CacheMisses)!.Value);
        Assert.Equal(0.75, batch.Find(MetricNames.CacheHitRate)!.Value);
    }

    [Fact]
    public void RelayedBatchesCountTheirSetsAndThemselves()
    {
        var instruments = new CacheInstruments(_rig.Measurements);
        instruments.Relayed(sets: 40);
        instruments.Relayed(sets: 2);

        var batch = _rig.Collect();

        Assert.Equal(42.0, batch.Find(MetricNames.CacheRelayedSets)!.Value);
        Assert.Equal(2.0, batch.Find(MetricNames.CacheRelayBatches)!.Value);
        Assert.Equal(42, instruments.RelayedSets);
        Assert.Equal(2, instruments.RelayBatches);
    }

    public void Dispose() => _rig.Dispose();
}
