using System.Text.Json;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Silo.Charts;

/// <summary>The charts the admin page shows and the chart endpoints export.</summary>
public static class ChartCatalog
{
    public static readonly IReadOnlyList<ChartDefinition> All =
    [
        new("capacity", "Capacity used", "%", MetricNames.CapacityPercent, null, false, (p, _) => p.Value, 100),
        new("ticks", "Bot ticks per second", "ticks/s", MetricNames.OperationCount, Operation(MetricNames.Operations.BotTick), true, (p, step) => p.Value / step.TotalSeconds),
        new("tick_p95", "p95 bot tick time", "ms", MetricNames.OperationExecutionTime, Operation(MetricNames.Operations.BotTick), false, (p, _) => p.P95 * 1000),
        new("cpu", "CPU", "%", MetricNames.CpuUsagePercent, null, false, (p, _) => p.Value, 100),
        new("memory", "Memory", "%", MetricNames.MemoryUsagePercent, null, false, (p, _) => p.Value, 100),
        new(MetricNames.CacheHitRate, "Cache hit rate", "%", MetricNames.CacheHitRate, null, false, (p, _) => p.Value * 100, 100),
        new("alerts", "Alerts", "alerts per step", null, null, false, (p, _) => p.Value),
    ];

    public static string Names => string.Join(", ", All.Select(c => c.Name));

    public static ChartDefinition? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>Lines of a metric chart: one per silo (and per label set unless added up), in time order, skipping empty points.</summary>
    public static IReadOnlyList<ChartLine> Lines(ChartDefinition chart, IReadOnlyList<MetricSeries> series, TimeSpan step) =>
        series
            .GroupBy(s => chart.AddUpLabels ? s.Silo ?? "all silos" : Label(s))
            .Select(group =>
            {
                var points = group.SelectMany(s => s.Points)
                    .GroupBy(p => p.Timestamp)
                    .OrderBy(p => p.Key)
                    .Select(at => (At: at.Key, Value: chart.AddUpLabels
                        ? at.Select(p => chart.Value(p, step)).Sum()
                        : at.Select(p => chart.Value(p, step)).FirstOrDefault(v => v is not null)))
                    .Where(p => p.Value is { } v && double.IsFinite(v))
                    .ToList();
                return new ChartLine(group.Key, points.Select(p => p.At).ToList(), points.Select(p => p.Value!.Value).ToList());
            })
            .Where(line => line.Values.Count > 0)
            .OrderBy(line => line.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>The alerts chart: how many alerts fired in each step of the window.</summary>
    public static ChartLine AlertCounts(IEnumerable<DateTimeOffset> alertTimes, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var steps = Math.Max(1, (int)Math.Ceiling((to - from) / step));
        var counts = new double[steps];
        foreach (var at in alertTimes.Where(t => t >= from && t < to))
        {
            counts[Math.Min(steps - 1, (int)((at - from) / step))]++;
        }

        return new ChartLine("alerts", Enumerable.Range(0, steps).Select(i => from + (step * i)).ToList(), counts);
    }

    private static Dictionary<string, string> Operation(string operation) => new() { ["operation"] = operation };

    private static string Label(MetricSeries series)
    {
        var silo = series.Silo ?? "all silos";
        try
        {
            using var labels = JsonDocument.Parse(series.Labels is { Length: > 0 } text ? text : "{}");
            var pairs = labels.RootElement.ValueKind == JsonValueKind.Object
                ? labels.RootElement.EnumerateObject().Select(p => $"{p.Name}={p.Value}").ToList()
                : [];
            return pairs.Count == 0 ? silo : $"{silo} {string.Join(' ', pairs)}";
        }
        catch (JsonException)
        {
            return $"{silo} {series.Labels}";
        }
    }
}
