using OrleansBots.Capacity;
using OrleansBots.Contracts;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Recent alerts for the stats endpoint, the admin page and its alerts chart: the capacity grain's alerts plus
/// the other rules' alerts, read from the metric history, else (the history's store is down) this silo's own.
/// </summary>
public sealed class AlertList(IMetricHistory history, RecentAlerts recent, ILogger<AlertList> logger)
{
    public const int Shown = 50;

    public async Task<IReadOnlyList<AlertView>> ListAsync(CapacityReport report, int limit, CancellationToken cancellationToken)
    {
        var others = await OtherAlertsAsync(limit, cancellationToken);

        // The capacity grain keeps its own alerts (they survive restarts); the journal holds copies of them.
        return report.RecentAlerts.Select(a => a.ToCapacityContract(report.HostSilo, report.Limits.AlertThreshold))
            .Concat(others.Where(a => a.Rule != AlertRecord.CapacityRule).Select(ContractMapping.ToContract))
            .OrderByDescending(a => a.At)
            .Take(limit)
            .ToList();
    }

    private async Task<IReadOnlyList<AlertRecord>> OtherAlertsAsync(int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await history.RecentAlertsAsync(Math.Min(Math.Max(limit, RecentAlerts.Kept), 1000), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The history's store may be down; the stats and the page still answer with what this silo fired.
            logger.LogWarning("Reading recent alerts from the metric history failed ({Error}); showing this silo's own", error.Message);
            return recent.Latest(RecentAlerts.Kept);
        }
    }
}
