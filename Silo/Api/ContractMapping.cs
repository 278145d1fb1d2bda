using OrleansBots.Cache;
using OrleansBots.Capacity;
using OrleansBots.Contracts;
using OrleansBots.Market.Egress;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Roster;

namespace OrleansBots.Silo.Api;

/// <summary>Maps grain records to the HTTP contract's records (a user's bots: <see cref="BotContractMapping"/>, shared with the cluster client).</summary>
public static class ContractMapping
{
    public static CapacityView ToContract(this CapacitySnapshot c) =>
        new(c.CurrentBots, c.MaxBots, c.PercentUsed, c.AvailableSlots, c.Status.ToString().ToUpperInvariant(), c.CanAcceptNew);

    public static LimitsView ToContract(this PlatformLimits l) =>
        new(l.MaxConcurrentBots, l.MaxBotsPerUser, l.MaxTradesPerDay, l.AlertThreshold, l.MaxSignalsPerMinute);

    public static CacheStatsView ToContract(this CacheStats c) =>
        new(c.Entries, c.Bytes, c.MaxBytes, c.BudgetBytes, c.SheddingShards, c.Hits, c.Misses, Math.Round(c.HitRate, 4), c.Evictions, c.Expirations);

    public static RateLimitView ToContract(this EgressStats e, string scope) => new(
        scope, e.State.ToString().ToLowerInvariant(), e.Used, e.Limit, e.Budget, e.Grants, e.Rejections, e.Throttles, e.Bans, e.Failures, e.BlockedUntil);

    /// <summary>
    /// A capacity alert kept by the capacity grain, shown as the grain's host silo's and rated by the one capacity
    /// severity rule with today's ALERT_THRESHOLD.
    /// </summary>
    public static AlertView ToCapacityContract(this AlertRecord a, string hostSilo, int alertThreshold) => new(
        a.At,
        a.Rule,
        a.Scope,
        hostSilo,
        AlertSeverityNames.Of(AlertRecord.CapacitySeverity(a.Threshold, alertThreshold)),
        a.Value,
        a.Threshold,
        a.Message,
        (int)a.Threshold,
        a.CurrentBots,
        a.MaxBots);

    public static AlertView ToContract(this AlertRecord a) =>
        new(a.At, a.Rule, a.Scope, a.Silo, AlertSeverityNames.Of(a.Severity), a.Value, a.Threshold, a.Message);

    public static BottleneckResponse ToContract(this IReadOnlyList<BottleneckReport> reports) => new(
        true,
        reports.Select(r => r.Silo!).ToList(),
        reports.SelectMany(r => r.Operations.Select(o => new OperationBottleneckView(
            r.Silo!, o.Operation, Math.Round(o.RecentMeanSeconds, 6), Math.Round(o.RunningMeanSeconds, 6), o.Ratio, o.RecentCalls, o.At)))
            .OrderByDescending(o => o.Ratio)
            .ToList(),
        reports.SelectMany(r => r.Resources.Select(x => new ResourceBottleneckView(r.Silo!, x.Resource, Math.Round(x.Value, 2), x.Threshold, x.At))).ToList());
}
