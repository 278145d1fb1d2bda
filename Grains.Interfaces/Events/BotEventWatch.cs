namespace OrleansBots.Events;

/// <summary>
/// Keeps a bot's event log publishing for one reader: the log publishes on the bot's stream only for
/// <see cref="BotEventPage.WatchedFor"/> after a reader's <see cref="IBotEventLogGrain.Watch"/>, so a reader that stays
/// asks again every third of that. Each renewal reads the kept events after the reader's last one and joins them with
/// the live ones like the first read (<see cref="BotEventSequencer.Hold"/>): events the log kept but did not publish
/// (a renewal that failed, a log that came back after its silo died) still reach the reader, in order and once.
/// </summary>
public static class BotEventWatch
{
    /// <summary>Renews until <paramref name="cancellationToken"/> ends the reader; a failed renewal is tried again at the next one.</summary>
    public static async Task KeepAsync(IBotEventLogGrain log, BotEventSequencer sequencer, BotEventPage first, CancellationToken cancellationToken)
    {
        var watchedFor = first.WatchedFor;
        while (watchedFor > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(watchedFor / 3, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var last = sequencer.Hold();
            var page = new BotEventPage([], true, last, watchedFor);
            try
            {
                page = await log.Watch(last).WaitAsync(cancellationToken);
            }
            catch (Exception error) when (error is OrleansException or TimeoutException or OperationCanceledException)
            {
                // Unreachable for now (or the reader left): the next renewal reads what this one missed.
            }

            sequencer.Replay(page, last);
            watchedFor = page.WatchedFor;
        }
    }
}
