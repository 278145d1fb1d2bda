using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Monitoring;

/// <summary>
/// Monitoring in two halves, because hosted services stop in the reverse order of their registration:
/// <see cref="AddMonitoring"/> (measuring, alerts, bottlenecks) goes before the silo so the alert webhook outlives it;
/// <see cref="AddMetricsPipeline"/> (streams, writer's store and spool, publisher) goes into the silo, so the
/// publisher stops first and hands over its last batch while the silo still runs.
/// </summary>
public static class MonitoringRegistration
{
    /// <summary>Measurements and their aggregation, the alert rules and sinks (the webhook), and the bottleneck finder.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AlertDispatcher)))
        {
            return services;
        }

        services.AddMeasuring();
        services.AddHostedService<MetricListening>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, GrainCallFailureCounter>());

        services.AddCheckedOptions<AlertOptions, AlertOptionsValidator>(AlertOptions.Section);
        services.AddSingleton<RecentAlerts>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<AlertWebhook>();
        services.AddSingleton<IAlertSink>(provider => provider.GetRequiredService<AlertWebhook>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<AlertWebhook>());
        services.AddSingleton<AlertWatch>();
        services.AddSingleton<IMetricBatchObserver>(provider => provider.GetRequiredService<AlertWatch>());

        services.AddSingleton<BottleneckFinder>();
        services.AddSingleton<IMetricBatchObserver>(provider => provider.GetRequiredService<BottleneckFinder>());
        return services;
    }

    /// <param name="postgres">Npgsql connection string; null keeps the history in this silo's memory.</param>
    public static ISiloBuilder AddMetricsPipeline(this ISiloBuilder silo, string? postgres)
    {
        // Memory streams: the batches live only until the writer buffers them (short), so a durable queue buys nothing.
        silo.AddMemoryStreams(MetricStreams.Provider);
        silo.AddMemoryGrainStorage(MetricStreams.PubSubStore);

        var services = silo.Services;
        services.AddMeasuring();
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

    /// <summary>
    /// What both halves need: the <c>Metrics</c> options (the spool under <c>DATA_DIR</c> unless
    /// <c>Metrics:SpoolDirectory</c> says otherwise), the meter, <see cref="Measurements"/> and the aggregator as the batch source.
    /// </summary>
    private static void AddMeasuring(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(MetricAggregator)))
        {
            return;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<MetricsOptions>().Configure<IConfiguration>((options, configuration) =>
            options.SpoolDirectory = Path.Combine(configuration["DATA_DIR"] is { Length: > 0 } data ? data : "data", "metrics-spool"));
        services.AddCheckedOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section);
        services.TryAddSingleton<Measurements>();
        services.TryAddSingleton<PipelineInstruments>();
        services.TryAddSingleton<MetricAggregator>();
        services.TryAddSingleton<IMetricBatchSource>(provider => provider.GetRequiredService<MetricAggregator>());
    }
}
