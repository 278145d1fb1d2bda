using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Hardware;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Tests.Monitoring.Alerts;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>One in-process silo running the pipeline into PostgreSQL, fed by a scripted source every second.</summary>
public sealed class PipelineCluster : IAsyncDisposable
{
    private PipelineCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public static async Task<PipelineCluster> StartAsync(string postgres, ScriptedBatchSource source, string spoolFolder, Action<MetricsOptions>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMetricsPipeline(postgres);
            silo.Services.Configure<MetricsOptions>(o =>
            {
                o.IntervalSeconds = 1;
                o.FlushInterval = TimeSpan.FromMilliseconds(200);
                o.SpoolDirectory = spoolFolder;
                configure?.Invoke(o);
            });
            silo.Services.AddSingleton<IMetricBatchSource>(source);
            silo.Services.AddSingleton<ISiloLoad>(new ScriptedSiloLoad());
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PipelineCluster(cluster);
    }

    /// <summary>A graceful stop: the publisher hands over its last batch and the writer drains.</summary>
    public async Task StopAsync() => await Cluster.StopAllSilosAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
