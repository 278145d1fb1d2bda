using Microsoft.Extensions.Hosting;
using OrleansBots.Bots;
using OrleansBots.Events;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Storage;

namespace OrleansBots.Capacity;

/// <summary>
/// Exact admission of running bots, thin over <see cref="LeaseTable"/>, <see cref="CapacitySweeper"/> and
/// <see cref="CapacityAlerts"/>. The lease table lives in memory, so admission costs no database round trip;
/// every change is made durable by a shared batched write (<see cref="GroupCommit"/>) before it is acknowledged,
/// so after a crash the store holds at least every lease a bot was told it has. A write holds only the leases
/// granted and freed since the previous one (<see cref="ILeaseStore"/>); the grain's own state (limits, users' own
/// limits, alerts) is written only when it changed. Reentrant so that callers can share one write; every
/// check-and-change is a synchronous section.
/// </summary>
[Reentrant]
public sealed partial class CapacityGrain(
    [PersistentState(StateNames.Capacity, StateNames.Store)] IPersistentState<CapacityState> state,
    ILeaseStore leaseStore,
    IOptions<CapacityOptions> options,
    IOptions<AlertOptions> alertOptions,
    AlertDispatcher alertDispatcher,
    TimeProvider time,
    CapacityInstruments instruments,
    EventStreams events,
    IOptions<EventOptions> eventOptions,
    ILocalSiloDetails silo,
    IHostApplicationLifetime host,
    ILogger<CapacityGrain> logger) : Grain, ICapacityGrain
{
    // Expiries in one sweep named one line each; more make one summary line.
    private const int ExpiriesNamed = 10;

    private readonly CapacityOptions _options = options.Value;
    private readonly LeaseTable _leases = new(options.Value.LeaseDuration);
    private readonly CapacitySweeper _sweeper = new(options.Value.RenewInterval);

    // A call may activate its bot, which reads and writes the database. After a restart with 5,000 leases every bot was
    // called at once: their activations waited 15 s for one of the pool's connections and failed, their calls timed
    // out, and the leases expired (24-49 bots back per second). A bounded number in flight keeps the pool flowing.
    private readonly SemaphoreSlim _botCalls = new(options.Value.BotCallsInFlight);
    private readonly UserBotLimits _userLimits = new();
    private readonly CapacityAlerts _alerts = new(
        alertOptions.Value.CapacityCriticalPercent, alertOptions.Value.CapacityFullPercent, alertOptions.Value.CooldownPeriod, time, silo.Name, logger);

    private readonly CapacityEventFeed _feed = new(events, eventOptions.Value.CapacityInterval, time, logger);

    private GroupCommit? _commit;

    // A background save failed: the snapshot lags memory until a later save succeeds.
    private bool _snapshotBehind;
    private long _zombieLeasesFreed;
    private PlatformLimits _limits = PlatformLimits.Defaults;
    private DateTimeOffset _activatedAt;

    // What the stored state held at its last write: it is written again only when this changes.
    private HeadContent? _headWritten;

    private GroupCommit Commit => _commit ??= new GroupCommit(WriteChangesAsync);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _activatedAt = now;
        var saved = state.State;
        _limits = saved.LimitsUnder(_options.ConfiguredLimits);
        if (saved.Limits is not null && saved.Limits != _limits)
        {
            logger.LogInformation("Configuration changed since the last start; limits from configuration win: {Limits}", _limits);
        }

        foreach (var lease in await leaseStore.LoadAsync(this.GetPrimaryKeyString()))
        {
            _leases.Restore(lease.BotId, lease.UserId, now);
        }

        // A state stored before the lease store kept every lease in itself: they move into the store on the first
        // write, and the state is written again without them.
        foreach (var lease in saved.Leases)
        {
            _leases.Restore(lease.BotId, lease.UserId, now);
            _leases.Changed(lease.BotId);
        }

        _userLimits.Restore(saved.UserBotLimits);
        _alerts.Restore(saved, _limits.AlertThreshold);
        _zombieLeasesFreed = saved.ZombieLeasesFreed;
        _headWritten = saved.Leases.Count > 0 ? null : Head();
        logger.LogInformation(
            "Capacity grain active on {Silo}: {Count}/{Max} leases restored, per-user limit {PerUser}",
            RuntimeIdentity, _leases.Count, _limits.MaxConcurrentBots, _limits.MaxBotsPerUser);

        // Restored leases are pinged at the first sweep: their bots come back (after a restart of the
        // platform) or, if they do not run any more, give their slot back.
        _sweeper.PingAllRestored();
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = _sweeper.SweepEvery,
            KeepAlive = true,
            Interleave = true,
        });
        if (saved.Leases.Count > 0)
        {
            await Commit.CommitAsync();
            logger.LogInformation("Moved {Count} leases of the old capacity state into the lease store", saved.Leases.Count);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        instruments.Gone();
        return Task.CompletedTask;
    }

    public async Task<Admission> TryAcquire(string botId, string userId)
    {
        var admission = _leases.TryAcquire(botId, userId, _limits, _userLimits.Of(userId), time.GetUtcNow());
        if (admission.Outcome == AdmissionOutcome.Granted)
        {
            _sweeper.Settled(botId);
            ObserveAlarm();
            await CommitOrUndoAsync(() => _leases.Release(botId));
        }

        return admission;
    }

    public async Task<Admission> Renew(string botId, string userId)
    {
        // A renewing bot is alive: stop pinging it. An unknown lease goes through admission like a start.
        _sweeper.Renewed(botId);
        var admission = await TryAcquire(botId, userId);
        if (admission.Outcome == AdmissionOutcome.Granted)
        {
            logger.LogDebug("Bot {BotId} of {UserId} renewed an unknown lease and was admitted again", botId, userId);
        }

        return admission;
    }

    public Task<string[]> RenewHeld(string[] botIds)
    {
        var now = time.GetUtcNow();
        List<string>? unknown = null;
        foreach (var botId in botIds)
        {
            if (_leases.Renew(botId, now))
            {
                _sweeper.Renewed(botId);
            }
            else
            {
                (unknown ??= []).Add(botId);
            }
        }

        return Task.FromResult(unknown?.ToArray() ?? []);
    }

    public async Task SetUserBotLimit(string userId, int? maxBots)
    {
        var before = _userLimits.Set(userId, maxBots);
        if (before != maxBots)
        {
            // The caller is told the change failed, so it must not apply.
            await CommitOrUndoAsync(() => _userLimits.Set(userId, before));
        }
    }

    public Task Release(string botId)
    {
        if (_leases.Release(botId))
        {
            _sweeper.Settled(botId);
            ObserveAlarm();

            // A lost release is harmless (the bot no longer renews, a ping finds it stopped), so the caller
            // does not wait for the write.
            CommitInBackground();
        }

        return Task.CompletedTask;
    }

    public Task<CapacitySnapshot> GetCapacity() => Task.FromResult(Snapshot());

    public Task<CapacityReport> GetReport() => Task.FromResult(new CapacityReport(
        Snapshot(),
        _limits,
        _leases.UserCount,
        _alerts.Recent.Reverse().ToList(),
        _zombieLeasesFreed,
        RuntimeIdentity,
        _activatedAt));

    public Task<PlatformLimits> GetLimits() => Task.FromResult(_limits);

    public async Task<PlatformLimits> ChangeLimits(LimitsChange change)
    {
        var next = change.ApplyTo(_limits);
        var problem = LimitRules.Validate(next);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(change));
        }

        var before = _limits;
        _limits = next;
        logger.LogInformation("Limits changed from {Before} to {After}", before, next);
        ObserveAlarm();

        // The caller is told the change failed, so it must not apply.
        await CommitOrUndoAsync(() => _limits = before);
        return _limits;
    }

    public Task<int> GetUserBots(string userId) => Task.FromResult(_leases.CountFor(userId));

    private CapacitySnapshot Snapshot() => CapacityLevels.Snapshot(_leases.Count, _limits.MaxConcurrentBots);

    /// <summary>Waits for the snapshot write; when it fails, <paramref name="undo"/> takes the change back and the error goes to the caller.</summary>
    private async Task CommitOrUndoAsync(Action undo)
    {
        try
        {
            await Commit.CommitAsync();
        }
        catch (Exception error)
        {
            undo();
            ReloadIfStale(error);
            throw;
        }
    }

    private void CommitInBackground() => _ = CommitLoggedAsync();

    private async Task CommitLoggedAsync()
    {
        try
        {
            await Commit.CommitAsync();
        }
        catch (Exception error)
        {
            logger.LogWarning("Saving the capacity snapshot failed ({Error}); the sweep retries", error.Message);
            _snapshotBehind = true;
            ReloadIfStale(error);
        }
    }

    /// <summary>
    /// A version conflict means another activation wrote since this one read (possible for a moment after a
    /// silo crash): this copy is stale, so it deactivates and the next call loads the saved state.
    /// </summary>
    private void ReloadIfStale(Exception error)
    {
        if (error is Orleans.Storage.InconsistentStateException)
        {
            logger.LogWarning("The capacity snapshot was written elsewhere; reloading it");
            DeactivateOnIdle();
        }
    }

    /// <summary>One shared write: the lease changes since the last one, then the grain's state if it changed.</summary>
    private async Task WriteChangesAsync()
    {
        var batch = _leases.TakeChanges();
        if (!batch.IsEmpty)
        {
            try
            {
                await leaseStore.SaveAsync(batch, _leases);
            }
            catch
            {
                _leases.Requeue(batch);
                throw;
            }
        }

        var head = Head();
        if (head != _headWritten)
        {
            state.State = new CapacityState
            {
                Limits = _limits,
                ConfiguredLimits = _options.ConfiguredLimits,
                RecentAlerts = [.. _alerts.Recent],
                RaisedThresholds = [.. _alerts.Raised],
                ZombieLeasesFreed = _zombieLeasesFreed,
                UserBotLimits = _userLimits.Copy(),
            };
            await state.WriteStateAsync();
            _headWritten = head;
        }
    }

    private HeadContent Head() => new(
        _limits, _zombieLeasesFreed, _userLimits.Version, _alerts.Recent.Count, _alerts.Recent.Count > 0 ? _alerts.Recent[^1] : null, string.Join(',', _alerts.Raised.Order()));

    /// <summary>What decides whether the grain's state must be written again; compared, never stored.</summary>
    private sealed record HeadContent(PlatformLimits Limits, long ZombieLeasesFreed, long UserLimitsVersion, int AlertCount, AlertRecord? LastAlert, string Raised);


    /// <summary>After every change of usage or limits: alerts for the levels crossed, and the change for live readers.</summary>
    private void ObserveAlarm()
    {
        Dispatch(_alerts.Observe(_leases.Count, _limits));
        _feed.Changed(Snapshot());
    }

    private void Dispatch(IReadOnlyList<AlertRecord> alerts)
    {
        foreach (var alert in alerts)
        {
            alertDispatcher.Dispatch(alert);
        }
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var capacity = Snapshot();
        instruments.Observed(capacity.CurrentBots, capacity.PercentUsed);
        if (_snapshotBehind)
        {
            _snapshotBehind = false;
            CommitInBackground();
        }

        Dispatch(_alerts.RaiseOwed(_leases.Count, _limits, now));
        var sweep = _sweeper.Sweep(_leases, now, siloStopping: host.ApplicationStopping.IsCancellationRequested);
        // A few lines name their bots; a silo's worth of expiries (thousands after a slow restart) is one summary line.
        if (sweep.Expired.Count > ExpiriesNamed)
        {
            logger.LogWarning(
                "Freed the slots of {Count} bots whose leases were not renewed for {Duration} (among them {BotIds}); they are called back",
                sweep.Expired.Count, _options.LeaseDuration, string.Join(", ", sweep.Expired.Take(ExpiriesNamed).Select(l => l.BotId)));
        }
        else
        {
            foreach (var lease in sweep.Expired)
            {
                logger.LogWarning(
                    "Freed the slot of bot {BotId} (user {UserId}): its lease was not renewed for {Duration}",
                    lease.BotId, lease.UserId, _options.LeaseDuration);
            }
        }

        if (sweep.Expired.Count > 0)
        {
            _zombieLeasesFreed += sweep.Expired.Count;
            ObserveAlarm();
            CommitInBackground();
        }

        foreach (var botId in sweep.ToPing)
        {
            _ = PingAsync(botId);
        }

        foreach (var botId in sweep.GivenUp)
        {
            logger.LogWarning("Bot {BotId} did not answer for {Watch} after losing its lease; no longer calling it", botId, CapacitySweeper.LostBotWatch);
        }

        return Task.CompletedTask;
    }

    private async Task PingAsync(string botId)
    {
        try
        {
            await CallBotAsync(botId);
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Bot {BotId} did not answer a lease ping; its lease expires unless renewed", botId);
        }
        finally
        {
            _sweeper.CallEnded(botId);
        }
    }

    /// <summary>
    /// Wakes the bot (activating it where it has no activation); a bot that answers it does not run frees its slot. A
    /// call whose turn comes once the silo stops is not made: it would wake its bot on the stopping silo, to be saved
    /// again and counted as restarted twice, or fail to be placed there (a SIGTERM during a restart of 100,000 bots woke
    /// about 3,200 that way, and Orleans logged 424 placement lines for the last); the grain's next activation, on a
    /// silo that stays, calls every restored lease.
    /// </summary>
    private async Task CallBotAsync(string botId)
    {
        bool running;
        await _botCalls.WaitAsync();
        try
        {
            if (host.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            running = await GrainFactory.GetGrain<IBotGrain>(botId).Resume();
        }
        finally
        {
            _botCalls.Release();
        }

        _sweeper.Answered(botId);
        if (!running && _leases.Release(botId))
        {
            logger.LogInformation("Freed the slot of bot {BotId}: it is not running", botId);
            ObserveAlarm();
            CommitInBackground();
        }
    }
}
