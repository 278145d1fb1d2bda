using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Capacity;

/// <summary>
/// The capacity gauges <c>bots_running</c> and <c>capacity_percent</c>, fed by the capacity grain on its own silo
/// every sweep. Thread-safe; one per silo.
/// </summary>
public sealed class CapacityInstruments
{
    // The gauges are reported only while the capacity grain told this silo its figures recently, i.e. only by
    // the silo that hosts the grain: summing silos never counts the platform twice.
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private Figures? _figures;

    public CapacityInstruments(Measurements measurements, TimeProvider time)
    {
        _time = time;
        measurements.Meter.CreateObservableGauge(MetricNames.BotsRunning, () => Observe(f => f.BotsRunning), null, "Running bots on the platform (reported by the silo hosting the capacity grain)");
        measurements.Meter.CreateObservableGauge(MetricNames.CapacityPercent, () => Observe(f => f.Percent), "%", "Used share of MAX_CONCURRENT_BOTS (reported by the silo hosting the capacity grain)");
    }

    /// <summary>The capacity grain's current figures.</summary>
    public void Observed(int botsRunning, double percent) =>
        Volatile.Write(ref _figures, new Figures(botsRunning, percent, _time.GetUtcNow()));

    /// <summary>The capacity grain left this silo: the gauges stop at once.</summary>
    public void Gone() => Volatile.Write(ref _figures, null);

    private IEnumerable<Measurement<double>> Observe(Func<Figures, double> figure)
    {
        var figures = Volatile.Read(ref _figures);
        return figures is null || _time.GetUtcNow() - figures.At > Freshness
            ? []
            : [new Measurement<double>(figure(figures))];
    }

    private sealed record Figures(int BotsRunning, double Percent, DateTimeOffset At);
}
