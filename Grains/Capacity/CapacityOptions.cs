namespace OrleansBots.Capacity;

/// <summary>How leases behave. Bound from the <c>Capacity</c> configuration section.</summary>
public sealed class CapacityOptions
{
    public const string Section = "Capacity";

    /// <summary>A lease not renewed for this long frees its slot (the bound on a zombie's life).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often running bots renew their lease.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bots per renewal call of a silo's summary: 100,000 ids in one call would be a message of megabytes and one long
    /// turn of the capacity grain that every start and capacity read waits behind.
    /// </summary>
    public int RenewBatch { get; set; } = 2000;

    /// <summary>
    /// Calls to bots the capacity grain has in flight at once when it calls them back (after a restart, a silo's
    /// death, silent leases): each may activate its bot against the database, whose pool it must not swamp.
    /// </summary>
    public int BotCallsInFlight { get; set; } = 64;

    /// <summary>The limits from configuration (MAX_CONCURRENT_BOTS, ...); the admin API may change them later.</summary>
    public PlatformLimits ConfiguredLimits { get; set; } = PlatformLimits.Defaults;
}
