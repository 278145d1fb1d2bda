using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>Live events across silos: the SSE endpoint of one silo streams a bot that runs on the other.</summary>
public sealed class ClusterWatchTests
{
    [RequiresServersFact(redis: true)]
    public async Task AClientOnOneSiloFollowsTheTradesOfABotRunningOnTheOther()
    {
        await using var pair = await SiloPair.StartAsync("sse", maxConcurrentBots: 10);
        using var httpA = pair.A.CreateHttpClient();
        var userId = $"sse-{Guid.NewGuid():N}"[..20];
        var created = await new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken).CreateUserAsync(new CreateUserRequest(userId, MaxBots: 1));
        var owner = new OrleansBotsUserClient(httpA, created.ApiKey);
        var bot = await owner.CreateBotAsync(new CreateBotRequest("far", Symbols: ["BTCUSDT"], TickSeconds: 0.2, ShortWindow: 2, LongWindow: 3));
        var started = await owner.StartBotAsync(bot.BotId);

        var host = pair.Hosting(started.Silo!);
        var other = host == pair.A ? pair.B : pair.A;
        using var httpOther = other.CreateHttpClient();
        var watcher = new OrleansBotsUserClient(httpOther, created.ApiKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var trade = await watcher.WatchAsync(bot.BotId, cancellationToken: timeout.Token).FirstAsync(e => e.Type == BotEventView.TradeType, timeout.Token);

        Assert.Equal(bot.BotId, trade.BotId);
        Assert.Contains(trade.Trade!.TradeId, (await owner.GetTradesAsync(bot.BotId, 1000)).Select(t => t.TradeId));
        Assert.NotEqual(host.HttpPort, other.HttpPort);
    }
}
