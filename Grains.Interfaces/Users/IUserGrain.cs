using OrleansBots.Quotas;

namespace OrleansBots.Users;

/// <summary>One user (key: the user id): profile, API key hash, limits, bots owned, trades today.</summary>
[Alias("OrleansBots.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Registers the user (their own bot limit goes to the capacity grain); returns false when the user already exists.</summary>
    [Alias("Register")]
    Task<bool> Register(byte[] apiKeyHash, UserLimits limits);

    /// <summary>The profile, or null when the user does not exist.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<UserProfile?> GetProfile();

    /// <summary>True when the hash matches the user's API key (compared in constant time).</summary>
    [Alias("Authenticate"), ReadOnly]
    Task<bool> Authenticate(byte[] apiKeyHash);

    [Alias("GetLimits"), ReadOnly]
    Task<UserLimits> GetLimits();

    /// <summary>Changes the user's own limits; the bot limit is set in the capacity grain first, which admits their bots with it.</summary>
    [Alias("ChangeLimits")]
    Task<UserLimits> ChangeLimits(UserLimits limits);

    [Alias("AddBot")]
    Task AddBot(string botId);

    [Alias("RemoveBot")]
    Task RemoveBot(string botId);

    /// <summary>Counts one trade against today's quota (UTC day) unless the quota is used up.</summary>
    [Alias("TryCountTrade")]
    Task<TradeQuotaAnswer> TryCountTrade();

    /// <summary>Counts one signal (a chat reply) against MAX_SIGNALS_PER_MINUTE unless the last minute is full.</summary>
    [Alias("TryCountSignal")]
    Task<SignalQuotaAnswer> TryCountSignal();
}
