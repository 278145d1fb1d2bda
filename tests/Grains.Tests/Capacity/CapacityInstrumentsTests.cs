using OrleansBots.Capacity;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Capacity;

public sealed class CapacityInstrumentsTests : IDisposable
{
    private readonly MeasurementRig _rig = new();

    [Fact]
    public void TheGaugesAreReportedOnlyWhileTheCapacityGrainKeepsThemFresh()
    {
        var instruments = new CapacityInstruments(_rig.Measurements, _rig.Time);

        instruments.Observed(150, 75.0);
        var fresh = _rig.Collect();
        _rig.Time.Advance(CapacityInstruments.Freshness + TimeSpan.FromSeconds(1));
        var stale = _rig.Collect();
        instruments.Observed(151, 75.5);
        instruments.Gone();
        var gone = _rig.Collect();

        Assert.Equal((MetricKind.Gauge, 150.0), (fresh.Find(MetricNames.BotsRunning)!.Kind, fresh.Find(MetricNames.BotsRunning)!.Value));
        Assert.Equal(75.0, fresh.Find(MetricNames.CapacityPercent)!.Value);
        Assert.Null(stale.Find(MetricNames.BotsRunning));
        Assert.Null(gone.Find(MetricNames.CapacityPercent));
    }

    public void Dispose() => _rig.Dispose();
}
