namespace OrleansBots.Contracts;

public sealed record OperationBottleneckView(string Silo, string Operation, double RecentMeanSeconds, double RunningMeanSeconds, double Ratio, long RecentCalls, DateTimeOffset At);

public sealed record ResourceBottleneckView(string Silo, string Resource, double Value, double Threshold, DateTimeOffset At);

/// <summary>GET /api/admin/bottlenecks: what every silo saw in its last metrics interval (the silos that reported).</summary>
public sealed record BottleneckResponse(
    bool Success,
    IReadOnlyList<string> Silos,
    IReadOnlyList<OperationBottleneckView> Operations,
    IReadOnlyList<ResourceBottleneckView> Resources);
