using OrleansBots.Capacity;
using OrleansBots.Events;
using OrleansBots.Chat;
using OrleansBots.Feeds;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Bots;

/// <summary>
/// One bot: lifecycle and timers over <see cref="TradingSession"/>, <see cref="ChatSession"/>, <see cref="TickLoop"/>
/// and <see cref="BotLease"/>. While running it ticks on its silo's <see cref="TickDriver"/>, outside its turns (guarded by
/// its <see cref="TickLatch"/>, which every turn holds); what a tick must wait for (a trade's count, a save, a price to
/// fetch) takes a turn of its own on a timer. Its silo renews its capacity lease with those
/// of the silo's other running bots (<see cref="RunningBotsHere"/>); a chat or new-token bot also keeps its companion on a timer.
/// Its saved status is the truth after a restart: a bot saved as running resumes by itself when it is activated.
/// It is placed away from overloaded silos. What it does (lifecycle, signals, trades, replies) goes to its event log
/// (in this grain: <c>BotGrain.EventLog.cs</c>) through <see cref="BotEventOutbox"/>, flushed at the end of each call that did something.
/// </summary>
[LoadAwarePlacement]
public sealed partial class BotGrain(
    [PersistentState(StateNames.Bot, StateNames.Store)] IPersistentState<BotState> state,
    [PersistentState(StateNames.BotEvents, StateNames.Store)] IPersistentState<BotEventLogState> eventNumbers,
    IMarketData market,
    IOptions<BotOptions> options,
    IOptions<CapacityOptions> capacityOptions,
    Cooldowns cooldowns,
    BotInstruments instruments,
    TimeProvider time,
    TickGate ticks,
    TickDriver tickDriver,
    IBotHistory history,
    RunningBotsHere runningHere,
    IClusterMembershipService membership,
    NewTokenBots newTokenBots,
    IOptions<EventOptions> eventOptions,
    EventStreams streams,
    KeptEventsBudget keptEvents,
    TradeCountBatches tradeCounts,
    ResumedBots resumedBots,
    ILogger<BotGrain> logger) : Grain, IBotGrain, IIncomingGrainCallFilter
{
    private static readonly Action<object> StartTickWorkOnActivation = static grain => ((BotGrain)grain).StartTickWork();

    private readonly BotOptions _options = options.Value;

    // Trades, signals and replies live in the history store; the grain holds only those not stored yet.
    private readonly UnsavedHistory _unsaved = new();
    private TickLoop? _loop;
    private BotLease? _lease;
    private BotEventOutbox? _events;
    private TradingSession? _trading;
    private readonly TickLatch _latch = new();
    private ScheduledTick? _scheduledTick;
    private IGrainTimer? _tickWork;
    private PendingTickWork _pending;

    // How a held tick ended when a turn has to act on it (PendingTickWork.HeldTickEnded).
    private TickResult? _heldTickEnd;

    // The state the driver's ticks work on: read through IPersistentState only on the activation's own thread.
    private BotState? _ticking;
    private IGrainTimer? _companionTimer;
    private SaveSchedule? _saves;
    private string? _botId;

    // Made once: a method group or lambda handed over on every tick is a new delegate every tick (20,000 a second at
    // 100,000 bots).
    private Func<DateTimeOffset, Task>? _tickWhole;
    private Func<Task<TradeQuotaAnswer>>? _countTrade;

    // Set when another activation of this bot saved in the meantime (possible for a moment after a silo
    // crash): this one stops without touching the lease or the saved state.
    private bool _stale;

    private BotState Bot => state.State;

    private BotLease Lease => _lease ??= new(BotId, logger);

    // Built on first use over the current state (a created or deleted bot gets a new state, so new ones).
    private TickLoop Loop => _loop ??= new TickLoop(BotId, TimeSpan.FromSeconds(Bot.Definition!.TickSeconds), _options, ticks, instruments, time, logger);

    private SaveSchedule Saves => _saves ??= new SaveSchedule(_options.RoutineSaveInterval, Random.Shared);

    private TradingSession Trading => _trading ??= new TradingSession(BotId, Bot, _unsaved, market, instruments, Events);

    private BotEventOutbox Events => _events ??= new(BotId, AppendEventsAsync, time, logger);

    // Asked off the activation's thread too (a held tick), where the persistent state must not be read: the owner comes
    // from the ticking state then.
    private Func<Task<TradeQuotaAnswer>> CountTrade => _countTrade ??= () => tradeCounts.CountAsync((_ticking ?? Bot).UserId!);

    private bool Exists => Bot.UserId is not null && Bot.Definition is not null && !Bot.Deleted;

    // Read once: the key is decoded into a new string on every read, and the bot's helpers each kept their own copy.
    private string BotId => _botId ??= this.GetPrimaryKeyString();

    private ICapacityGrain Capacity => GrainFactory.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private IUserGrain Owner => GrainFactory.GetGrain<IUserGrain>(Bot.UserId!);

    private IRosterShardGrain Roster => RosterShards.Of(GrainFactory, Bot.UserId!);

    private IChatLinkGrain ChatLink => GrainFactory.GetGrain<IChatLinkGrain>(BotId);

    private bool IsChat => Bot.Definition!.Kind == BotKind.Chat;

    private bool TradesNewTokens => Bot.Definition!.Strategy == BotDefinition.NewTokens;

    /// <summary>Every turn (calls and timers) holds the tick latch: the driver's ticks never run beside one.</summary>
    public Task Invoke(IIncomingGrainCallContext context) => InTurnAsync(context.Invoke);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => InTurnAsync(ActivateAsync);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        InTurnAsync(() => DeactivateAsync(reason, cancellationToken));

    // A tick that came due during the turn runs when it ends, on the driver's next pass.
    private async Task InTurnAsync(Func<Task> turn)
    {
        await _latch.EnterTurnAsync();
        try
        {
            await turn();
        }
        finally
        {
            if (_latch.ExitTurn() && _scheduledTick is { } tick)
            {
                tickDriver.Schedule(tick, time.GetTimestamp());
            }
        }
    }

    private async Task ActivateAsync()
    {
        if (Exists && Bot.HoldsHistory)
        {
            // Saved before the history store: its lists move there once, and the state is saved without them.
            _unsaved.TakeOver(Bot);
            await SaveAsync();
        }

        if (Exists && Bot.Status == BotStatus.Running)
        {
            if (_handedOver)
            {
                // Migrated: the state came along and the old activation is gone, so there is nothing to claim.
                StartTimers(OverdueTick());
            }
            else
            {
                await ResumeAfterRestartAsync();
            }
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CancelTicks();
        runningHere.Remove(BotId, GrainContext);
        newTokenBots.Unregister(BotId);
        // Once its silo's time for saving bots is up, the last saves stand (at most a save interval old), as after a crash:
        // the event numbers reserved ahead keep the next ones unique.
        var keepLastSave = reason.ReasonCode == DeactivationReasonCode.ShuttingDown && runningHere.SavingStopped;
        await CloseEventLogAsync(write: !keepLastSave, cancellationToken);
        if (!Exists || Bot.Status != BotStatus.Running || _stale || keepLastSave)
        {
            return;
        }

        if (reason.ReasonCode == DeactivationReasonCode.Migrating)
        {
            await PrepareHandoverAsync();
            return;
        }

        // The bot stays "running" in its saved state so that it comes back on another silo or after a restart. History
        // an earlier save could not store goes first: a state counting trades the history store lacks would leave a gap.
        logger.LogDebug("Saving running bot {BotId} on deactivation ({Reason})", BotId, reason.Description);
        try
        {
            await SaveAsync();
        }
        catch (Exception error) when (IsOutage(error) || error is ObjectDisposedException)
        {
            // In-memory storage is gone at shutdown, or the database is: the last save stands.
            logger.LogWarning("Bot {BotId} could not be saved on deactivation: {Error}", BotId, error.Message);
        }

        AskToBeWoken(reason);
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
        _ = Roster.BotMoved(null, BotStatus.Created);
        Events.Lifecycle(BotStatus.Created);
        await Events.FlushAsync();
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
        _ = Roster.BotMoved(before, BotStatus.Running);
        Events.Lifecycle(BotStatus.Running);
        await Events.FlushAsync();
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
            await CloseCompanionsAsync();
            await Capacity.Release(BotId);
            Bot.Status = BotStatus.Stopped;
            await SaveAsync();
            _ = Roster.BotMoved(BotStatus.Running, BotStatus.Stopped);
            Events.Lifecycle(BotStatus.Stopped);
            await Events.FlushAsync();
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
        if (IsChat)
        {
            await ChatLink.Forget();
        }

        await Owner.RemoveBot(BotId);
        _ = Roster.BotRemoved(Bot.Status);
        await history.DeleteAsync(BotId);
        Events.Deleted();
        await Events.FlushAsync();
        await state.ClearStateAsync();
        (_trading, _loop) = (null, null);
        state.State = new BotState();
        DeactivateOnIdle();
    }

    public Task<HistoryPage<Trade>> GetTrades(int limit, long? before = null) => history.ReadAsync<Trade>(BotId, HistoryKind.Trade, limit, before);

    public Task<HistoryPage<Signal>> GetSignals(int limit, long? before = null) => history.ReadAsync<Signal>(BotId, HistoryKind.Signal, limit, before);

    public async Task<ChatAnswer> Ask(string message)
    {
        if (!Exists)
        {
            return new ChatAnswer(ChatOutcome.NotFound, null, null);
        }

        var answer = await new ChatSession(Bot, market, time, _unsaved, Events).AskAsync(message, Info(), () => Owner.TryCountSignal());
        if (answer.Outcome == ChatOutcome.Replied)
        {
            await SaveAsync();
            instruments.ChatAnswered();
            await Events.FlushAsync();
        }

        return answer;
    }

    public Task<HistoryPage<ChatReply>> GetReplies(int limit, long? before = null) => history.ReadAsync<ChatReply>(BotId, HistoryKind.Reply, limit, before);

    public Task<bool> Resume() => Task.FromResult(Exists && Bot.Status == BotStatus.Running);

    public async Task RenewLease()
    {
        if (Exists && Bot.Status == BotStatus.Running)
        {
            await Lease.RenewAsync(() => Capacity.Renew(BotId, Bot.UserId!), FailAsync);
        }
    }

    private BotInfo Info() => Bot.ToInfo(BotId, Bot.Status == BotStatus.Running ? RuntimeIdentity : null);

    private async Task ResumeAfterRestartAsync()
    {
        await ClaimAsync();
        if (await Lease.ResumeAsync(() => Capacity.Renew(BotId, Bot.UserId!), FailAsync))
        {
            StartTimers(OverdueTick());
            Events.Lifecycle(BotStatus.Running, $"resumed on {RuntimeIdentity} (restart #{Bot.Restarts})");
            await Events.FlushAsync();
            resumedBots.Resumed();
            logger.LogDebug("Bot {BotId} of {UserId} resumed on {Silo} (restart #{Restarts})", BotId, Bot.UserId, RuntimeIdentity, Bot.Restarts);
        }
    }

    private void StartTimers(TimeSpan? firstTick = null)
    {
        StopTimers();
        runningHere.Add(BotId, GrainContext);

        // A timer tick counts as activity only when it fires: a tick interval longer than the collection age let the
        // runtime collect a running bot between two ticks, and the wake-up then counted a restart every time.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        if (Bot.Definition!.Kind == BotKind.Trading)
        {
            _tickWork = this.RegisterGrainTimer(FinishTickAsync, new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
            _ticking = Bot;
            _scheduledTick = new ScheduledTick(OnTickDue);
            tickDriver.Schedule(_scheduledTick, Loop.FirstDue(firstTick));
        }

        if (IsChat || TradesNewTokens)
        {
            _ = KeepCompanionsAsync();
            var keep = capacityOptions.Value.RenewInterval;
            _companionTimer = this.RegisterGrainTimer(_ => KeepCompanionsAsync(), new GrainTimerCreationOptions { DueTime = keep, Period = keep, KeepAlive = true });
        }
    }

    private void StopTimers()
    {
        runningHere.Remove(BotId, GrainContext);
        DelayDeactivation(TimeSpan.Zero);
        CancelTicks();
        _companionTimer?.Dispose();
        _companionTimer = null;
    }

    private void CancelTicks()
    {
        if (_scheduledTick is not null)
        {
            tickDriver.Cancel(_scheduledTick);
        }

        _tickWork?.Dispose();
        (_scheduledTick, _tickWork, _pending, _heldTickEnd, _ticking) = (null, null, PendingTickWork.None, null, null);
        _trading?.DropDecisions();
    }

    // The chat link's activation holds the bot's one chat connection: asking for it every renew interval brings it back
    // on a surviving silo soon after its silo died. A new-token bot registers with its own silo, whose one consumer of
    // the feed hands it its signals (registering again is harmless).
    private async Task KeepCompanionsAsync()
    {
        if (Bot.Status != BotStatus.Running || !(IsChat || TradesNewTokens))
        {
            return;
        }

        if (!IsChat)
        {
            newTokenBots.Register(BotId, Bot.UserId!);
            return;
        }

        try
        {
            await ChatLink.Keep(Info());
        }
        catch (Exception error) when (IsOutage(error))
        {
            logger.LogWarning("Bot {BotId} could not reach its chat link or feed (the next renewal tries again): {Error}", BotId, error.Message);
        }
    }

    private async Task CloseCompanionsAsync()
    {
        newTokenBots.Unregister(BotId);
        try
        {
            if (IsChat)
            {
                await ChatLink.Close();
            }
        }
        catch (Exception error) when (IsOutage(error))
        {
            // A link that cannot be reached now is not kept by anyone: it closes when its activation is collected.
            logger.LogWarning("Bot {BotId} could not close its chat link: {Error}", BotId, error.Message);
        }
    }

    /// <summary>
    /// A tick is due: this runs on the driver's thread, holding the latch, and awaits nothing. When the market knows every
    /// price now, the strategies move here and, with nothing to trade or save, the tick is done. A decided trade or a due
    /// routine save is made without a grain turn: the tick keeps the latch until it is done (<see cref="EndHeldTickAsync"/>;
    /// the save itself runs on the activation's scheduler). The whole tick, when a price must be fetched, takes a grain
    /// turn of its own on the tick-work timer. A tick that finds a turn under way runs when the turn ends
    /// (<see cref="InTurnAsync"/>).
    /// </summary>
    private void OnTickDue(ScheduledTick tick)
    {
        if (!_latch.TryEnterTick())
        {
            return;
        }

        var held = false;
        try
        {
            if (tick != _scheduledTick || _pending != PendingTickWork.None || _ticking?.Status != BotStatus.Running)
            {
                return;
            }

            var started = instruments.StartTimestamp();
            var now = time.GetUtcNow();
            if (_trading is not { } trading || _loop is not { } loop || !TryObserve(trading, now))
            {
                QueueTickWork(PendingTickWork.WholeTick);
            }
            else if (trading.HasDecisions)
            {
                _latch.HoldTick();
                held = true;
                _ = EndHeldTickAsync(tick, loop, started, MakeHeldTradesAsync(trading, now));
            }
            else if (Saves.IsDue(now, traded: false, historyWaiting: !_unsaved.IsEmpty))
            {
                _latch.HoldTick();
                held = true;
                _ = EndHeldTickAsync(tick, loop, started, SaveAndFlushOnActivationAsync(now, saveOwed: false));
            }
            else
            {
                loop.RanAtOnce(started);
                tickDriver.Schedule(tick, loop.NextDue());
            }
        }
        finally
        {
            if (!held)
            {
                _latch.ExitTick();
            }
        }
    }

    /// <summary>
    /// Waits for what the tick left to do without a grain turn (its trades, or a routine save), then ends the tick and
    /// lets go of the latch. Each trade still waits for its count, so the quota stays exact. A trade through a turn
    /// (tick-work timer, message, call filters) was most of what a young collection found to mark while 100,000 bots
    /// traded, and every other call on the silo waited out those pauses; so were routine saves once trades no longer
    /// saved the state (about 450 turns a second at 100,000 bots on PostgreSQL).
    /// </summary>
    private async Task EndHeldTickAsync(ScheduledTick tick, TickLoop loop, long started, Task rest)
    {
        try
        {
            var end = await loop.RunHeldAsync(started, rest, IsOutage, IsStale);
            if (end != TickResult.Running)
            {
                _heldTickEnd = end;
                QueueTickWork(PendingTickWork.HeldTickEnded);
            }
            else
            {
                tickDriver.Schedule(tick, loop.NextDue());
            }
        }
        catch (Exception error)
        {
            // Nothing above is expected to throw (the loop counts the trade's errors); the bot ticks on either way.
            logger.LogWarning(error, "Bot {BotId}'s tick off its turns did not end cleanly", BotId);
            tickDriver.Schedule(tick, loop.NextDue());
        }
        finally
        {
            _latch.ExitTick();
        }
    }

    /// <summary>
    /// Counts and makes the trades off the activation's thread, where no persistent state may be touched. Without
    /// <see cref="BotOptions.SaveEachTrade"/> (the default) the trade goes to the history store at once and, with no save due
    /// and its events within the numbers reserved ahead, that is all. A save, a reservation or a watched log is the
    /// activation's: that rest runs on its scheduler, still under the held latch, as a tick-work turn would run it.
    /// </summary>
    private async Task MakeHeldTradesAsync(TradingSession trading, DateTimeOffset now)
    {
        var saveOwed = await WriteTradesToHistoryAsync(await trading.ActAsync(CountTrade));
        if (!Saves.IsDue(now, saveOwed, historyWaiting: !_unsaved.IsEmpty) && CanAppendEventsAtOnce(Events.Pending))
        {
            await Events.FlushAsync();
            return;
        }

        await SaveAndFlushOnActivationAsync(now, saveOwed);
    }

    // Its own method: the lambda's closure, made where it is declared, cost every held trade an object.
    private Task SaveAndFlushOnActivationAsync(DateTimeOffset now, bool saveOwed)
    {
        var rest = new Task<Task>(() => SaveAndFlushAsync(now, saveOwed));
        GrainContext.Scheduler.QueueTask(rest);
        return rest.Unwrap();
    }

    // An error here (none is expected of a known price) is left to the whole tick, which tells outages from failures.
    private bool TryObserve(TradingSession trading, DateTimeOffset now)
    {
        try
        {
            return trading.TryObserve(now);
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Bot {BotId} could not tick without waiting; the tick takes a turn of its own", BotId);
            return false;
        }
    }

    // The timer belongs to the activation: it is started there, between the bot's turns, at the cost of one work item.
    private void QueueTickWork(PendingTickWork work)
    {
        _pending = work;
        GrainContext.Scheduler.QueueAction(StartTickWorkOnActivation, this);
    }

    private void StartTickWork() => _tickWork?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    private async Task FinishTickAsync(CancellationToken cancellationToken)
    {
        if (_pending == PendingTickWork.None || _scheduledTick is not { } tick)
        {
            return;
        }

        var result = _pending switch
        {
            PendingTickWork.HeldTickEnded => _heldTickEnd ?? TickResult.Running,
            _ when Bot.Status != BotStatus.Running => TickResult.Running,
            _ => await Loop.RunAsync(_tickWhole ??= TickWholeAsync, IsOutage, IsStale, cancellationToken),
        };
        _heldTickEnd = null;
        if (tick != _scheduledTick)
        {
            return;
        }

        // The next tick is due one interval after this one ended, as with a timer's period.
        _pending = PendingTickWork.None;
        tickDriver.Schedule(tick, Loop.NextDue());
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

    private async Task TickWholeAsync(DateTimeOffset now)
    {
        var traded = await Trading.TickAsync(now, CountTrade);
        await SaveAndFlushAsync(now, traded);
    }

    private async Task SaveAndFlushAsync(DateTimeOffset now, bool traded)
    {
        traded = await WriteTradesToHistoryAsync(traded);

        // History an outage kept from its store is tried again at once, not with the next trade or save interval.
        if (Saves.IsDue(now, traded, historyWaiting: !_unsaved.IsEmpty))
        {
            Saves.Attempting(now);
            await SaveAsync();
        }

        // After the save: a reader never sees a trade that a crash could take back.
        await Events.FlushAsync();
    }

    /// <summary>
    /// Without <see cref="BotOptions.SaveEachTrade"/> readers see a trade in the history at once and the state that
    /// counts it is saved with the routine saves. Returns whether the trades still owe the state a save of their own.
    /// </summary>
    private async Task<bool> WriteTradesToHistoryAsync(bool traded)
    {
        if (!traded || _options.SaveEachTrade)
        {
            return traded;
        }

        await _unsaved.WriteAsync(history, BotId);
        return false;
    }

    private static bool IsStale(Exception error) => error is Orleans.Storage.InconsistentStateException;

    private static bool IsOutage(Exception error) =>
        error is OrleansException or TimeoutException or System.Data.Common.DbException or OperationCanceledException or MarketUnavailableException;

    private async Task FailAsync(string reason)
    {
        logger.LogWarning("Bot {BotId} of {UserId} failed: {Reason}", BotId, Bot.UserId, reason);
        StopTimers();
        var before = Bot.Status;
        await CloseCompanionsAsync();
        Bot.Failed(reason);
        await Lease.ReleaseAsync(() => Capacity.Release(BotId));
        await SaveAsync();
        _ = Roster.BotMoved(before, BotStatus.Failed);
        Events.Lifecycle(BotStatus.Failed, reason);
        await Events.FlushAsync();
    }

    /// <summary>Stores the unsaved history first (a trade is durable before the bot counts it as saved), then the state.</summary>
    private async Task SaveAsync()
    {
        await _unsaved.WriteAsync(history, BotId);
        _trading?.WriteBooks();
        await state.WriteStateAsync();
        Saves.Saved(time.GetUtcNow());
    }
}
