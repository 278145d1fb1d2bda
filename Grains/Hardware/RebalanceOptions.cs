namespace OrleansBots.Hardware;

/// <summary>
/// How silos spread running bots among themselves after the cluster changed (a silo joined, or one came back and got
/// none). Bound from the <c>Rebalancing</c> section (e.g. <c>Rebalancing__Interval=00:01:00</c>).
/// </summary>
public sealed class RebalanceOptions
{
    public const string Section = "Rebalancing";

    /// <summary>False leaves running bots where they are; new bots are still placed on the least loaded silos.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each silo compares its running bots with its fair share.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No bot moves until the cluster's membership has not changed for this long (failover goes first).</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A silo over its fair share by no more than this fraction of it (or <see cref="MinimumExcess"/>) moves nothing.</summary>
    public double Tolerance { get; set; } = 0.1;

    /// <summary>A silo moves bots only when it runs more than this many over its fair share.</summary>
    public int MinimumExcess { get; set; } = 5;

    /// <summary>The most running bots one silo hands over in one round.</summary>
    public int MaxMovesPerRound { get; set; } = 200;
}
