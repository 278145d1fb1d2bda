namespace OrleansBots.Capacity;

/// <summary>
/// Admission of running bots for the whole platform (key <see cref="GlobalKey"/>). A running bot holds a
/// lease that it renews; a lease that is not renewed expires and frees its slot.
/// </summary>
[Alias("OrleansBots.ICapacityGrain")]
public interface ICapacityGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    /// <summary>
    /// Grants a lease to <paramref name="botId"/> unless the platform or the user is at its limit (the user's own
    /// limit set by <see cref="SetUserBotLimit"/>, else MAX_BOTS_PER_USER).
    /// </summary>
    [Alias("TryAcquireForUser")]
    Task<Admission> TryAcquire(string botId, string userId);

    /// <summary>Extends the bot's lease; re-admits it within the limits when its lease had expired.</summary>
    [Alias("RenewForUser")]
    Task<Admission> Renew(string botId, string userId);

    /// <summary>
    /// Extends the leases of one silo's running bots in one call: the silo's renewal summary, sent once per renew
    /// interval whatever the number of its bots. Answers the ids among them that hold no lease; only those bots renew
    /// one by one (<see cref="Renew"/>), which admits them again within the limits or makes them fail.
    /// </summary>
    [Alias("RenewHeld")]
    Task<string[]> RenewHeld([Immutable] string[] botIds);

    /// <summary>
    /// Sets a user's own limit of running bots (their <c>max_bots</c>); null goes back to MAX_BOTS_PER_USER. Kept
    /// across restarts. Lowering it stops no bot.
    /// </summary>
    [Alias("SetUserBotLimit")]
    Task SetUserBotLimit(string userId, int? maxBots);

    /// <summary>Frees the bot's slot. Releasing a bot without a lease does nothing.</summary>
    [Alias("Release")]
    Task Release(string botId);

    [Alias("GetCapacity"), ReadOnly]
    Task<CapacitySnapshot> GetCapacity();

    [Alias("GetReport"), ReadOnly]
    Task<CapacityReport> GetReport();

    [Alias("GetLimits"), ReadOnly]
    Task<PlatformLimits> GetLimits();

    /// <summary>Changes limits while running; kept across restarts. Lowering a limit stops no bot.</summary>
    [Alias("ChangeLimits")]
    Task<PlatformLimits> ChangeLimits(LimitsChange change);

    /// <summary>The number of running bots held by one user.</summary>
    [Alias("GetUserBots"), ReadOnly]
    Task<int> GetUserBots(string userId);
}
