namespace OrleansBots.Monitoring.Bottlenecks;

/// <summary>The latest bottleneck report per silo, in memory; a silo that stopped posting drops out by age.</summary>
public sealed class BottleneckBoardGrain(TimeProvider time) : Grain, IBottleneckBoardGrain
{
    private readonly Dictionary<string, (DateTimeOffset Posted, BottleneckReport Report)> _reports = new(StringComparer.Ordinal);

    public Task Post(BottleneckReport report)
    {
        if (report.Silo is { } silo)
        {
            _reports[silo] = (time.GetUtcNow(), report);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BottleneckReport>> GetReports(TimeSpan maxAge)
    {
        var since = time.GetUtcNow() - maxAge;
        foreach (var gone in _reports.Where(r => r.Value.Posted < since).Select(r => r.Key).ToList())
        {
            _reports.Remove(gone);
        }

        IReadOnlyList<BottleneckReport> reports = _reports.Values.Select(r => r.Report).OrderBy(r => r.Silo, StringComparer.Ordinal).ToList();
        return Task.FromResult(reports);
    }
}
