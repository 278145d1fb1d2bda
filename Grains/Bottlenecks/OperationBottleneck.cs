namespace OrleansBots.Bottlenecks;

/// <summary>An operation whose last interval's mean duration is over twice its running mean.</summary>
public sealed record OperationBottleneck(string Operation, double RecentMeanSeconds, double RunningMeanSeconds, double Ratio, long RecentCalls, DateTimeOffset At);
