using OrleansBots.Bots;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Roster;
using OrleansBots.Storage;

namespace OrleansBots.Capacity;

/// <summary>
/// Exact admission of running bots. The lease table lives in memory, so admission costs no database
/// round trip; every change is made durable by a shared batched write (<see cref="GroupCommit"/>) before it
/// is acknowledged, so after a crash the snapshot holds at least every lease a bot was told it has.
/// Reentrant so that callers can share one write; every check-and-change is a synchronous section.
/// </summary>
[Reentrant]
public sealed class CapacityGrain : Grain, ICapacityGrain
{
    private const int AlertsKept = 100;

    // A bot whose lease expired is called again for this long, so that a bot whose silo was declared dead
    // late still comes back on a survivor (it re-admits itself within the limits).
    private static readonly TimeSpan LostBotWatch = TimeSpan.FromMinutes(10);

    private readonly IPersistentState<CapacityState> _state;
    private readonly CapacityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CapacityGrain> _logger;
    private readonly Measurements _measurements;
    private readonly LeaseTable _leases;
    private readonly CapacityAlarm _alarm;
    private readonly AlertBook _alertBook;
    private readonly AlertDispatcher _alertDispatcher;
    private readonly GroupCommit _commit;
    private readonly Dictionary<string, DateTimeOffset> _lastPing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lostSince = new(StringComparer.Ordinal);
    private bool _pingAllRestored;

    // A background save failed: the snapshot lags memory until a later save succeeds.
    private bool _snapshotBehind;
    private List<CapacityAlert> _alerts = [];
    private long _zombieLeasesFreed;
    private PlatformLimits _limits = PlatformLimits.Defaults;
    private DateTimeOffset _activatedAt;
    private readonly string _siloName;
    private readonly HashSet<int> _owedAlerts = [];

    public CapacityGrain(
        [PersistentState(StateNames.Capacity, StateNames.Store)] IPersistentState<CapacityState> state,
        IOptions<CapacityOptions> options,
        IOptions<AlertOptions> alertOptions,
        AlertDispatcher alertDispatcher,
        TimeProvider time,
        Measurements measurements,
        ILocalSiloDetails silo,
        ILogger<CapacityGrain> logger)
    {
        _measurements = measurements;
        _siloName = silo.Name;
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _alarm = new CapacityAlarm(alertOptions.Value.CapacityCriticalPercent, alertOptions.Value.CapacityFullPercent);
        _alertBook = new AlertBook(alertOptions.Value.CooldownPeriod, time);
        _alertDispatcher = alertDispatcher;
        _leases = new LeaseTable(_options.LeaseDuration);
        _commit = new GroupCommit(WriteSnapshotAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _activatedAt = now;
        var saved = _state.State;
        var configured = _options.ConfiguredLimits;
        if (saved.Limits is null || saved.ConfiguredLimits != configured)
        {
            if (saved.Limits is not null && saved.Limits != configured)
            {
                _logger.LogInformation("Configuration changed since the last start; limits from configuration win: {Limits}", configured);
            }

            _limits = configured;
        }
        else
        {
            _limits = saved.Limits;
        }

        foreach (var lease in saved.Leases)
        {
            _leases.Restore(lease.BotId, lease.UserId, now);
        }

        _alarm.Restore(saved.RaisedThresholds);
        _alerts = [.. saved.Alerts];
        _zombieLeasesFreed = saved.ZombieLeasesFreed;
        _logger.LogInformation(
            "Capacity grain active on {Silo}: {Count}/{Max} leases restored, per-user limit {PerUser}",
            RuntimeIdentity, _leases.Count, _limits.MaxConcurrentBots, _limits.MaxBotsPerUser);

        // Restored leases are pinged at the first sweep: their bots come back (after a restart of the
        // platform) or, if they do not run any more, give their slot back.
        _pingAllRestored = true;

        // Sweeping is a pass over the in-memory table, cheap enough to do every second; it bounds how soon
        // a bot whose silo was just declared dead is called back.
        var sweepEvery = Clamp(_options.RenewInterval / 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = sweepEvery,
            KeepAlive = true,
            Interleave = true,
        });
        return Task.CompletedTask;
    }

    public async Task<Admission> TryAcquire(string botId, string userId, int? userLimitOverride)
    {
        var admission = _leases.TryAcquire(botId, userId, _limits, userLimitOverride, _time.GetUtcNow());
        if (admission.Outcome == AdmissionOutcome.Granted)
        {
            _lastPing.Remove(botId);
            ObserveAlarm();
            await CommitOrUndoAsync(botId);
        }

        return admission;
    }

    public async Task<Admission> Renew(string botId, string userId, int? userLimitOverride)
    {
        // A renewing bot is alive: stop pinging it. An unknown lease goes through admission like a start.
        _lastPing.Remove(botId);
        _lostSince.Remove(botId);
        var admission = await TryAcquire(botId, userId, userLimitOverride);
        if (admission.Outcome == AdmissionOutcome.Granted)
        {
            _logger.LogInformation("Bot {BotId} of {UserId} renewed an unknown lease and was admitted again", botId, userId);
        }

        return admission;
    }

    public Task Release(string botId)
    {
        if (_leases.Release(botId))
        {
            _lastPing.Remove(botId);
            ObserveAlarm();

            // A lost release is harmless (the bot no longer renews, a ping finds it stopped), so the caller
            // does not wait for the write.
            CommitInBackground();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _measurements.CapacityGone();
        return Task.CompletedTask;
    }

    public Task<CapacitySnapshot> GetCapacity() => Task.FromResult(Snapshot());

    public Task<CapacityReport> GetReport() => Task.FromResult(new CapacityReport(
        Snapshot(),
        _limits,
        _leases.UserCount,
        _alerts.AsEnumerable().Reverse().ToList(),
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
        _logger.LogInformation("Limits changed from {Before} to {After}", before, next);
        ObserveAlarm();
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception error)
        {
            // The caller is told the change failed, so it must not apply.
            _limits = before;
            ReloadIfStale(error);
            throw;
        }

        return _limits;
    }

    public Task<int> GetUserBots(string userId) => Task.FromResult(_leases.CountFor(userId));

    // A silent bot is called again this often: calls to a dead silo fail fast, and the first call after the
    // silo is declared dead brings the bot back on a survivor.
    private TimeSpan PingRetry => Clamp(_options.RenewInterval, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;

    private CapacitySnapshot Snapshot() => CapacityLevels.Snapshot(_leases.Count, _limits.MaxConcurrentBots);

    private async Task CommitOrUndoAsync(string botId)
    {
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception error)
        {
            // The caller is told it has no slot, so it must not keep one.
            _leases.Release(botId);
            ReloadIfStale(error);
            throw;
        }
    }

    private void CommitInBackground() => _ = CommitLoggedAsync();

    private async Task CommitLoggedAsync()
    {
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception error)
        {
            _logger.LogWarning("Saving the capacity snapshot failed ({Error}); the sweep retries", error.Message);
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
            _logger.LogWarning("The capacity snapshot was written elsewhere; reloading it");
            DeactivateOnIdle();
        }
    }

    private Task WriteSnapshotAsync()
    {
        _state.State = new CapacityState
        {
            Leases = _leases.Leases.Select(l => new LeaseRecord(l.BotId, l.UserId)).ToList(),
            Limits = _limits,
            ConfiguredLimits = _options.ConfiguredLimits,
            Alerts = [.. _alerts],
            RaisedThresholds = [.. _alarm.Raised],
            ZombieLeasesFreed = _zombieLeasesFreed,
        };
        return _state.WriteStateAsync();
    }

    private void ObserveAlarm()
    {
        var alerts = _alarm.Observe(_leases.Count, _limits.MaxConcurrentBots, _limits.AlertThreshold, _time.GetUtcNow());
        foreach (var alert in alerts)
        {
            // A level crossed again within the cooldown (usage flapping around it) is not raised now; it is
            // owed, and the sweep raises it once the cooldown has passed if usage is still over it.
            if (!_alertBook.Observe(AlertKey(alert.ThresholdPercent), over: true))
            {
                _logger.LogInformation("Capacity crossed {Threshold}% again within the alert cooldown: {Message}", alert.ThresholdPercent, alert.Message);
                _owedAlerts.Add(alert.ThresholdPercent);
                continue;
            }

            Raise(alert);
        }

        TrimAlerts();
    }

    /// <summary>Raises the crossings held back by the cooldown once it has passed, if usage is still over them.</summary>
    private void RaiseOwedAlerts(DateTimeOffset now)
    {
        if (_owedAlerts.Count == 0)
        {
            return;
        }

        _owedAlerts.RemoveWhere(threshold => !_alarm.Raised.Contains(threshold));
        foreach (var threshold in _owedAlerts.Order().ToList())
        {
            if (_alertBook.Observe(AlertKey(threshold), over: true))
            {
                _owedAlerts.Remove(threshold);
                Raise(_alarm.Standing(threshold, _leases.Count, _limits.MaxConcurrentBots, now));
            }
        }

        TrimAlerts();
    }

    private static string AlertKey(int threshold) => $"capacity|{threshold}";

    private void Raise(CapacityAlert alert)
    {
        _alerts.Add(alert);
        _alertDispatcher.Dispatch(new AlertRecord(
            alert.At,
            _siloName,
            "capacity",
            "platform",
            alert.ThresholdPercent > _limits.AlertThreshold ? AlertSeverity.Critical : AlertSeverity.Warning,
            Math.Round(alert.CurrentBots * 100.0 / Math.Max(1, alert.MaxBots), 1),
            alert.ThresholdPercent,
            alert.Message));
    }

    private void TrimAlerts()
    {
        if (_alerts.Count > AlertsKept)
        {
            _alerts.RemoveRange(0, _alerts.Count - AlertsKept);
        }
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var capacity = Snapshot();
        _measurements.CapacityObserved(capacity.CurrentBots, capacity.PercentUsed);
        if (_snapshotBehind)
        {
            _snapshotBehind = false;
            CommitInBackground();
        }

        RaiseOwedAlerts(now);
        var expired = _leases.RemoveExpired(now);
        foreach (var lease in expired)
        {
            _lastPing.Remove(lease.BotId);
            _logger.LogWarning(
                "Freed the slot of bot {BotId} (user {UserId}): its lease was not renewed for {Duration}",
                lease.BotId, lease.UserId, _options.LeaseDuration);
        }

        if (expired.Count > 0)
        {
            _zombieLeasesFreed += expired.Count;
            ObserveAlarm();
            CommitInBackground();
            foreach (var lease in expired)
            {
                _lostSince.TryAdd(lease.BotId, now);
            }
        }

        // A bot that missed a renewal may have lost its silo: calling it reactivates it elsewhere from its
        // saved state, and a bot that no longer runs gives its slot back.
        var silence = _options.RenewInterval * 1.5;
        var toPing = _pingAllRestored ? _leases.Leases.ToList() : _leases.Silent(now, silence);
        _pingAllRestored = false;
        foreach (var botId in toPing.Select(l => l.BotId).Concat(_lostSince.Keys))
        {
            if (_lastPing.TryGetValue(botId, out var pinged) && now - pinged < PingRetry)
            {
                continue;
            }

            _lastPing[botId] = now;
            _ = PingAsync(botId);
        }

        foreach (var (botId, since) in _lostSince.Where(pair => now - pair.Value > LostBotWatch).ToList())
        {
            _lostSince.Remove(botId);
            _lastPing.Remove(botId);
            _logger.LogWarning("Bot {BotId} did not answer for {Watch} after losing its lease; no longer calling it", botId, LostBotWatch);
        }

        return Task.CompletedTask;
    }

    private async Task PingAsync(string botId)
    {
        try
        {
            var running = await GrainFactory.GetGrain<IBotGrain>(botId).Resume();
            _lostSince.Remove(botId);
            if (!running && _leases.Release(botId))
            {
                _logger.LogInformation("Freed the slot of bot {BotId}: it is not running", botId);
                ObserveAlarm();
                CommitInBackground();
            }
        }
        catch (Exception error)
        {
            _logger.LogDebug(error, "Bot {BotId} did not answer a lease ping; its lease expires unless renewed", botId);
        }
    }
}
