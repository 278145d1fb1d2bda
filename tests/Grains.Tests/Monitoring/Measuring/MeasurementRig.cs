using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Measuring;

/// <summary>Measurements and an aggregator on a container of their own and a hand-moved clock.</summary>
public sealed class MeasurementRig : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public MeasurementRig()
    {
        _services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<Measurements>()
            .AddSingleton<MetricAggregator>()
            .BuildServiceProvider();
        Aggregator = _services.GetRequiredService<MetricAggregator>();
        Measurements = _services.GetRequiredService<Measurements>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public Measurements Measurements { get; }

    public MetricAggregator Aggregator { get; }

    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public MetricBatch Collect() => Aggregator.Collect(Time.GetUtcNow());

    public void Dispose() => _services.Dispose();
}

public static class MetricBatchExtensions
{
    /// <summary>The aggregate of one series, or null when the batch has none.</summary>
    public static MetricAggregate? Find(this MetricBatch batch, string name, string labels = "{}") =>
        batch.Aggregates.SingleOrDefault(a => a.Name == name && a.Labels == labels);
}
