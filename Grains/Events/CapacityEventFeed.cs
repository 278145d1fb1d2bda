using OrleansBots.Capacity;

namespace OrleansBots.Events;

/// <summary>
/// Publishes the capacity grain's changes on the platform stream at most once per <see cref="EventOptions.CapacityInterval"/>:
/// a change within the interval is held and the latest one goes out when it ends, so a burst of starts costs one event
/// and the last state is never lost. Unchanged snapshots (a renewed lease) are not published. Runs on the grain's
/// scheduler (the capacity grain is reentrant, so the delayed publish interleaves with its calls).
/// </summary>
public sealed class CapacityEventFeed(EventStreams streams, TimeSpan interval, TimeProvider time, ILogger logger)
{
    private CapacitySnapshot? _published;
    private CapacitySnapshot? _held;
    private DateTimeOffset _publishedAt = DateTimeOffset.MinValue;

    public void Changed(CapacitySnapshot capacity)
    {
        if (_held is not null)
        {
            _held = capacity;
            return;
        }

        if (capacity == _published)
        {
            return;
        }

        var wait = _publishedAt + interval - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            _ = PublishAsync(capacity);
        }
        else
        {
            _held = capacity;
            _ = PublishHeldAsync(wait);
        }
    }

    private async Task PublishHeldAsync(TimeSpan wait)
    {
        await Task.Delay(wait, time);
        var held = _held!;
        _held = null;
        if (held != _published)
        {
            await PublishAsync(held);
        }
    }

    private async Task PublishAsync(CapacitySnapshot capacity)
    {
        _published = capacity;
        _publishedAt = time.GetUtcNow();
        if (streams.OfPlatform() is not { } stream)
        {
            return;
        }

        try
        {
            await stream.OnNextAsync(new PlatformEvent(_publishedAt, Capacity: capacity));
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "A capacity event was not published");
        }
    }
}
