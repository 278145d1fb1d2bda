using OrleansBots.Capacity;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Bots;

/// <summary>
/// One bot. While running it ticks on a grain timer and renews its capacity lease on another. Its saved
/// status is the truth after a restart: a bot saved as running resumes by itself when it is activated.
/// Its ticks take turns through the silo's <see cref="TickGate"/>, and it is placed away from overloaded silos.
/// </summary>
[LoadAwarePlacement]
public sealed class BotGrain(
    [PersistentState(StateNames.Bot, StateNames.Store)] IPersistentState<BotState> state,
    IMarketData market,
    IOptions<BotOptions> options,
    IOptions<CapacityOptions> capacityOptions,
    Measurements measurements,
    TimeProvider time,
    TickGate ticks,
    ILogger<BotGrain> logger) : Grain, IBotGrain
{
    private readonly BotOptions _options = options.Value;
    private readonly Dictionary<string, MovingAverageCrossover> _strategies = new(StringComparer.Ordinal);
    private IGrainTimer? _tickTimer;
    private IGrainTimer? _renewTimer;
    private DateTimeOffset _lastSave;
    private int _tickFailures;
    private int _outageTicks;
    private int? _userMaxBots;

    // When the tick timer is due next (a TimeProvider timestamp): how late a tick starts is its lag. Grain
    // timers count the period from the end of the previous tick, so that is where the next due time is set.
    private long _tickDue;

    // Set when another activation of this bot saved in the meantime (possible for a moment after a silo
    // crash): this one stops without touching the lease or the saved state.
    private bool _stale;

    private BotState Bot => state.State;

    private bool Exists => Bot.UserId is not null && Bot.Definition is not null && !Bot.Deleted;

    private string BotId => this.GetPrimaryKeyString();

    private ICapacityGrain Capacity => GrainFactory.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private IUserGrain Owner => GrainFactory.GetGrain<IUserGrain>(Bot.UserId!);

    private IRosterGrain Directory => GrainFactory.GetGrain<IRosterGrain>(IRosterGrain.GlobalKey);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists && Bot.Status == BotStatus.Running)
        {
            await ResumeAfterRestartAsync();
        }
    }

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
        }
    }

    public async Task<BotInfo> Create(string userId, BotDefinition definition)
    {
        if (Exists)
        {
            throw new InvalidOperationException($"Bot {BotId} already exists");
        }

        state.State = new BotState
        {
            UserId = userId,
            Definition = definition,
            Status = BotStatus.Created,
            CreatedAt = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        await Owner.AddBot(BotId);
        _ = Directory.BotChanged(BotId, BotStatus.Created);
        return Info();
    }

    public Task<BotInfo?> GetInfo() => Task.FromResult(Exists ? Info() : null);

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
        Admission admission;
        try
        {
            _userMaxBots = (await Owner.GetLimits()).MaxBots;
            admission = await Capacity.TryAcquire(BotId, Bot.UserId!, _userMaxBots);
        }
        catch
        {
            Bot.Status = before;
            throw;
        }

        if (!admission.Holds)
        {
            Bot.Status = before;
            var outcome = admission.Outcome == AdmissionOutcome.PlatformFull ? StartOutcome.PlatformFull : StartOutcome.UserLimitReached;
            logger.LogInformation("Bot {BotId} of {UserId} not started: {Outcome} ({Current}/{Max})", BotId, Bot.UserId, admission.Outcome, admission.CurrentBots, admission.MaxBots);
            return new StartResult(outcome, Info(), admission);
        }

        Bot.Status = BotStatus.Running;
        Bot.StartedAt = time.GetUtcNow();
        Bot.FailureReason = null;
        try
        {
            await SaveAsync();
        }
        catch
        {
            Bot.Status = before;
            await Capacity.Release(BotId);
            throw;
        }

        StartTimers();
        _ = Directory.BotChanged(BotId, BotStatus.Running);
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
            _ = Directory.BotChanged(BotId, BotStatus.Stopped);
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
        _ = Directory.BotDeleted(BotId);
        await state.ClearStateAsync();
        state.State = new BotState();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<Trade>> GetTrades(int limit) =>
        Task.FromResult<IReadOnlyList<Trade>>(Bot.Trades.AsEnumerable().Reverse().Take(limit).ToList());

    public Task<IReadOnlyList<Signal>> GetSignals(int limit) =>
        Task.FromResult<IReadOnlyList<Signal>>(Bot.Signals.AsEnumerable().Reverse().Take(limit).ToList());

    public async Task<ChatAnswer> Ask(string message)
    {
        if (!Exists)
        {
            return new ChatAnswer(ChatOutcome.NotFound, null, null);
        }

        if (Bot.Definition!.Kind != BotKind.Chat)
        {
            return new ChatAnswer(ChatOutcome.NotChatBot, null, null);
        }

        if (Bot.Status != BotStatus.Running)
        {
            return new ChatAnswer(ChatOutcome.NotRunning, null, null);
        }

        var quota = await Owner.TryCountSignal();
        if (!quota.Allowed)
        {
            return new ChatAnswer(ChatOutcome.SignalLimitReached, null, quota);
        }

        var now = time.GetUtcNow();
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var symbol in Bot.Definition.Symbols)
        {
            try
            {
                prices[symbol] = await market.PriceAsync(symbol, now);
            }
            catch (MarketUnavailableException)
            {
                // The reply says so for this symbol.
            }
        }

        var responder = new ChatResponder(Bot.Definition.Symbols, symbol => prices.TryGetValue(symbol, out var price) ? price : null);
        var reply = new ChatReply(now, message, responder.Reply(message, Info()));
        Bot.Replies.Add(reply);
        if (Bot.Replies.Count > _options.SignalsKept)
        {
            Bot.Replies.RemoveRange(0, Bot.Replies.Count - _options.SignalsKept);
        }

        await SaveAsync();
        measurements.Count(MetricNames.FeedItemsProcessed, 1, new KeyValuePair<string, object?>("kind", "chat_message"));
        return new ChatAnswer(ChatOutcome.Replied, reply, quota);
    }

    public Task<IReadOnlyList<ChatReply>> GetReplies(int limit) =>
        Task.FromResult<IReadOnlyList<ChatReply>>(Bot.Replies.AsEnumerable().Reverse().Take(limit).ToList());

    public Task<bool> Resume() => Task.FromResult(Exists && Bot.Status == BotStatus.Running);

    private BotInfo Info() => new(
        BotId,
        Bot.UserId!,
        Bot.Definition!,
        Bot.Status,
        Bot.FailureReason,
        Bot.CreatedAt,
        Bot.StartedAt,
        Bot.Ticks,
        Bot.LastTickAt,
        Bot.TradesTotal,
        Bot.Restarts,
        Bot.Status == BotStatus.Running ? RuntimeIdentity : null);

    private async Task ResumeAfterRestartAsync()
    {
        Bot.Restarts++;
        try
        {
            _userMaxBots = (await Owner.GetLimits()).MaxBots;
            var admission = await Capacity.Renew(BotId, Bot.UserId!, _userMaxBots);
            if (!admission.Holds)
            {
                await FailAsync($"Could not get its running slot back after a restart ({admission.Outcome}: {admission.CurrentBots}/{admission.MaxBots})");
                return;
            }
        }
        catch (Exception error)
        {
            // Capacity unreachable for now (its silo may be the one that died): keep running, the renewal timer retries.
            logger.LogWarning(error, "Bot {BotId} resumed without confirming its lease; will retry", BotId);
        }

        StartTimers();
        logger.LogInformation("Bot {BotId} of {UserId} resumed on {Silo} (restart #{Restarts})", BotId, Bot.UserId, RuntimeIdentity, Bot.Restarts);
    }

    private void StartTimers()
    {
        StopTimers();
        if (Bot.Definition!.Kind == BotKind.Trading)
        {
            var tick = TimeSpan.FromSeconds(Bot.Definition.TickSeconds);
            _tickDue = DueIn(tick);
            _tickTimer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions { DueTime = tick, Period = tick, KeepAlive = true });
        }

        var renew = capacityOptions.Value.RenewInterval;
        _renewTimer = this.RegisterGrainTimer(RenewLeaseAsync, new GrainTimerCreationOptions { DueTime = renew, Period = renew, KeepAlive = true });
    }

    private void StopTimers()
    {
        _tickTimer?.Dispose();
        _renewTimer?.Dispose();
        _tickTimer = null;
        _renewTimer = null;
    }

    private async Task RenewLeaseAsync(CancellationToken cancellationToken)
    {
        if (Bot.Status != BotStatus.Running)
        {
            return;
        }

        try
        {
            var admission = await Capacity.Renew(BotId, Bot.UserId!, _userMaxBots);
            if (!admission.Holds)
            {
                await FailAsync($"Lost its running slot and the platform could not admit it again ({admission.Outcome}: {admission.CurrentBots}/{admission.MaxBots})");
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Bot {BotId} could not renew its lease; will retry", BotId);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (Bot.Status != BotStatus.Running)
        {
            return;
        }

        using var turn = await TakeTickTurnAsync(cancellationToken);
        if (turn is null)
        {
            return;
        }

        var started = measurements.StartTimestamp();
        var lag = time.GetElapsedTime(_tickDue, started);
        measurements.TrackDuration(MetricNames.BotTickLag, lag > TimeSpan.Zero ? lag : TimeSpan.Zero);
        var succeeded = false;
        try
        {
            var now = time.GetUtcNow();
            Bot.Ticks++;
            Bot.LastTickAt = now;
            var traded = false;
            foreach (var symbol in Bot.Definition!.Symbols)
            {
                traded |= await TickSymbolAsync(symbol, now);
            }

            if (traded || now - _lastSave >= _options.SaveInterval)
            {
                await SaveAsync();
            }

            _tickFailures = 0;
            _outageTicks = 0;
            succeeded = true;
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            logger.LogWarning("Bot {BotId}: another activation saved it meanwhile; this activation stops", BotId);
            _stale = true;
            StopTimers();
            DeactivateOnIdle();
        }
        catch (Exception error) when (IsOutage(error))
        {
            // Storage or another grain is unreachable: not the bot's fault. It keeps running and the next
            // tick retries (an unsaved tick is saved by a later one; a trade is only made once it is counted).
            if (_outageTicks++ % 30 == 0)
            {
                logger.LogWarning("Bot {BotId} keeps running through an outage ({Ticks} tick(s) so far): {Error}", BotId, _outageTicks, error.Message);
            }
        }
        catch (Exception error)
        {
            _tickFailures++;
            logger.LogWarning(error, "Tick {Failures} of bot {BotId} failed", _tickFailures, BotId);
            if (_tickFailures >= _options.MaxConsecutiveTickFailures)
            {
                await FailAsync($"{_tickFailures} ticks in a row failed; last error: {error.Message}");
            }
        }
        finally
        {
            measurements.RecordOperation(MetricNames.Operations.BotTick, started, succeeded);
            _tickDue = DueIn(TimeSpan.FromSeconds(Bot.Definition!.TickSeconds));
        }
    }

    private long DueIn(TimeSpan delay) => time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);

    /// <summary>Waits for this silo's tick budget; null when the tick is to be skipped (queue full, or the bot is deactivating).</summary>
    private async Task<System.Threading.RateLimiting.RateLimitLease?> TakeTickTurnAsync(CancellationToken cancellationToken)
    {
        try
        {
            var turn = await ticks.EnterAsync(cancellationToken);
            if (turn.IsAcquired)
            {
                return turn;
            }

            turn.Dispose();
            logger.LogWarning("Bot {BotId} skipped a tick: {Waiting} ticks are already waiting on this silo ({Skipped} skipped so far)", BotId, ticks.Waiting, ticks.Skipped);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<bool> TickSymbolAsync(string symbol, DateTimeOffset now)
    {
        var price = await market.PriceAsync(symbol, now);
        var strategy = StrategyFor(symbol);
        var decision = strategy.Observe(price);
        if (decision == CrossoverDecision.Hold)
        {
            return false;
        }

        var tradeStarted = measurements.StartTimestamp();
        TradeQuotaAnswer quota;
        try
        {
            quota = await Owner.TryCountTrade();
        }
        catch
        {
            measurements.RecordOperation(MetricNames.Operations.Trade, tradeStarted, succeeded: false);
            measurements.Count(MetricNames.Trades, 1, new KeyValuePair<string, object?>("status", "failed"));
            throw;
        }

        var side = decision == CrossoverDecision.Buy ? TradeSide.Buy : TradeSide.Sell;
        if (!quota.Allowed)
        {
            measurements.RecordOperation(MetricNames.Operations.Trade, tradeStarted, succeeded: true);
            measurements.Count(MetricNames.Trades, 1, new KeyValuePair<string, object?>("status", "refused"));
            AddSignal(new Signal(now, symbol, "refused",
                $"{side} {symbol} at {price} refused: daily trade limit reached ({quota.UsedToday}/{quota.Limit}); resets at {quota.ResetsAt:yyyy-MM-ddTHH:mm:ssZ}"));
            return true;
        }

        strategy.Filled(decision);
        Bot.TradesTotal++;
        var trade = new Trade($"{BotId}-{Bot.TradesTotal}", symbol, side, price, Bot.Definition!.TradeQuantity, now);
        Bot.Trades.Add(trade);
        if (Bot.Trades.Count > _options.TradesKept)
        {
            Bot.Trades.RemoveRange(0, Bot.Trades.Count - _options.TradesKept);
        }

        AddSignal(new Signal(now, symbol, side == TradeSide.Buy ? "buy" : "sell",
            $"{side} {trade.Quantity} {symbol} at {price}: short average crossed {(side == TradeSide.Buy ? "above" : "below")} long average"));
        measurements.RecordOperation(MetricNames.Operations.Trade, tradeStarted, succeeded: true);
        measurements.Count(MetricNames.Trades, 1, new KeyValuePair<string, object?>("status", "filled"));
        return true;
    }

    private static bool IsOutage(Exception error) =>
        error is OrleansException or TimeoutException or System.Data.Common.DbException or OperationCanceledException or MarketUnavailableException;

    private MovingAverageCrossover StrategyFor(string symbol)
    {
        if (!_strategies.TryGetValue(symbol, out var strategy))
        {
            var book = Bot.Books.GetValueOrDefault(symbol) ?? new SymbolBook();
            strategy = new MovingAverageCrossover(Bot.Definition!.ShortWindow, Bot.Definition.LongWindow, [.. book.Prices], book.Holding);
            _strategies[symbol] = strategy;
        }

        return strategy;
    }

    private void AddSignal(Signal signal)
    {
        Bot.Signals.Add(signal);
        if (Bot.Signals.Count > _options.SignalsKept)
        {
            Bot.Signals.RemoveRange(0, Bot.Signals.Count - _options.SignalsKept);
        }
    }

    private async Task FailAsync(string reason)
    {
        logger.LogWarning("Bot {BotId} of {UserId} failed: {Reason}", BotId, Bot.UserId, reason);
        StopTimers();
        Bot.Status = BotStatus.Failed;
        Bot.FailureReason = reason;
        try
        {
            await Capacity.Release(BotId);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Bot {BotId} could not release its lease; it expires by itself", BotId);
        }

        await SaveAsync();
        _ = Directory.BotChanged(BotId, BotStatus.Failed);
    }

    private async Task SaveAsync()
    {
        foreach (var (symbol, strategy) in _strategies)
        {
            Bot.Books[symbol] = new SymbolBook { Prices = [.. strategy.Prices], Holding = strategy.Holding };
        }

        await state.WriteStateAsync();
        _lastSave = time.GetUtcNow();
    }
}
