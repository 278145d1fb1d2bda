using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Capacity;
using OrleansBots.Market;

namespace OrleansBots.Tests.Market;

/// <summary>Two in-process silos whose bots read prices from a <see cref="FakeExchange"/> through the egress budget.</summary>
public sealed class ExchangeClusterFixture : IAsyncLifetime
{
    public const double PriceTtlSeconds = 1;

    public FakeExchange Exchange { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = await PlatformTestSilo.StartAsync(silo =>
        {
            silo.Services.Configure<CapacityOptions>(o =>
            {
                o.LeaseDuration = TimeSpan.FromSeconds(3);
                o.RenewInterval = TimeSpan.FromSeconds(1);
            });
            silo.Services.Configure<MarketOptions>(o =>
            {
                o.Source = MarketOptions.Binance;
                o.BaseUrl = Exchange.BaseUrl;
                o.PriceTtlSeconds = PriceTtlSeconds;
                o.RequestTimeout = TimeSpan.FromSeconds(2);
            });
        }, silos: 2);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Exchange.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExchangeClusterCollection : ICollectionFixture<ExchangeClusterFixture>
{
    public const string Name = "exchange cluster";
}
