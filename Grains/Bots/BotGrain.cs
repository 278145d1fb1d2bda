using OrleansBots.Capacity;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Bots;

/// <summary>
/// One bot: lifecycle and timers over <see cref="TradingSession"/>, <see cref="ChatSession"/>, <see cref="TickLoop"/>
/// and <see cref="BotLease"/>. While running it ticks on a grain timer and renews its capacity lease on another.
/// Its saved status is the truth after a restart: a bot saved as running resumes by itself when it is activated.
/// It is placed away from overloaded silos.
/// </summary>
[LoadAwarePlacement]
public sealed partial class BotGrain(
    [PersistentState(StateNames.Bot, StateNames.Store)] IPersistentState<BotState> state,
    IMarketData market,
    IOptions<BotOptions> options,
    IOptions<CapacityOptions> capacityOptions,
    Cooldowns cooldowns,
    BotInstruments instruments,
    TimeProvider time,
    TickGate ticks,
    ILogger<BotGrain> logger) : Grain, IBotGrain
{
    private readonly BotOptions _options = options.Value;
    private TickLoop? _loop;
    private BotLease? _lease;
    private TradingSession? _trading;
    private IGrainTimer? _tickTimer;
    private IGrainTimer? _renewTimer;
    private DateTimeOffset _lastSave;

    // Set when another activation of this bot saved in the meantime (possible for a moment after a silo
    // crash): this one stops without touching the lease or the saved state.
    private bool _stale;

    private BotState Bot => state.State;

    private BotLease Lease => _lease ??= new(BotId, logger);

    // Built on first use over the current state (a created or deleted bot gets a new state, so new ones).
    private TickLoop Loop => _loop ??= new TickLoop(BotId, TimeSpan.FromSeconds(Bot.Definition!.TickSeconds), _options, ticks, instruments, time, logger);

    private TradingSession Trading => _trading ??= new TradingSession(BotId, Bot, _options, market, instruments);

    private bool Exists => Bot.UserId is not null && Bot.Definition is not null && !Bot.Deleted;

    private string BotId => this.GetPrimaryKeyString();

    private ICapacityGrain Capacity => GrainFactory.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private IUserGrain Owner => GrainFactory.GetGrain<IUserGrain>(Bot.UserId!);

    private IRosterGrain Roster => GrainFactory.GetGrain<IRosterGrain>(IRosterGrain.GlobalKey);

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Exists && Bot.Status == BotStatus.Running ? ResumeAfterRestartAsync() : Task.CompletedTask;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The bot stays "running" in its saved state so that it comes back on another silo or after a restart.
        if (Exists && Bot.Status == BotStatus.Running && !_stale)
        {
            logger.LogInformation("Saving running bot {BotId} on deactivation ({Reason})", BotId, reason.Description);
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception error) when (IsOutage(error) || error is ObjectDisposedException)
            {
                // In-memory storage is gone at shutdown, or the database is: the last save stands.
                logger.LogWarning("Bot {BotId} could not be saved on deactivation: {Error}", BotId, error.Message);
            }

            AskToBeWoken(reason);
        }
    }

    public async Task<BotInfo> Create(string userId, BotDefinition definition)
    {
        if (Exists)
        {
            return await CreatedBeforeAsync(userId);
        }

        (_trading, _loop) = (null, null);
        state.State = BotState.Created(userId, definition, time.GetUtcNow());
        await state.WriteStateAsync();
        await Owner.AddBot(BotId);
        _ = Roster.BotChanged(BotId, BotStatus.Created);
        return Info();
    }

    public Task<BotInfo?> GetInfo() => Task.FromResult(Exists ? Info() : null);

    public async Task<StartResult> StartAs(string userId)
    {
        if (!Exists || Bot.UserId != userId)
        {
            return new StartResult(StartOutcome.NotFound, null, null);
        }

        // A start is a bot action of its owner, counted only once the bot is known to be theirs.
        var action = await cooldowns.TryBotActionAsync(userId);
        return action.Allowed ? await Start() : new StartResult(StartOutcome.BotActionRefused, Info(), null) { BotAction = action };
    }

    public async Task<StartResult> Start()
    {
        if (!Exists)
        {
            return new StartResult(StartOutcome.NotFound, null, null);
        }

        if (Bot.Status == BotStatus.Running)
        {
            return new StartResult(StartOutcome.AlreadyRunning, Info(), null);
        }

        var before = Bot.Status;
        Bot.Status = BotStatus.Starting;
        Admission? admission = null;
        try
        {
            admission = await Capacity.TryAcquire(BotId, Bot.UserId!);
            if (!admission.Holds)
            {
                Bot.Status = before;
                logger.LogInformation("Bot {BotId} of {UserId} not started: {Outcome} ({Current}/{Max})", BotId, Bot.UserId, admission.Outcome, admission.CurrentBots, admission.MaxBots);
                return new StartResult(admission.Outcome == AdmissionOutcome.PlatformFull ? StartOutcome.PlatformFull : StartOutcome.UserLimitReached, Info(), admission);
            }

            Bot.Started(time.GetUtcNow());
            await SaveAsync();
        }
        catch
        {
            // Not started: the status goes back, and a slot granted for a start that could not be saved is freed.
            Bot.Status = before;
            if (admission is { Holds: true })
            {
                await Capacity.Release(BotId);
            }

            throw;
        }

        StartTimers();
        _ = Roster.BotChanged(BotId, BotStatus.Running);
        logger.LogInformation("Bot {BotId} of {UserId} started ({Current}/{Max} bots running)", BotId, Bot.UserId, admission.CurrentBots, admission.MaxBots);
        return new StartResult(StartOutcome.Started, Info(), admission);
    }

    public async Task<BotInfo?> Stop()
    {
        if (!Exists)
        {
            return null;
        }

        if (Bot.Status == BotStatus.Running)
        {
            Bot.Status = BotStatus.Stopping;
            StopTimers();
            await Capacity.Release(BotId);
            Bot.Status = BotStatus.Stopped;
            await SaveAsync();
            _ = Roster.BotChanged(BotId, BotStatus.Stopped);
            logger.LogInformation("Bot {BotId} of {UserId} stopped", BotId, Bot.UserId);
        }

        return Info();
    }

    public async Task Delete()
    {
        if (!Exists)
        {
            return;
        }

        await Stop();
        await Owner.RemoveBot(BotId);
        _ = Roster.BotDeleted(BotId);
        await state.ClearStateAsync();
        (_trading, _loop) = (null, null);
        state.State = new BotState();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<Trade>> GetTrades(int limit) => Task.FromResult(RecentList.Latest(Bot.Trades, limit));

    public Task<IReadOnlyList<Signal>> GetSignals(int limit) => Task.FromResult(RecentList.Latest(Bot.Signals, limit));

    public async Task<ChatAnswer> Ask(string message)
    {
        if (!Exists)
        {
            return new ChatAnswer(ChatOutcome.NotFound, null, null);
        }

        var answer = await new ChatSession(Bot, market, time, _options.SignalsKept).AskAsync(message, Info(), () => Owner.TryCountSignal());
        if (answer.Outcome == ChatOutcome.Replied)
        {
            await SaveAsync();
            instruments.ChatAnswered();
        }

        return answer;
    }

    public Task<IReadOnlyList<ChatReply>> GetReplies(int limit) => Task.FromResult(RecentList.Latest(Bot.Replies, limit));

    public Task<bool> Resume() => Task.FromResult(Exists && Bot.Status == BotStatus.Running);

    private BotInfo Info() => Bot.ToInfo(BotId, Bot.Status == BotStatus.Running ? RuntimeIdentity : null);

    private async Task ResumeAfterRestartAsync()
    {
        await ClaimAsync();
        if (await Lease.ResumeAsync(() => Capacity.Renew(BotId, Bot.UserId!), FailAsync))
        {
            StartTimers(OverdueTick());
            logger.LogInformation("Bot {BotId} of {UserId} resumed on {Silo} (restart #{Restarts})", BotId, Bot.UserId, RuntimeIdentity, Bot.Restarts);
        }
    }

    private void StartTimers(TimeSpan? firstTick = null)
    {
        StopTimers();
        if (Bot.Definition!.Kind == BotKind.Trading)
        {
            Loop.Scheduled(firstTick);
            _tickTimer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions { DueTime = firstTick ?? Loop.Interval, Period = Loop.Interval, KeepAlive = true });
        }

        var renew = capacityOptions.Value.RenewInterval;
        _renewTimer = this.RegisterGrainTimer(RenewLeaseAsync, new GrainTimerCreationOptions { DueTime = renew, Period = renew, KeepAlive = true });
    }

    private void StopTimers()
    {
        _tickTimer?.Dispose();
        _renewTimer?.Dispose();
        (_tickTimer, _renewTimer) = (null, null);
    }

    private Task RenewLeaseAsync(CancellationToken cancellationToken) => Bot.Status == BotStatus.Running
        ? Lease.RenewAsync(() => Capacity.Renew(BotId, Bot.UserId!), FailAsync)
        : Task.CompletedTask;

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var result = Bot.Status == BotStatus.Running ? await Loop.RunAsync(TickOnceAsync, IsOutage, IsStale, cancellationToken) : TickResult.Running;
        if (result.Stale)
        {
            _stale = true;
            StopTimers();
            DeactivateOnIdle();
        }
        else if (result.FailureReason is { } reason)
        {
            await FailAsync(reason);
        }
    }

    private async Task TickOnceAsync(DateTimeOffset now)
    {
        var traded = await Trading.TickAsync(now, () => Owner.TryCountTrade());
        if (traded || now - _lastSave >= _options.SaveInterval)
        {
            await SaveAsync();
        }
    }

    private static bool IsStale(Exception error) => error is Orleans.Storage.InconsistentStateException;

    private static bool IsOutage(Exception error) =>
        error is OrleansException or TimeoutException or System.Data.Common.DbException or OperationCanceledException or MarketUnavailableException;

    private async Task FailAsync(string reason)
    {
        logger.LogWarning("Bot {BotId} of {UserId} failed: {Reason}", BotId, Bot.UserId, reason);
        StopTimers();
        Bot.Failed(reason);
        await Lease.ReleaseAsync(() => Capacity.Release(BotId));
        await SaveAsync();
        _ = Roster.BotChanged(BotId, BotStatus.Failed);
    }

    private async Task SaveAsync()
    {
        _trading?.WriteBooks();
        await state.WriteStateAsync();
        _lastSave = time.GetUtcNow();
    }
}
