namespace OrleansBots.Capacity;

/// <summary>
/// The capacity grain's part in failover (same key, <see cref="ICapacityGrain.GlobalKey"/>): it calls leased bots
/// back at once when a silo leaves or a bot is deactivated by the runtime, instead of waiting for their leases to
/// fall silent. A call activates a bot that has no activation, on a silo that stays.
/// </summary>
[Alias("OrleansBots.ICapacityFailover")]
public interface ICapacityFailover : IGrainWithStringKey
{
    /// <summary>
    /// A silo left the cluster (declared dead, or stopping): every leased bot is called, again and again until it
    /// answers, so the bots of that silo run again on a survivor as soon as the cluster routes to one. Each silo
    /// reports what it sees; a <paramref name="membershipVersion"/> already handled changes nothing.
    /// </summary>
    [Alias("SilosLeft"), OneWay]
    Task SilosLeft(long membershipVersion);

    /// <summary>
    /// A running bot was deactivated by the runtime (its silo stops, its directory partition died): it is called
    /// back until it answers, which activates it again.
    /// </summary>
    [Alias("Wake"), OneWay]
    Task Wake(string botId);
}
