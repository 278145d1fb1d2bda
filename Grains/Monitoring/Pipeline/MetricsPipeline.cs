using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>Wires the pipeline into a silo: memory streams, the aggregator as the source, the writer's store and spool, the publisher, the alert journal.</summary>
public static class MetricsPipeline
{
    /// <param name="postgres">Npgsql connection string; null keeps the history in this silo's memory.</param>
    public static ISiloBuilder AddMetricsPipeline(this ISiloBuilder silo, string? postgres)
    {
        // Memory streams: the batches live only until the writer buffers them (short), so a durable queue buys nothing.
        silo.AddMemoryStreams(MetricStreams.Provider);
        silo.AddMemoryGrainStorage(MetricStreams.PubSubStore);

        var services = silo.Services;
        services.AddOptions<MetricsOptions>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineInstruments>();
        services.TryAddSingleton<MetricAggregator>();
        services.TryAddSingleton<IMetricBatchSource>(provider => provider.GetRequiredService<MetricAggregator>());
        services.TryAddSingleton<MetricSpool>();
        services.TryAddSingleton<AlertOutbox>();
        services.TryAddSingleton<IAlertJournal>(provider => provider.GetRequiredService<AlertOutbox>());
        if (postgres is null)
        {
            services.TryAddSingleton<InMemoryMetricStore>();
            services.TryAddSingleton<IMetricStore>(provider => provider.GetRequiredService<InMemoryMetricStore>());
            services.TryAddSingleton<IMetricHistory>(provider => provider.GetRequiredService<InMemoryMetricStore>());
        }
        else
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.TryAddSingleton<PostgresMetricStore>();
            services.TryAddSingleton<IMetricStore>(provider => provider.GetRequiredService<PostgresMetricStore>());
            services.TryAddSingleton<IMetricHistory>(provider => provider.GetRequiredService<PostgresMetricStore>());
        }

        services.AddHostedService<MetricsPublisher>();
        return silo;
    }
}
