using OrleansBots.Market;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Market;

namespace OrleansBots.Tests.Monitoring.Measuring;

[Collection(ClusterCollection.Name)]
public sealed class ExchangeMetricsTests(ClusterFixture fixture) : IDisposable
{
    private readonly MeasurementRig _rig = new();

    [Fact]
    public async Task RequestsToTheExchangeAreTimedAndItsRefusalsAndTheBudgetsAreCounted()
    {
        await using var exchange = new FakeExchange();
        using var market = TestMarkets.Binance(fixture.Grains, exchange, ttlSeconds: 0.01, measurements: _rig.Measurements);

        await market.PriceAsync("BTCUSDT", DateTimeOffset.UtcNow);
        exchange.Ban(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<MarketUnavailableException>(async () => await market.PriceAsync("ETHUSDT", DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<MarketUnavailableException>(async () => await market.PriceAsync("SOLUSDT", DateTimeOffset.UtcNow));
        var batch = _rig.Collect();

        Assert.Equal(1.0, batch.Find(MetricNames.OperationCount, """{"operation":"exchange_request","status":"success"}""")!.Value);
        Assert.Equal(1.0, batch.Find(MetricNames.OperationCount, """{"operation":"exchange_request","status":"failure"}""")!.Value);
        Assert.Equal(2, batch.Find(MetricNames.ExchangeResponseTime)!.Count);
        Assert.Equal(1.0, batch.Find(MetricNames.RateLimitRejections, """{"scope":"exchange"}""")!.Value);
        Assert.Equal(1.0, batch.Find(MetricNames.RateLimitRejections, """{"scope":"egress"}""")!.Value);
        Assert.Equal(2, exchange.Requests);
    }

    public void Dispose() => _rig.Dispose();
}
