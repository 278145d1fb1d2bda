using OrleansBots.Market;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market;

[Collection(ClusterCollection.Name)]
public sealed class BinanceMarketTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ConcurrentReadsOfOneSymbolCauseOneRequestPerTtl()
    {
        await using var exchange = new FakeExchange();
        using var market = Market(exchange, ttlSeconds: 1);

        var prices = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => market.PriceAsync("BTCUSDT", DateTimeOffset.UtcNow).AsTask()));
        Assert.All(prices, price => Assert.Equal(97000.10m, price));
        Assert.Equal(1, exchange.Requests);

        // Keep 20 readers busy for about three TTLs: about one request per TTL.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            while (DateTime.UtcNow < until)
            {
                await market.PriceAsync("BTCUSDT", DateTimeOffset.UtcNow);
                await Task.Delay(20);
            }
        }));
        Assert.InRange(exchange.Requests, 3, 6);
    }

    [Fact]
    public async Task OutgoingCallsAreTimedAndTheirOutcomesCounted()
    {
        await using var exchange = new FakeExchange();
        using var market = Market(exchange, ttlSeconds: 0.01);

        for (var i = 0; i < 5; i++)
        {
            await market.PriceAsync($"SYM{i}USDT", DateTimeOffset.UtcNow);
        }

        exchange.Ban(TimeSpan.FromSeconds(1));
        await RefusedAsync(market, "BANNEDUSDT");
        var stats = market.Concurrency;

        Assert.Equal(5.0 / 6, stats.SuccessRate, 3);
        Assert.True(stats.MinMs > 0 && stats.MinMs <= stats.P95Ms && stats.P95Ms <= stats.MaxMs);
        Assert.InRange(stats.Limit, AdaptiveConcurrency.MinLimit, AdaptiveConcurrency.MaxLimit);
        Assert.Equal(0, stats.InFlight);
    }

    [Fact]
    public async Task A418StopsRequestsUntilRetryAfterThenTheyResume()
    {
        await using var exchange = new FakeExchange();
        using var market = Market(exchange, ttlSeconds: 0.1);
        Assert.Equal(97000.10m, await market.PriceAsync("ETHUSDT", DateTimeOffset.UtcNow));

        exchange.Ban(TimeSpan.FromSeconds(2));
        await Task.Delay(150);
        var refusal = await Assert.ThrowsAsync<MarketUnavailableException>(() => market.PriceAsync("ETHUSDT", DateTimeOffset.UtcNow).AsTask());
        Assert.InRange(refusal.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        // Bots keep asking during the ban: the budget refuses them without a request.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1.5);
        var refused = 0;
        while (DateTime.UtcNow < until)
        {
            refused += await RefusedAsync(market, "ETHUSDT");
            await Task.Delay(50);
        }

        Assert.True(refused > 10, $"{refused} refusals");
        Assert.Equal(1, exchange.RequestsWhileBanned);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(97000.10m, await market.PriceAsync("ETHUSDT", DateTimeOffset.UtcNow));
        Assert.Equal(1, exchange.RequestsWhileBanned);
    }

    [Fact]
    public async Task A429StopsRequestsForItsRetryAfter()
    {
        // The exchange allows far less than the platform's budget (another client shares the IP, say).
        await FreshMinute.WaitAsync();
        await using var exchange = new FakeExchange(weightPerMinute: 40);
        using var market = Market(exchange, ttlSeconds: 0.01);
        var answered = 0;
        for (var i = 0; i < 60; i++)
        {
            answered += 1 - await RefusedAsync(market, $"SYM{i}USDT");
        }

        Assert.Equal(20, answered);
        Assert.Equal((21, 1), (exchange.Requests, exchange.Refusals));
    }

    private static async Task<int> RefusedAsync(BinanceMarket market, string symbol)
    {
        try
        {
            await market.PriceAsync(symbol, DateTimeOffset.UtcNow);
            return 0;
        }
        catch (MarketUnavailableException)
        {
            return 1;
        }
    }

    private BinanceMarket Market(FakeExchange exchange, double ttlSeconds) =>
        TestMarkets.Binance(fixture.Grains, exchange, ttlSeconds);
}
