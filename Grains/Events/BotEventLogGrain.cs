using Orleans.Placement;
using OrleansBots.Bots;
using OrleansBots.Storage;

namespace OrleansBots.Events;

/// <summary>
/// A bot's event log, thin over <see cref="EventHistory"/>: numbers and keeps the bot's events, and publishes them
/// while a reader watches (<see cref="EventOptions.WatchLease"/> after the last <see cref="Watch"/>). Placed on the
/// silo of its first caller (the bot), so appending is a local call. The history lives in memory only: what a crash
/// loses, a resuming reader is told it missed. A silo that stops hands it over with its bots
/// (<see cref="TickTargetsHere"/>), so that no tick waits for it to go away with that silo; its kept events and its
/// readers' watch travel along, so a resuming reader misses nothing and a watching one keeps getting events live.
/// </summary>
[PreferLocalPlacement]
public sealed class BotEventLogGrain(
    [PersistentState(StateNames.BotEvents, StateNames.Store)] IPersistentState<BotEventLogState> state,
    IOptions<EventOptions> options,
    EventStreams streams,
    KeptEventsBudget budget,
    TickTargetsHere tickTargets,
    TimeProvider time,
    ILogger<BotEventLogGrain> logger) : Grain, IBotEventLogGrain, IGrainMigrationParticipant
{
    private const string KeptKey = "events.kept";
    private const string LatestKey = "events.latest";
    private const string WatchedUntilKey = "events.watched-until";

    /// <summary>Numbers saved ahead at once; a crash skips at most this many.</summary>
    private const long ReservationBlock = 1000;

    private EventHistory _history = null!;
    private DateTimeOffset _watchedUntil = DateTimeOffset.MinValue;

    // Set when this activation arrived by migration: the events the moving activation kept, and its newest number.
    private (List<BotEvent> Events, long Latest)? _arrived;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        tickTargets.Add(GrainContext);
        _history = _arrived is { } arrived
            ? EventHistory.Continuing(options.Value.HistoryPerBot, arrived.Latest, arrived.Events, budget)
            : new EventHistory(options.Value.HistoryPerBot, state.State.Reserved, budget);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        tickTargets.Remove(GrainContext);
        _history.Close();

        // The next activation continues right after the last number given out, without a skipped block.
        if (state.State.Reserved != _history.Latest)
        {
            state.State.Reserved = _history.Latest;
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception error)
            {
                // The reservation saved earlier still holds: the next activation starts after it.
                logger.LogDebug(error, "Event log of bot {BotId} could not save its last number", this.GetPrimaryKeyString());
            }
        }
    }

    public async Task Append(IReadOnlyList<BotEvent> events)
    {
        if (_history.Latest + events.Count > state.State.Reserved)
        {
            state.State.Reserved = _history.Latest + events.Count + ReservationBlock;
            await state.WriteStateAsync();
        }

        var stream = time.GetUtcNow() < _watchedUntil ? streams.OfBot(this.GetPrimaryKeyString()) : null;
        foreach (var draft in events)
        {
            var numbered = _history.Append(draft);
            if (stream is not null)
            {
                await stream.OnNextAsync(numbered);
            }
        }
    }

    public Task<BotEventPage> Watch(long afterSequence)
    {
        var lease = options.Value.WatchLease;
        _watchedUntil = time.GetUtcNow() + lease;
        return Task.FromResult(_history.Since(afterSequence) with { WatchedFor = lease });
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        dehydrationContext.TryAddValue(KeptKey, _history.Kept.ToList());
        dehydrationContext.TryAddValue(LatestKey, _history.Latest);
        dehydrationContext.TryAddValue(WatchedUntilKey, _watchedUntil);
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(KeptKey, out List<BotEvent>? events) && events is not null
            && rehydrationContext.TryGetValue(LatestKey, out long latest))
        {
            _arrived = (events, latest);
        }

        if (rehydrationContext.TryGetValue(WatchedUntilKey, out DateTimeOffset watchedUntil))
        {
            _watchedUntil = watchedUntil;
        }
    }
}
