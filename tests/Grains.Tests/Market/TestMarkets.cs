using Microsoft.Extensions.Options;
using OrleansBots.Cache;
using OrleansBots.Market;
using OrleansBots.Market.Egress;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Market;

/// <summary>A Binance-shaped market over a fake exchange, with the test cluster's cache and egress budget.</summary>
public static class TestMarkets
{
    public static BinanceMarket Binance(IGrainFactory grains, FakeExchange exchange, double ttlSeconds, double leaseFraction = 0.1, OrleansBots.Monitoring.Measuring.Measurements? measurements = null)
    {
        var options = Options.Create(new MarketOptions
        {
            Source = MarketOptions.Binance,
            BaseUrl = exchange.BaseUrl,
            PriceTtlSeconds = ttlSeconds,
            RequestTimeout = TimeSpan.FromSeconds(2),
        });
        var cache = new ShardedCache(grains, Options.Create(new CacheOptions()), TimeProvider.System);
        var budget = new EgressBudget(grains, Options.Create(new EgressOptions { LeaseFraction = leaseFraction }), TimeProvider.System);
        return new BinanceMarket(cache, budget, new MarketInstruments(measurements ?? TestMeasurements.Create()), options, TimeProvider.System);
    }
}
