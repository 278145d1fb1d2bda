namespace OrleansBots.Monitoring.Bottlenecks;

/// <summary>An operation whose last interval's mean duration is over twice its running mean.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Bottlenecks.OperationBottleneck")]
public sealed record OperationBottleneck(
    [property: Id(0)] string Operation,
    [property: Id(1)] double RecentMeanSeconds,
    [property: Id(2)] double RunningMeanSeconds,
    [property: Id(3)] double Ratio,
    [property: Id(4)] long RecentCalls,
    [property: Id(5)] DateTimeOffset At);
