using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Feeds;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests.Feeds;

/// <summary>One in-process silo whose new-token feed is the fake PumpPortal server started first; feeds kept every 200 ms.</summary>
public sealed class FeedClusterFixture : IAsyncLifetime
{
    public const int MaxTokensPerMinute = 1000;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public FakeTokenFeed Feed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Feed = await FakeTokenFeed.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.AddMemoryGrainStorage(MetricStreams.PubSubStore);
            silo.AddFeedStreams();
            silo.Services.AddSingleton<IMemoryPressure>(FakeMemoryPressure.Instance);
            silo.Services.AddPlatform();
            silo.Services.Configure<FeedOptions>(o =>
            {
                o.NewTokensUrl = Feed.Url;
                o.KeepInterval = TimeSpan.FromMilliseconds(200);
                o.ReconnectDelay = TimeSpan.FromMilliseconds(200);
                o.MaxTokensPerMinute = MaxTokensPerMinute;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Feed.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FeedClusterCollection : ICollectionFixture<FeedClusterFixture>
{
    public const string Name = "feed-cluster";
}
