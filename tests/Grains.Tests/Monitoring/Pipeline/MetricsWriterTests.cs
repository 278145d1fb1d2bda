using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Monitoring.Pipeline;

public sealed class MetricsWriterTests : IDisposable
{
    private readonly string _spoolFolder = Directory.CreateTempSubdirectory("orleansbots-spool-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SwitchableStore _store = new();

    public void Dispose() => Directory.Delete(_spoolFolder, recursive: true);

    [Fact]
    public async Task WritesBufferedRowsInBatches()
    {
        var writer = Writer(new MetricsOptions { WriteBatchSize = 10 });
        writer.Add(Aggregates.Batch(_time.GetUtcNow(), "a", 25));

        await writer.FlushAsync(CancellationToken.None);

        Assert.Equal(25, _store.Aggregates.Count);
        Assert.Equal(3, _store.Writes);
        Assert.Equal(0, writer.Pending);
    }

    [Fact]
    public async Task KeepsRowsThroughAnOutageAndWritesThemWhenTheStoreIsBack()
    {
        var writer = Writer(new MetricsOptions());
        _store.Down = true;
        writer.Add(Aggregates.Batch(_time.GetUtcNow(), "a", 5));
        writer.Add(new AlertRecord(_time.GetUtcNow(), "a", "cpu", "a", AlertSeverity.Critical, 99, 90, "CPU"));
        await writer.FlushAsync(CancellationToken.None);
        var pendingDuringOutage = writer.Pending;

        _store.Down = false;
        _time.Advance(TimeSpan.FromMinutes(1));
        await writer.FlushAsync(CancellationToken.None);

        Assert.Equal(6, pendingDuringOutage);
        Assert.Equal(5, _store.Aggregates.Count);
        Assert.Single(_store.Alerts);
        Assert.Equal(0, writer.Pending);
    }

    [Fact]
    public async Task BeyondTheMemoryBoundRowsGoToDiskAndAreReplayedWhenTheStoreIsBack()
    {
        var writer = Writer(new MetricsOptions { MaxBufferedRows = 10, WriteBatchSize = 5 });
        _store.Down = true;
        for (var i = 0; i < 6; i++)
        {
            writer.Add(Aggregates.Batch(_time.GetUtcNow().AddSeconds(i), "a", 5));
        }

        var filesDuringOutage = Directory.GetFiles(_spoolFolder, "*.ndjson").Length;
        Assert.True(writer.Pending <= 10);

        _store.Down = false;
        _time.Advance(TimeSpan.FromMinutes(1));
        await writer.FlushAsync(CancellationToken.None);

        Assert.True(filesDuringOutage > 0);
        Assert.Equal(30, _store.Aggregates.Count);
        Assert.Empty(Directory.GetFiles(_spoolFolder, "*.ndjson"));
    }

    [Fact]
    public async Task DrainingWithTheStoreDownSpillsEverythingAndTheNextWriterReplaysIt()
    {
        var writer = Writer(new MetricsOptions());
        _store.Down = true;
        writer.Add(Aggregates.Batch(_time.GetUtcNow(), "a", 7));

        await writer.DrainAsync(TimeSpan.FromSeconds(1));
        _store.Down = false;
        await Writer(new MetricsOptions()).FlushAsync(CancellationToken.None);

        Assert.Equal(0, writer.Pending);
        Assert.Equal(7, _store.Aggregates.Count);
    }

    [Fact]
    public void WhenTheDiskBoundIsHitRowsAreDroppedAndCountedInMetricsDropped()
    {
        var spool = Spool(new MetricsOptions { MaxSpoolBytes = 2_000 });
        long measured = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith("OrleansBots", StringComparison.Ordinal) && instrument.Name == "metrics_dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measured, value));
        listener.Start();

        var dropped = spool.Spill(Aggregates.Batch(_time.GetUtcNow(), "a", 100).Aggregates, []);

        Assert.InRange(dropped, 80, 99);
        Assert.Equal(dropped, spool.Dropped);
        Assert.Equal(dropped, Interlocked.Read(ref measured));
    }

    private MetricsWriter Writer(MetricsOptions options)
    {
        options.SpoolDirectory = _spoolFolder;
        return new MetricsWriter(_store, Spool(options), options, _time, NullLogger.Instance, attemptTimeout: TimeSpan.FromSeconds(1));
    }

    private MetricSpool Spool(MetricsOptions options)
    {
        options.SpoolDirectory = _spoolFolder;
        return new MetricSpool(Options.Create(options), TestMeasurements.Instruments(), NullLogger<MetricSpool>.Instance);
    }
}
