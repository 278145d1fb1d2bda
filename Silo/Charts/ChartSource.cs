using OrleansBots.Metrics;

namespace OrleansBots.Silo.Charts;

/// <summary>Reads a metric chart's lines from the metric history (PostgreSQL or the silo's in-memory history).</summary>
public sealed class ChartSource(IServiceProvider services, ILogger<ChartSource> logger)
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

        try
        {
            var series = await _history.SeriesAsync(new MetricQuery(chart.Metric, from, to, step, Labels: chart.Labels), cancellationToken);
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
