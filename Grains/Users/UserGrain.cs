using System.Security.Cryptography;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;

namespace OrleansBots.Users;

/// <summary>
/// One user. Its own bot limit (<c>max_bots</c>) is also held by the capacity grain, which admits bots with it:
/// the user grain sends it whenever it is set, so starting a bot never comes back here. Its bots' ticks count their
/// trades here, so a silo that stops hands it over with its bots (<see cref="TickTargetsHere"/>), with the platform
/// limits it read: a new activation would wait for the capacity grain, which may be moving at that moment too.
/// </summary>
public sealed class UserGrain(
    [PersistentState(StateNames.User, StateNames.Store)] IPersistentState<UserState> state,
    [PersistentState(StateNames.UserTrades, StateNames.Store)] IPersistentState<TradeCountState> trades,
    TimeProvider time,
    IOptions<UserOptions> options,
    TickTargetsHere tickTargets,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IGrainMigrationParticipant
{
    private const string PlatformLimitsKey = "user.platform-limits";
    private const string PlatformLimitsReadAtKey = "user.platform-limits-read-at";

    // Platform limits change rarely; reading them at most this often keeps trades off the capacity grain.
    private static readonly TimeSpan LimitsRefresh = TimeSpan.FromSeconds(5);

    private readonly SignalWindow _signals = new();
    private GroupCommit? _tradeCountWrites;
    private IGrainTimer? _tradeCountWriteTimer;
    private DayTrades _unreportedTrades;
    private bool _deleting;
    private PlatformLimits? _platformLimits;
    private DateTimeOffset _platformLimitsReadAt;
    private Task? _limitsRefresh;

    private ICapacityGrain Capacity => GrainFactory.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private IRosterShardGrain Roster => RosterShards.Of(GrainFactory, UserId);

    private GroupCommit TradeCountWrites => _tradeCountWrites ??= new GroupCommit(WriteTradeCountAsync);

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        tickTargets.Add(GrainContext);
        if (!trades.RecordExists && state.State.TradesToday > 0)
        {
            // Counted in the user's state before the count had its own; saved there with the next trade.
            trades.State = new TradeCountState { Day = state.State.TradesDay, Used = state.State.TradesToday };
        }

        if (state.State is { Exists: true, MaxBotsSentToCapacity: false, MaxBots: not null })
        {
            try
            {
                await Capacity.SetUserBotLimit(UserId, state.State.MaxBots);
                state.State.MaxBotsSentToCapacity = true;
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The user still works; the next activation sends the limit again.
                logger.LogWarning("User {UserId}: sending the bot limit to capacity failed ({Error}); retried on the next activation", UserId, error.Message);
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        tickTargets.Remove(GrainContext);
        if (_unreportedTrades.Count > 0)
        {
            // Trades counted without a write of their own (Users:WriteEachTrade off) are written before the count goes.
            try
            {
                await TradeCountWrites.CommitAsync().WaitAsync(cancellationToken);
            }
            catch (Exception error)
            {
                logger.LogWarning("User {UserId}: the last {Trades} trade(s) counted could not be written as the user's activation ended ({Error})", UserId, _unreportedTrades.Count, error.Message);
            }
        }
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_platformLimits is not null)
        {
            dehydrationContext.TryAddValue(PlatformLimitsKey, _platformLimits);
            dehydrationContext.TryAddValue(PlatformLimitsReadAtKey, _platformLimitsReadAt);
        }
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(PlatformLimitsKey, out PlatformLimits? limits)
            && rehydrationContext.TryGetValue(PlatformLimitsReadAtKey, out DateTimeOffset readAt))
        {
            (_platformLimits, _platformLimitsReadAt) = (limits, readAt);
        }
    }

    public async Task<bool> Register(byte[] apiKeyHash, UserLimits limits)
    {
        if (state.State.Exists)
        {
            return false;
        }

        if (limits.MaxBots is not null)
        {
            await Capacity.SetUserBotLimit(UserId, limits.MaxBots);
        }

        state.State = new UserState
        {
            Exists = true,
            CreatedAt = time.GetUtcNow(),
            ApiKeyHash = apiKeyHash,
            MaxBots = limits.MaxBots,
            MaxTradesPerDay = limits.MaxTradesPerDay,
            MaxOwnedBots = limits.MaxOwnedBots,
            MaxBotsSentToCapacity = true,
        };
        await state.WriteStateAsync();
        await Roster.UserAdded(UserId);
        return true;
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.State.Exists
        ? new UserProfile(
            UserId,
            state.State.CreatedAt,
            state.State.MaxBots,
            state.State.MaxTradesPerDay,
            state.State.BotIds.ToList(),
            Quota().UsedOn(time.GetUtcNow()))
        {
            Disabled = state.State.Disabled,
            MaxOwnedBots = state.State.MaxOwnedBots,
            KeyRevoked = state.State.ApiKeyHash.Length == 0,
        }
        : null);

    public Task<KeyCheck> CheckKey(byte[] apiKeyHash) => Task.FromResult(
        !state.State.Exists || state.State.ApiKeyHash.Length == 0 || !CryptographicOperations.FixedTimeEquals(state.State.ApiKeyHash, apiKeyHash)
            ? KeyCheck.Invalid
            : state.State.Disabled ? KeyCheck.Disabled : KeyCheck.Valid);

    // Keys are checked here, in the user's one activation, and never cached elsewhere: a new key takes effect on every silo at once.
    public async Task<bool> ReplaceApiKey(byte[] apiKeyHash)
    {
        if (!state.State.Exists)
        {
            return false;
        }

        state.State.ApiKeyHash = apiKeyHash;
        await state.WriteStateAsync();
        return true;
    }

    public Task<bool> RevokeApiKey() => ReplaceApiKey([]);

    public async Task<bool> SetDisabled(bool disabled)
    {
        if (!state.State.Exists)
        {
            return false;
        }

        if (state.State.Disabled != disabled)
        {
            state.State.Disabled = disabled;
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task<bool> Delete()
    {
        if (!state.State.Exists)
        {
            return false;
        }

        // Trades (interleaved with this call) are refused from here on, and the count's last write is waited for:
        // it must not land after the clear.
        _deleting = true;
        _tradeCountWriteTimer?.Dispose();
        _tradeCountWriteTimer = null;
        try
        {
            await TradeCountWrites.CommitAsync();

            // Unlisted first: a delete that fails after it is retried on a user who still exists.
            await Roster.UserRemoved(UserId, trades.State.Day, trades.State.Used);
            await Capacity.SetUserBotLimit(UserId, null);
            await trades.ClearStateAsync();
            await state.ClearStateAsync();
        }
        finally
        {
            _deleting = false;
        }

        (state.State, trades.State) = (new UserState(), new TradeCountState());
        DeactivateOnIdle();
        return true;
    }

    public async Task<OwnedBotsAnswer> TryAddBot(string botId)
    {
        var limit = state.State.MaxOwnedBots ?? options.Value.MaxOwnedBots;
        var owned = state.State.BotIds.Count;
        if (!state.State.Exists || (!state.State.BotIds.Contains(botId) && owned >= limit))
        {
            return new OwnedBotsAnswer(false, owned, limit);
        }

        await AddBot(botId);
        return new OwnedBotsAnswer(true, state.State.BotIds.Count, limit);
    }

    public Task<UserLimits> GetLimits() => Task.FromResult(new UserLimits(state.State.MaxBots, state.State.MaxTradesPerDay, state.State.MaxOwnedBots));

    public async Task<UserLimits> ChangeLimits(UserLimits limits)
    {
        // Capacity first: if it cannot take the limit, the change fails as a whole.
        await Capacity.SetUserBotLimit(UserId, limits.MaxBots);
        state.State.MaxBots = limits.MaxBots;
        state.State.MaxBotsSentToCapacity = true;
        state.State.MaxTradesPerDay = limits.MaxTradesPerDay;
        state.State.MaxOwnedBots = limits.MaxOwnedBots;
        await state.WriteStateAsync();
        return limits;
    }

    public async Task AddBot(string botId)
    {
        if (!state.State.BotIds.Contains(botId))
        {
            state.State.BotIds.Add(botId);
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveBot(string botId)
    {
        if (state.State.BotIds.Remove(botId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<TradeQuotaAnswer> TryCountTrade() => (await TryCountTrades(1)).For(0);

    /// <summary>
    /// Interleaved (<see cref="IUserGrain.TryCountTrades"/>): the count is checked and taken within one turn, and the trades
    /// counted while the count is being written share the next write (<see cref="TradeCountWrites"/>). When a symbol's
    /// price crosses, every bot trading it trades in the same few seconds: 125 trades of one user then cost a few writes,
    /// not 125 in a row; and a silo's bots ask together (<see cref="TradeCountBatches"/>), not in a call each.
    /// </summary>
    public async Task<TradeCountAnswer> TryCountTrades(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var now = time.GetUtcNow();
        var limit = state.State.MaxTradesPerDay ?? (await PlatformLimitsAsync(now)).MaxTradesPerDay;
        var quota = Quota();
        var counted = _deleting ? 0 : quota.TryUse(count, limit, now);
        if (counted > 0)
        {
            trades.State.Day = quota.Day;
            trades.State.Used = quota.Used;
            _unreportedTrades = _unreportedTrades.Plus(quota.Day, counted);
            if (options.Value.WriteEachTrade == false)
            {
                _tradeCountWriteTimer ??= this.RegisterGrainTimer(WriteDelayedTradeCountAsync, options.Value.TradeCountWriteDelay, Timeout.InfiniteTimeSpan);
            }
            else
            {
                await TradeCountWrites.CommitAsync();
            }
        }

        return new TradeCountAnswer(counted, quota.UsedOn(now), limit, DailyQuota.NextResetAfter(now));
    }

    private async Task WriteDelayedTradeCountAsync(CancellationToken cancellationToken)
    {
        _tradeCountWriteTimer?.Dispose();
        _tradeCountWriteTimer = null;
        try
        {
            await TradeCountWrites.CommitAsync();
        }
        catch (Exception error)
        {
            // Still counted here; the next trade, or the end of the activation, writes it.
            logger.LogWarning("User {UserId}: writing the trade count failed ({Error}); written again with the next trade", UserId, error.Message);
        }
    }

    /// <summary>Writes the trade count with every trade counted so far, then tells the roster how many that was.</summary>
    private async Task WriteTradeCountAsync()
    {
        var reported = _unreportedTrades;
        _unreportedTrades = reported with { Count = 0 };
        try
        {
            await trades.WriteStateAsync();
        }
        catch
        {
            // Counted here all the same (a failed trade leaves the quota used, as it always did); the roster hears of it with the next write.
            _unreportedTrades = _unreportedTrades.Plus(reported.Day, reported.Count);
            throw;
        }

        if (reported.Count > 0)
        {
            _ = Roster.TradesCounted(reported.Day, reported.Count);
        }
    }

    public async Task<SignalQuotaAnswer> TryCountSignal()
    {
        var now = time.GetUtcNow();
        var limit = (await PlatformLimitsAsync(now)).MaxSignalsPerMinute;
        return _signals.TryAdd(limit, now);
    }

    private DailyQuota Quota() => new(trades.State.Day, trades.State.Used);

    /// <summary>
    /// The limits read last; when they are older than <see cref="LimitsRefresh"/> they are read again in the background
    /// while this call goes on with them. Awaiting that read made every trade of the platform wait, up to every 5 s, for
    /// the capacity grain: after its silo stopped or died, until it was active again on another silo (6.6 s after a
    /// SIGTERM in a chaos run). Only a new activation, which knows no limits yet, waits for them.
    /// </summary>
    private async ValueTask<PlatformLimits> PlatformLimitsAsync(DateTimeOffset now)
    {
        if (_platformLimits is null)
        {
            _platformLimits = await Capacity.GetLimits();
            _platformLimitsReadAt = now;
        }
        else if (now - _platformLimitsReadAt > LimitsRefresh && _limitsRefresh is null or { IsCompleted: true })
        {
            _limitsRefresh = RefreshLimitsAsync();
        }

        return _platformLimits;
    }

    private async Task RefreshLimitsAsync()
    {
        try
        {
            _platformLimits = await Capacity.GetLimits();
            _platformLimitsReadAt = time.GetUtcNow();
        }
        catch (Exception error)
        {
            // The limits read last stand; the next call after this one tries again.
            logger.LogDebug("User {UserId}: reading the platform limits failed ({Error}); the last ones stand", UserId, error.Message);
        }
    }
}
