using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// Deletes metrics and alerts older than <c>Metrics__RetentionDays</c> from PostgreSQL: shortly after start, then
/// every <c>Metrics__RetentionSweepInterval</c>, in batches. Every silo sweeps; the deletes are idempotent.
/// </summary>
public sealed class MetricsRetention(PostgresMetricStore store, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricsRetention> logger) : BackgroundService
{
    /// <summary>Lets the silo finish starting before the first sweep.</summary>
    private static readonly TimeSpan FirstSweepDelay = TimeSpan.FromSeconds(5);

    public async Task<(long Metrics, long Alerts)> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var deleted = await store.DeleteOlderThanAsync(cutoff, options.Value.RetentionBatchSize, cancellationToken);
        logger.LogInformation(
            "Metrics retention: deleted {Metrics} metric rows and {Alerts} alerts older than {Cutoff:O} ({Days} days)",
            deleted.Metrics, deleted.Alerts, cutoff, options.Value.RetentionDays);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstSweepDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning("Metrics retention: the sweep failed ({Error}); trying again at the next one", error.Message);
            }

            wait = options.Value.RetentionSweepInterval;
        }
    }
}
