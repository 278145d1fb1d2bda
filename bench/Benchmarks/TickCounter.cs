using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Counts the bot ticks that were done (each records one <c>operation_count</c> with <c>operation=bot_tick</c>), as
/// they happen, by listening to the platform's meters in this process, so a benchmark divides by the ticks done, not
/// by the ticks that were due.
/// </summary>
public sealed class TickCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _ticks;

    public TickCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == MetricNames.OperationCount && instrument.Meter.Name.StartsWith(MetricNames.MeterPrefix, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation" && Equals(tag.Value, MetricNames.Operations.BotTick))
                {
                    Interlocked.Add(ref _ticks, value);
                    return;
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Ticks done since this counter started.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    public void Dispose() => _listener.Dispose();
}
