using Orleans.CodeGeneration;
using OrleansBots.Quotas;

namespace OrleansBots.Users;

/// <summary>One user (key: the user id): profile, API key hash, limits, bots owned, trades today.</summary>
/// <remarks>
/// Version 1 added <see cref="TryCountTrades"/>: during a rolling upgrade a call to it that finds the user active on a
/// silo of the previous version makes Orleans move the user to a silo that has it, instead of failing the trade.
/// </remarks>
[Alias("OrleansBots.IUserGrain"), Version(1)]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Registers the user (their own bot limit goes to the capacity grain); returns false when the user already exists.</summary>
    [Alias("Register")]
    Task<bool> Register(byte[] apiKeyHash, UserLimits limits);

    /// <summary>The profile, or null when the user does not exist.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<UserProfile?> GetProfile();

    /// <summary>Whether the hash is the user's API key (compared in constant time) and the user may use it.</summary>
    [Alias("CheckKey"), ReadOnly]
    Task<KeyCheck> CheckKey(byte[] apiKeyHash);

    /// <summary>Replaces the API key: the old one is refused from this call on, on every silo. False when there is no such user.</summary>
    [Alias("ReplaceApiKey")]
    Task<bool> ReplaceApiKey(byte[] apiKeyHash);

    /// <summary>Revokes the API key: no key works until <see cref="ReplaceApiKey"/>. False when there is no such user.</summary>
    [Alias("RevokeApiKey")]
    Task<bool> RevokeApiKey();

    /// <summary>Disables or enables the user; their bots are stopped by the caller. False when there is no such user.</summary>
    [Alias("SetDisabled")]
    Task<bool> SetDisabled(bool disabled);

    /// <summary>
    /// Removes the user's record (profile, key hash, limits, quotas; their bot limit in the capacity grain). Their bots
    /// must be deleted first. False when there is no such user.
    /// </summary>
    [Alias("Delete")]
    Task<bool> Delete();

    /// <summary>Adds a bot about to be created when the user owns fewer than their cap; the answer says which cap refused it.</summary>
    [Alias("TryAddBot")]
    Task<OwnedBotsAnswer> TryAddBot(string botId);

    [Alias("GetLimits"), ReadOnly]
    Task<UserLimits> GetLimits();

    /// <summary>Changes the user's own limits; the bot limit is set in the capacity grain first, which admits their bots with it.</summary>
    [Alias("ChangeLimits")]
    Task<UserLimits> ChangeLimits(UserLimits limits);

    /// <summary>Records a bot the user owns (no cap: <see cref="TryAddBot"/> checked it before the bot was created).</summary>
    [Alias("AddBot")]
    Task AddBot(string botId);

    [Alias("RemoveBot")]
    Task RemoveBot(string botId);

    /// <summary>
    /// Counts one trade against today's quota (UTC day) unless the quota is used up; completes once the count is stored.
    /// Interleaves with the user's other calls, so that the trades of a burst share their writes.
    /// </summary>
    [Alias("TryCountTrade"), AlwaysInterleave]
    Task<TradeQuotaAnswer> TryCountTrade();

    /// <summary>
    /// Counts as many of <paramref name="count"/> trades against today's quota as it has room for (the first asked first);
    /// completes once the count is stored. Interleaves like <see cref="TryCountTrade"/>. A silo's bots ask through it
    /// together, one call per user at a time (<c>TradeCountBatches</c>); <see cref="TryCountTrade"/> stays for bots on
    /// silos of the previous version during a rolling upgrade.
    /// </summary>
    [Alias("TryCountTrades"), AlwaysInterleave]
    Task<TradeCountAnswer> TryCountTrades(int count);

    /// <summary>Counts one signal (a chat reply) against MAX_SIGNALS_PER_MINUTE unless the last minute is full.</summary>
    [Alias("TryCountSignal")]
    Task<SignalQuotaAnswer> TryCountSignal();
}
