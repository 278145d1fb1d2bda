using OrleansBots.Events;

namespace OrleansBots.Bots;

/// <summary>
/// The bot's event log, in the bot's own activation: readers reach it as <see cref="IBotEventLogGrain"/> with the bot's
/// id, which is this grain. It numbers what the bot does (<see cref="EventHistory"/>), keeps a bounded recent history
/// for readers that resume, and publishes each event on the bot's stream while a reader watches
/// (<see cref="EventOptions.WatchLease"/> after the last <see cref="Watch"/>). It was a grain of its own: a second
/// activation per bot (about 2.5 KB) and a grain call per flush. The history lives in memory only: what a crash loses,
/// a resuming reader is told it missed. Numbers are reserved in storage a block ahead, so they never repeat; a
/// handover takes the kept events and the readers' watch along.
/// </summary>
public sealed partial class BotGrain : IBotEventLogGrain
{
    private const string EventsKeptKey = "events.kept";
    private const string EventsLatestKey = "events.latest";
    private const string WatchedUntilKey = "events.watched-until";

    /// <summary>Numbers saved ahead at once; a crash skips at most this many.</summary>
    private const long ReservationBlock = 1000;

    private EventHistory? _eventHistory;

    // The numbers reserved in storage, as this activation last read or wrote them on its own thread: an append within
    // them needs no storage, so a trade made off the bot's turns can number its events (0: none known yet).
    private long _eventNumbersReserved;
    private DateTimeOffset _watchedUntil = DateTimeOffset.MinValue;

    // Set when this activation arrived by migration: the events the moving activation kept, and its newest number.
    private (List<BotEvent> Events, long Latest)? _arrivedEvents;

    // Built on first use: a bot activated only to be read keeps no history.
    private EventHistory EventLog => _eventHistory ??= _arrivedEvents is { } arrived
        ? EventHistory.Continuing(BotId, eventOptions.Value.HistoryPerBot, arrived.Latest, arrived.Events, keptEvents)
        : new EventHistory(BotId, eventOptions.Value.HistoryPerBot, eventNumbers.State.Reserved, keptEvents);

    public Task<BotEventPage> Watch(long afterSequence)
    {
        var lease = eventOptions.Value.WatchLease;
        _watchedUntil = time.GetUtcNow() + lease;
        return Task.FromResult(EventLog.Since(afterSequence) with { WatchedFor = lease });
    }

    /// <summary>
    /// Whether <paramref name="count"/> events can be appended with nothing to await: the log exists, their numbers are
    /// reserved already, and no reader watches (nothing to publish). Safe off the activation's thread.
    /// </summary>
    private bool CanAppendEventsAtOnce(int count) =>
        _eventHistory is { } log && log.Latest + count <= _eventNumbersReserved && time.GetUtcNow() >= _watchedUntil;

    /// <summary>Numbers, keeps and (while a reader watches) publishes the events of one call of the bot, in order.</summary>
    /// <remarks>Reads <paramref name="events"/> before it returns (the outbox reuses the list): a copy waits for storage.</remarks>
    private Task AppendEventsAsync(IReadOnlyList<BotEventDraft> events)
    {
        if (!CanAppendEventsAtOnce(events.Count))
        {
            return ReserveAndAppendEventsAsync([.. events]);
        }

        for (var i = 0; i < events.Count; i++)
        {
            _eventHistory!.Append(events[i]);
        }

        return Task.CompletedTask;
    }

    private async Task ReserveAndAppendEventsAsync(List<BotEventDraft> events)
    {
        var log = EventLog;
        var reserved = eventNumbers.State.Reserved;
        if (log.Latest + events.Count > reserved)
        {
            eventNumbers.State.Reserved = log.Latest + events.Count + ReservationBlock;
            try
            {
                await eventNumbers.WriteStateAsync();
            }
            catch
            {
                // Not reserved: the next append tries again rather than give out numbers a crash could repeat.
                eventNumbers.State.Reserved = reserved;
                throw;
            }
        }

        _eventNumbersReserved = eventNumbers.State.Reserved;
        var stream = time.GetUtcNow() < _watchedUntil ? streams.OfBot(BotId) : null;
        foreach (var draft in events)
        {
            var sequence = log.Append(draft);
            if (stream is not null)
            {
                await stream.OnNextAsync(draft.Numbered(BotId, sequence));
            }
        }
    }

    /// <summary>
    /// The log's events stop counting against the silo's budget, and (when <paramref name="write"/>) the next activation
    /// goes on right after its last number; otherwise after the numbers reserved ahead, as after a crash.
    /// </summary>
    private async Task CloseEventLogAsync(bool write, CancellationToken cancellationToken)
    {
        if (_eventHistory is not { } log)
        {
            return;
        }

        log.Close();
        _eventNumbersReserved = 0;
        if (write && eventNumbers.State.Reserved != log.Latest && !_stale)
        {
            eventNumbers.State.Reserved = log.Latest;
            try
            {
                await eventNumbers.WriteStateAsync(cancellationToken);
            }
            catch (Exception error)
            {
                // The reservation saved earlier still holds: the next activation starts after it.
                logger.LogDebug(error, "Bot {BotId} could not save its last event number", BotId);
            }
        }
    }

    private void DehydrateEventLog(IDehydrationContext dehydrationContext)
    {
        if (_eventHistory is { } log)
        {
            dehydrationContext.TryAddValue(EventsKeptKey, log.Kept.ToList());
            dehydrationContext.TryAddValue(EventsLatestKey, log.Latest);
        }

        dehydrationContext.TryAddValue(WatchedUntilKey, _watchedUntil);
    }

    private void RehydrateEventLog(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(EventsKeptKey, out List<BotEvent>? events) && events is not null
            && rehydrationContext.TryGetValue(EventsLatestKey, out long latest))
        {
            _arrivedEvents = (events, latest);
        }

        if (rehydrationContext.TryGetValue(WatchedUntilKey, out DateTimeOffset watchedUntil))
        {
            _watchedUntil = watchedUntil;
        }
    }
}
