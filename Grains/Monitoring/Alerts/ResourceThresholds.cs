using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// CPU, memory and disk usage of a batch (the highest value of each percent gauge) against their alert
/// thresholds; the alert rules and the bottleneck finder both judge resources by this.
/// </summary>
public static class ResourceThresholds
{
    /// <summary>One reading per resource the batch carries a gauge value of.</summary>
    public static List<ResourceReading> Read(MetricBatch batch, AlertOptions options)
    {
        var readings = new List<ResourceReading>(3);
        foreach (var (name, resource, title, threshold) in new[]
        {
            (MetricNames.CpuUsagePercent, "cpu", "CPU", options.CpuPercent),
            (MetricNames.MemoryUsagePercent, "memory", "Memory", options.MemoryPercent),
            (MetricNames.DiskUsagePercent, "disk", "Disk", options.DiskPercent),
        })
        {
            var values = batch.Aggregates.Where(a => a.Name == name && a.Count > 0).Select(a => a.Value).ToList();
            if (values.Count > 0)
            {
                readings.Add(new ResourceReading(resource, title, values.Max(), threshold));
            }
        }

        return readings;
    }
}

/// <summary>A resource's usage in percent (<see cref="Resource"/> is also its alert rule's name) and its threshold.</summary>
public sealed record ResourceReading(string Resource, string Title, double Value, double Threshold)
{
    public bool Over => Value >= Threshold;
}
