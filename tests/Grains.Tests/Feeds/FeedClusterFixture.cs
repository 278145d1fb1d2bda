using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Feeds;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests.Feeds;

/// <summary>
/// One in-process silo whose new-token feed is a fake PumpPortal server started first, with its own
/// <c>MAX_TOKENS_PER_MINUTE</c> (a burst over it must not starve other tests' tokens, so it gets a cluster of its own).
/// Feeds are kept every 200 ms.
/// </summary>
public abstract class FeedCluster(int maxTokensPerMinute) : IAsyncLifetime
{
    public int MaxTokensPerMinute => maxTokensPerMinute;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public FakeTokenFeed Feed { get; private set; } = null!;

    public FakeMarketStream Market { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Feed = await FakeTokenFeed.StartAsync();
        Market = await FakeMarketStream.StartAsync();
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
                o.MarketStreamUrl = Market.Url;
                o.MarketSymbols = ["BTCUSDT", "ETHUSDT"];
                o.KeepInterval = TimeSpan.FromMilliseconds(200);
                o.ReconnectDelay = TimeSpan.FromMilliseconds(200);
                o.MaxTokensPerMinute = maxTokensPerMinute;
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
        await Market.DisposeAsync();
    }
}

/// <summary>A cap no test reaches.</summary>
public sealed class FeedClusterFixture() : FeedCluster(100_000);

/// <summary>A cap the burst test goes over.</summary>
public sealed class CappedFeedClusterFixture() : FeedCluster(300);

[CollectionDefinition(Name)]
public sealed class FeedClusterCollection : ICollectionFixture<FeedClusterFixture>
{
    public const string Name = "feed-cluster";
}

[CollectionDefinition(Name)]
public sealed class CappedFeedClusterCollection : ICollectionFixture<CappedFeedClusterFixture>
{
    public const string Name = "capped-feed-cluster";
}
