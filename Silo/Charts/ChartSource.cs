using OrleansBots.Metrics;

namespace OrleansBots.Silo.Charts;

/// <summary>Reads a metric chart's lines from the metric history (PostgreSQL or the silo's in-memory history).</summary>
public sealed class ChartSource(IServiceProvider services)
{
    // Registered by the metrics pipeline; without it the charts say there is no history.
    private readonly IMetricHistory? _history = services.GetService<IMetricHistory>();

    public async Task<(IReadOnlyList<ChartLine> Lines, string? Note)> LinesAsync(
        ChartDefinition chart, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        if (chart.Metric is null || _history is null)
        {
            return ([], "No metric history on this silo");
        }

        var series = await _history.SeriesAsync(new MetricQuery(chart.Metric, from, to, step, Labels: chart.Labels), cancellationToken);
        return (ChartCatalog.Lines(chart, series, step), null);
    }
}
