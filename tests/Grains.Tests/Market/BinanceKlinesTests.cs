using System.Text;
using OrleansBots.Market;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market;

[Collection(ClusterCollection.Name)]
public sealed class BinanceKlinesTests(ClusterFixture fixture)
{
    /// <summary>The example answer of Binance's API documentation for <c>GET /api/v3/klines</c>.</summary>
    private const string BinanceExample = """
        [
          [
            1499040000000,
            "0.01634790",
            "0.80000000",
            "0.01575800",
            "0.01577100",
            "148976.11427815",
            1499644799999,
            "2434.19055334",
            308,
            "1756.87402397",
            "28.46694368",
            "0"
          ]
        ]
        """;

    [Fact]
    public void ParsesBinancesOwnExampleAndIgnoresTheFieldsAfterCloseTime()
    {
        var klines = BinanceMarket.ParseKlines(Encoding.UTF8.GetBytes(BinanceExample));

        var kline = Assert.Single(klines);
        Assert.Equal(
            new Kline(
                DateTimeOffset.FromUnixTimeMilliseconds(1499040000000),
                0.01634790m,
                0.80000000m,
                0.01575800m,
                0.01577100m,
                148976.11427815m,
                DateTimeOffset.FromUnixTimeMilliseconds(1499644799999)),
            kline);
        Assert.Equal(new DateTimeOffset(2017, 7, 3, 0, 0, 0, TimeSpan.Zero), kline.OpenTime);
        Assert.Equal(klines, BinanceMarket.ParseKlines(BinanceMarket.SerializeKlines(klines)));
        Assert.Empty(BinanceMarket.ParseKlines("[]"u8));
    }

    [Theory]
    [InlineData("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")]
    [InlineData("[[1499040000000,\"1\",\"2\",\"0.5\",\"1.5\",\"10\"]]")]
    [InlineData("[[\"1499040000000\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\",1499040059999]]")]
    [InlineData("[[1499040000000,\"1\",null,\"0.5\",\"1.5\",\"10\",1499040059999]]")]
    [InlineData("[1499040000000]")]
    [InlineData("not json")]
    public void RefusesPayloadsNotShapedLikeKlines(string payload)
    {
        var error = Record.Exception(() => BinanceMarket.ParseKlines(Encoding.UTF8.GetBytes(payload)));
        Assert.True(error is System.Text.Json.JsonException or FormatException, $"{error?.GetType()}: {error?.Message}");
    }

    [Fact]
    public async Task ReadsKlinesFromTheExchangeAndCachesThem()
    {
        await using var exchange = new FakeExchange();
        using var market = Market(exchange, ttlSeconds: 30);

        var klines = await market.KlinesAsync("btcusdt", "1m", 3);

        Assert.Equal("symbol=BTCUSDT&interval=1m&limit=3", exchange.LastKlinesQuery);
        Assert.Equal(3, klines.Count);
        var start = FakeExchange.FirstOpenTime;
        Assert.Equal(new Kline(start, 100m, 102m, 99m, 101m, 10.5m, start.AddMinutes(1).AddMilliseconds(-1)), klines[0]);
        Assert.Equal(new Kline(start.AddMinutes(2), 102m, 104m, 101m, 103m, 12.5m, start.AddMinutes(3).AddMilliseconds(-1)), klines[2]);

        // Cached: a second read (any case of the symbol) makes no request.
        Assert.Equal(klines, await market.KlinesAsync("BTCUSDT", "1m", 3));
        Assert.Equal(1, exchange.KlineRequests);

        var monthly = await market.KlinesAsync("BTCUSDT", "1M", 2);
        Assert.Equal(start.AddDays(30), monthly[1].OpenTime);
        Assert.Equal("symbol=BTCUSDT&interval=1M&limit=2", exchange.LastKlinesQuery);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(499, 2)]
    [InlineData(500, 5)]
    [InlineData(1000, 5)]
    [InlineData(1001, 10)]
    [InlineData(5000, 10)]
    public void TheWeightOfKlinesFollowsTheLimit(int limit, int weight)
    {
        Assert.Equal(weight, WeightTable.KlinesWeight(limit));
        Assert.Equal(weight, WeightTable.Binance.WeightOf(WeightTable.KlinesPath, limit));
        Assert.Equal(2, WeightTable.Binance.WeightOf("/api/v3/ticker/price", limit));
    }

    [Fact]
    public async Task EachKlinesRequestTakesItsWeightByLimitFromTheBudget()
    {
        await FreshMinute.WaitAsync();
        await using var exchange = new FakeExchange { SendsWeightHeader = false };
        using var market = Market(exchange, ttlSeconds: 30, leaseFraction: 0);
        var limiter = fixture.Grains.GetGrain<IRateLimiterGrain>(IRateLimiterGrain.ScopeOf(exchange.BaseUrl));

        var used = new List<int>();
        foreach (var limit in new[] { 1, 99, 100, 499, 500, 1000 })
        {
            Assert.Equal(limit, (await market.KlinesAsync("BTCUSDT", "5m", limit)).Count);
            used.Add((await limiter.GetStats()).Used);
        }

        Assert.Equal([1, 2, 4, 6, 11, 16], used);
        Assert.Equal(6, exchange.KlineRequests);
    }

    [Fact]
    public async Task ConcurrentReadsOfTheSameKlinesCauseOneRequest()
    {
        await using var exchange = new FakeExchange();
        using var market = Market(exchange, ttlSeconds: 30);

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => market.KlinesAsync("ETHUSDT", "15m", 100).AsTask()));

        Assert.All(answers, klines => Assert.Equal(answers[0], klines));
        Assert.Equal(100, answers[0].Count);
        Assert.Equal(1, exchange.KlineRequests);

        // Symbol, interval and limit are each part of the key.
        await Task.WhenAll(Enumerable.Range(0, 50).SelectMany(_ => new[]
        {
            market.KlinesAsync("ETHUSDT", "15m", 99).AsTask(),
            market.KlinesAsync("ETHUSDT", "1h", 100).AsTask(),
            market.KlinesAsync("BTCUSDT", "15m", 100).AsTask(),
        }));
        Assert.Equal(4, exchange.KlineRequests);
    }

    [Theory]
    [InlineData("BTCUSDT", "2m", 100)]
    [InlineData("BTCUSDT", "1H", 100)]
    [InlineData("BTCUSDT", "1s", 100)]
    [InlineData("BTCUSDT", "", 100)]
    [InlineData("BTCUSDT", "1m&limit=5", 100)]
    [InlineData("BTCUSDT", "1m", 0)]
    [InlineData("BTCUSDT", "1m", -1)]
    [InlineData("BTCUSDT", "1m", 1001)]
    [InlineData("", "1m", 100)]
    [InlineData("  ", "1m", 100)]
    public async Task BadArgumentsAreRefusedWithoutARequest(string symbol, string interval, int limit)
    {
        await using var exchange = new FakeExchange();
        using var market = Market(exchange, ttlSeconds: 30);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => market.KlinesAsync(symbol, interval, limit).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => market.KlinesAsync(null!, "1m", 100).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => market.KlinesAsync("BTCUSDT", null!, 100).AsTask());

        Assert.Equal(0, exchange.Requests);
        var stats = await fixture.Grains.GetGrain<IRateLimiterGrain>(IRateLimiterGrain.ScopeOf(exchange.BaseUrl)).GetStats();
        Assert.Equal(0, stats.Used);
    }

    [Fact]
    public async Task A429OnKlinesStopsRequestsForItsRetryAfterLikePrices()
    {
        // The exchange allows far less than the platform's budget (another client shares the IP, say).
        await FreshMinute.WaitAsync();
        await using var exchange = new FakeExchange(weightPerMinute: 40);
        using var market = Market(exchange, ttlSeconds: 30);
        var answered = 0;
        MarketUnavailableException? first = null;
        for (var i = 0; i < 60; i++)
        {
            try
            {
                await market.KlinesAsync($"SYM{i}USDT", "1m", 100);
                answered++;
            }
            catch (MarketUnavailableException refusal)
            {
                first ??= refusal;
            }
        }

        // Weight 2 each: 20 answered, the 21st answered 429, the rest refused by the budget without a request.
        Assert.Equal(20, answered);
        Assert.Equal((21, 21, 1), (exchange.Requests, exchange.KlineRequests, exchange.Refusals));
        Assert.NotNull(first);
        Assert.InRange(first.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // Prices share the endpoint's budget: refused too, without a request.
        await Assert.ThrowsAsync<MarketUnavailableException>(() => market.PriceAsync("BTCUSDT", DateTimeOffset.UtcNow).AsTask());
        Assert.Equal(21, exchange.Requests);
    }

    private BinanceMarket Market(FakeExchange exchange, double ttlSeconds, double leaseFraction = 0.1) =>
        TestMarkets.Binance(fixture.Grains, exchange, ttlSeconds, leaseFraction);
}
