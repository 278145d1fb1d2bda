using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Bots;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market;

[Collection(ExchangeClusterCollection.Name)]
public sealed class ExchangeClusterTests(ExchangeClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private FakeExchange Exchange => fixture.Exchange;

    [Fact]
    public async Task FiftyBotsOnOneSymbolShareFetchesAndKeepRunningThroughA418()
    {
        var definition = new BotDefinition("follower", BotKind.Trading, ["BTCUSDT"], 1, 2, 4, 0.1m);
        var bots = Enumerable.Range(0, 50).Select(i => fixture.Grains.GetGrain<IBotGrain>($"{_run}-bot{i}")).ToArray();
        await Task.WhenAll(bots.Select((bot, i) => bot.Create($"{_run}-user{i}", definition)));
        await Task.WhenAll(bots.Select(bot => bot.Start()));

        // About one request per TTL per silo (each silo coalesces its own misses; the cache is shared), however
        // long the window turns out to be on a loaded machine: it lasts until the bots ticked 100 times.
        var before = Exchange.Requests;
        var window = Stopwatch.StartNew();
        var ticks = await Eventually.Get(
            async () => (await Task.WhenAll(bots.Select(bot => bot.GetInfo()))).Sum(info => info!.Ticks),
            sum => sum >= 100 && window.Elapsed >= TimeSpan.FromSeconds(4),
            TimeSpan.FromSeconds(60),
            "100 ticks over at least 4 s");
        var during = Exchange.Requests - before;
        var ttls = (int)Math.Ceiling(window.Elapsed.TotalSeconds / ExchangeClusterFixture.PriceTtlSeconds);
        Assert.InRange(during, 2, 2 * (ttls + 1));
        Assert.Equal(0, Exchange.Refusals);

        // Banned: after the first 418 each silo stops sending as soon as it knows (at once, or when its lease lapses).
        // Only requests inside the ban count, so the test waits for its end, however late it wakes.
        Exchange.Ban(TimeSpan.FromSeconds(4));
        await Task.Delay(Exchange.BannedUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        Assert.InRange(Exchange.RequestsWhileBanned, 1, 3);
        Assert.All(await Task.WhenAll(bots.Select(bot => bot.GetInfo())), info => Assert.Equal(BotStatus.Running, info!.Status));

        // After Retry-After the requests resume.
        var afterBan = Exchange.Requests;
        var limiter = fixture.Grains.GetGrain<IRateLimiterGrain>(IRateLimiterGrain.ScopeOf(Exchange.BaseUrl));
        await Eventually.Get(async () => (Exchange.Requests - afterBan, await limiter.GetStats()), more => more.Item1 >= 2, TimeSpan.FromSeconds(10), "requests after the ban");
        var stopped = await Task.WhenAll(bots.Select(bot => bot.Stop()));
        Assert.All(stopped, info => Assert.Equal(BotStatus.Stopped, info!.Status));
    }

    [Fact]
    public async Task TheBudgetHoldsAcrossTwoSilosLeasingInBatches()
    {
        await FreshMinute.WaitAsync();
        var scope = $"endpoint:two-silos-{_run}";
        var budgets = fixture.Cluster.Silos.Select(silo => silo.SiloHost.Services.GetRequiredService<EgressBudget>()).ToArray();
        Assert.Equal(2, budgets.Length);

        var started = DateTimeOffset.UtcNow;
        var grants = await Task.WhenAll(Enumerable.Range(0, 4000).Select(i => budgets[i % 2].TryAcquireAsync(scope, 2)));
        var minutes = FreshMinute.Spanned(started, DateTimeOffset.UtcNow);
        var stats = await fixture.Grains.GetGrain<IRateLimiterGrain>(scope).GetStats();

        var granted = grants.Where(g => g.Granted).Sum(g => g.Weight);
        Assert.InRange(granted, 6000 - 2 * 600, 6000 * minutes);
        Assert.InRange(stats.Used, minutes == 1 ? granted : 0, 6000);

        // In batches: one grain grant serves many requests (a slow machine lets some leases lapse and re-lease).
        var requests = grants.Count(g => g.Granted);
        Assert.True(stats.Grants <= requests / 20, $"{stats.Grants} grain grants for {requests} requests");
    }
}
