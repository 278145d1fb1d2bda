using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Silo.Charts;

/// <summary>Reads a metric chart's lines from the metric history (PostgreSQL or the silo's in-memory history).</summary>
public sealed class ChartSource(IMetricHistory history, ILogger<ChartSource> logger)
{
    /// <summary>The lines of a chart that reads a metric (not the alerts chart, whose <see cref="ChartDefinition.Metric"/> is null).</summary>
    public async Task<(IReadOnlyList<ChartLine> Lines, string? Note)> LinesAsync(
        ChartDefinition chart, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        if (chart.Metric is null)
        {
            throw new ArgumentException($"The chart {chart.Name} reads no metric", nameof(chart));
        }

        try
        {
            var series = await history.SeriesAsync(new MetricQuery(chart.Metric, from, to, step, Labels: chart.Labels), cancellationToken);
            return (ChartCatalog.Lines(chart, series, step), null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The history's store may be down: the chart says so instead of failing the page.
            logger.LogWarning("Reading {Metric} from the metric history failed ({Error})", chart.Metric, error.Message);
            return ([], "Metric history unavailable");
        }
    }
}
