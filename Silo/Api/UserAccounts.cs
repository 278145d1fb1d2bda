using OrleansBots.Bots;
using OrleansBots.Silo.Auth;
using OrleansBots.Users;

namespace OrleansBots.Silo.Api;

/// <summary>
/// A user's account lifecycle across grains: the user grain holds the key and the flag, and the bots are stopped or
/// deleted from here (a bot reports back to its user grain, which must not be waiting on it meanwhile).
/// </summary>
public sealed class UserAccounts(IGrainFactory grains, ApiKeySigner signer, ILogger<UserAccounts> logger)
{
    /// <summary>A new key for the user; the old one is refused from now on, on every silo. Null when there is no such user.</summary>
    public async Task<string?> RotateKeyAsync(string userId)
    {
        var apiKey = await signer.NewKeyAsync(userId);
        return await User(userId).ReplaceApiKey(ApiKeys.Hash(apiKey)) ? apiKey : null;
    }

    public Task<bool> RevokeKeyAsync(string userId) => User(userId).RevokeApiKey();

    /// <summary>Disables the user (their key is refused) and stops their bots, which frees their slots. False when there is no such user.</summary>
    public async Task<bool> DisableAsync(string userId)
    {
        var user = User(userId);
        if (await user.GetProfile() is not { } profile || !await user.SetDisabled(true))
        {
            return false;
        }

        foreach (var botId in profile.BotIds)
        {
            await grains.GetGrain<IBotGrain>(botId).Stop();
        }

        logger.LogInformation("User {UserId} disabled; {Bots} bots stopped", userId, profile.BotIds.Count);
        return true;
    }

    public Task<bool> EnableAsync(string userId) => User(userId).SetDisabled(false);

    /// <summary>
    /// Deletes the user: disabled first (no new bots meanwhile), then every bot (stopped, slot freed, record removed),
    /// then the user's record. Null when there is no such user; else the bots deleted.
    /// </summary>
    public async Task<IReadOnlyList<string>?> DeleteAsync(string userId)
    {
        var user = User(userId);
        if (await user.GetProfile() is not { } profile || !await user.SetDisabled(true))
        {
            return null;
        }

        foreach (var botId in profile.BotIds)
        {
            await grains.GetGrain<IBotGrain>(botId).Delete();
        }

        await user.Delete();
        logger.LogInformation("User {UserId} deleted with {Bots} bots", userId, profile.BotIds.Count);
        return profile.BotIds;
    }

    private IUserGrain User(string userId) => grains.GetGrain<IUserGrain>(userId);
}
