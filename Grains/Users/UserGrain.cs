using System.Security.Cryptography;
using OrleansBots.Capacity;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;

namespace OrleansBots.Users;

public sealed class UserGrain(
    [PersistentState(StateNames.User, StateNames.Store)] IPersistentState<UserState> state,
    TimeProvider time) : Grain, IUserGrain
{
    // Platform limits change rarely; reading them at most this often keeps trades off the capacity grain.
    private static readonly TimeSpan LimitsRefresh = TimeSpan.FromSeconds(5);

    private readonly SignalWindow _signals = new();
    private PlatformLimits? _platformLimits;
    private DateTimeOffset _platformLimitsReadAt;

    public async Task<bool> Register(byte[] apiKeyHash, UserLimits limits)
    {
        if (state.State.Exists)
        {
            return false;
        }

        state.State = new UserState
        {
            Exists = true,
            CreatedAt = time.GetUtcNow(),
            ApiKeyHash = apiKeyHash,
            MaxBots = limits.MaxBots,
            MaxTradesPerDay = limits.MaxTradesPerDay,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IRosterGrain>(IRosterGrain.GlobalKey).UserRegistered(this.GetPrimaryKeyString());
        return true;
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.State.Exists
        ? new UserProfile(
            this.GetPrimaryKeyString(),
            state.State.CreatedAt,
            state.State.MaxBots,
            state.State.MaxTradesPerDay,
            state.State.BotIds.ToList(),
            Quota().UsedOn(time.GetUtcNow()))
        : null);

    public Task<bool> Authenticate(byte[] apiKeyHash) => Task.FromResult(
        state.State.Exists && CryptographicOperations.FixedTimeEquals(state.State.ApiKeyHash, apiKeyHash));

    public Task<UserLimits> GetLimits() => Task.FromResult(new UserLimits(state.State.MaxBots, state.State.MaxTradesPerDay));

    public async Task<UserLimits> ChangeLimits(UserLimits limits)
    {
        state.State.MaxBots = limits.MaxBots;
        state.State.MaxTradesPerDay = limits.MaxTradesPerDay;
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

    public async Task<TradeQuotaAnswer> TryCountTrade()
    {
        var now = time.GetUtcNow();
        var limit = state.State.MaxTradesPerDay ?? (await PlatformLimitsAsync(now)).MaxTradesPerDay;
        var quota = Quota();
        var allowed = quota.TryUse(limit, now);
        if (allowed)
        {
            state.State.TradesDay = quota.Day;
            state.State.TradesToday = quota.Used;
            await state.WriteStateAsync();
        }

        return new TradeQuotaAnswer(allowed, quota.UsedOn(now), limit, DailyQuota.NextResetAfter(now));
    }

    public async Task<SignalQuotaAnswer> TryCountSignal()
    {
        var now = time.GetUtcNow();
        var limit = (await PlatformLimitsAsync(now)).MaxSignalsPerMinute;
        return _signals.TryAdd(limit, now);
    }

    private DailyQuota Quota() => new(state.State.TradesDay, state.State.TradesToday);

    private async ValueTask<PlatformLimits> PlatformLimitsAsync(DateTimeOffset now)
    {
        if (_platformLimits is null || now - _platformLimitsReadAt > LimitsRefresh)
        {
            _platformLimits = await GrainFactory.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetLimits();
            _platformLimitsReadAt = now;
        }

        return _platformLimits;
    }
}
