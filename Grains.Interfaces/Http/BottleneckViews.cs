namespace OrleansBots.Http;

public sealed record OperationBottleneckView(string Operation, double RecentMeanSeconds, double RunningMeanSeconds, double Ratio, long RecentCalls);

public sealed record ResourceBottleneckView(string Resource, double Value, double Threshold);

/// <summary>GET /api/admin/bottlenecks: what the answering silo saw in its last metrics interval.</summary>
public sealed record BottleneckResponse(
    bool Success,
    string? Silo,
    DateTimeOffset? At,
    IReadOnlyList<OperationBottleneckView> Operations,
    IReadOnlyList<ResourceBottleneckView> Resources);
