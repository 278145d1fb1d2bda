using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBots.Client;
using OrleansBots.Client.Cluster;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>
/// The cluster client (<c>AddOrleansBotsClusterClient</c>) of a trusted service, connected to the gateway of a real silo
/// process: the user's calls give what the HTTP API gives, and its refusals are the HTTP client's exceptions.
/// </summary>
[Collection(SdkSiloCollection.Name)]
public sealed class ClusterClientTests(SdkSiloFixture fixture)
{
    [Fact]
    public async Task ABotIsCreatedStartedListedReadWatchedStoppedAndDeletedOverTheGateway()
    {
        var (userId, http) = await fixture.NewUserAsync("cl-user");
        using var service = await TrustedServiceAsync(userId);
        var bots = service.Services.GetRequiredService<IOrleansBotsUserClient>();

        var bot = await bots.CreateBotAsync(SdkSiloFixture.Trader("cluster-trader", tickSeconds: 1));
        Assert.Equal(JsonSerializer.Serialize(await http.GetBotAsync(bot.BotId)), JsonSerializer.Serialize(await bots.GetBotAsync(bot.BotId)));
        Assert.Equal("running", (await bots.StartBotAsync(bot.BotId)).Status);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var trade = await bots.WatchAsync(bot.BotId, cancellationToken: timeout.Token).FirstAsync(e => e.Type == BotEventView.TradeType, timeout.Token);
            // Live, not replayed from history: within seconds of the trade (1 s was missed by 0.1 s on a busy CI machine).
            Assert.True(DateTimeOffset.UtcNow - trade.Trade!.At < TimeSpan.FromSeconds(3), $"the trade arrived {DateTimeOffset.UtcNow - trade.Trade.At} after it was made");

            Assert.Equal([bot.BotId], (await bots.ListBotsAsync()).Select(b => b.BotId));
            Assert.Equal([bot.BotId], await bots.EnumerateBotsAsync(pageSize: 1).Select(b => b.BotId).ToListAsync());
            Assert.Equal("stopped", (await bots.StopBotAsync(bot.BotId)).Status);
            var trades = await bots.GetTradesAsync(bot.BotId, 1000);
            Assert.Contains(trade.Trade.TradeId, trades.Select(t => t.TradeId));
            Assert.Equal(await http.GetTradesAsync(bot.BotId, 1000), trades);
            Assert.Equal(trades, await bots.EnumerateTradesAsync(bot.BotId, pageSize: 1).ToListAsync());
            Assert.Equal(await http.GetSignalsAsync(bot.BotId, 1000), await bots.GetSignalsAsync(bot.BotId, 1000));
            var resumed = await bots.WatchAsync(bot.BotId, afterSequence: trade.Sequence - 1, timeout.Token).FirstAsync(timeout.Token);
            Assert.Equal(trade, resumed);
        }
        finally
        {
            await bots.DeleteBotAsync(bot.BotId);
        }

        var gone = await Assert.ThrowsAsync<NotFoundException>(() => bots.GetBotAsync(bot.BotId));
        Assert.Equal($"Bot '{bot.BotId}' not found", gone.Error);
    }

    [Fact]
    public async Task AFullPlatformAndABadRequestAreRefusedWithTheSameExceptionsAsOverHttp()
    {
        var (userId, http) = await fixture.NewUserAsync("cl-full", maxBots: SdkSiloFixture.MaxBots + 1);
        using var service = await TrustedServiceAsync(userId);
        var bots = service.Services.GetRequiredService<IOrleansBotsUserClient>();
        var created = new List<BotView>();
        for (var i = 0; i <= SdkSiloFixture.MaxBots; i++)
        {
            created.Add(await bots.CreateBotAsync(new CreateBotRequest($"full-{i}", Symbols: ["BTCUSDT"], TickSeconds: 5)));
        }

        try
        {
            foreach (var bot in created.Take(SdkSiloFixture.MaxBots))
            {
                await bots.StartBotAsync(bot.BotId);
            }

            var full = await Assert.ThrowsAsync<PlatformFullException>(() => bots.StartBotAsync(created[^1].BotId));
            var overHttp = await Assert.ThrowsAsync<PlatformFullException>(() => http.StartBotAsync(created[^1].BotId));

            Assert.Equal((SdkSiloFixture.MaxBots, SdkSiloFixture.MaxBots, TimeSpan.FromSeconds(60)), (full.CurrentBots, full.MaxBots, full.RetryAfter));
            Assert.Equal($"Server full ({SdkSiloFixture.MaxBots}/{SdkSiloFixture.MaxBots} bots active). Try again in a few minutes.", full.Error);
            Assert.Equal((overHttp.CurrentBots, overHttp.MaxBots, overHttp.RetryAfter, overHttp.Error), (full.CurrentBots, full.MaxBots, full.RetryAfter, full.Error));
        }
        finally
        {
            foreach (var bot in created)
            {
                await bots.DeleteBotAsync(bot.BotId);
            }
        }

        var tooFast = new CreateBotRequest("b", Symbols: ["BTCUSDT"], TickSeconds: 0.01);
        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => bots.CreateBotAsync(tooFast));
        var invalidOverHttp = await Assert.ThrowsAsync<RequestValidationException>(() => http.CreateBotAsync(tooFast));
        Assert.Equal(("tick_seconds", invalidOverHttp.Error), (invalid.Field, invalid.Error));
    }

    [Fact]
    public async Task AWatcherThatFallsBehindItsBufferResumesFromTheKeptHistoryWithoutGapsOrDuplicates()
    {
        const int buffer = 4;
        const int messages = 20;
        var (userId, http) = await fixture.NewUserAsync("cl-behind");
        using var service = await TrustedServiceAsync(userId, buffer);
        var bots = service.Services.GetRequiredService<IOrleansBotsUserClient>();
        var bot = await bots.CreateBotAsync(new CreateBotRequest("behind", Kind: "chat", Symbols: ["BTCUSDT"]));
        await bots.StartBotAsync(bot.BotId);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await http.SendMessageAsync(bot.BotId, "status", timeout.Token);
            await using var watch = bots.WatchAsync(bot.BotId, afterSequence: 0, timeout.Token).GetAsyncEnumerator(timeout.Token);
            do
            {
                Assert.True(await watch.MoveNextAsync());
            }
            while (watch.Current.Type != BotEventView.ReplyType);

            // The watcher takes nothing while the bot answers five times its buffer.
            for (var i = 0; i < messages; i++)
            {
                await http.SendMessageAsync(bot.BotId, $"status {i}", timeout.Token);
            }

            var seen = new List<BotEventView> { watch.Current };
            while (seen.Count <= messages && await watch.MoveNextAsync())
            {
                seen.Add(watch.Current);
            }

            Assert.All(seen, e => Assert.Equal(BotEventView.ReplyType, e.Type));
            Assert.Equal(Enumerable.Range((int)seen[0].Sequence, messages + 1).Select(n => (long)n), seen.Select(e => e.Sequence));
            Assert.Equal(Enumerable.Range(0, messages).Select(i => $"status {i}"), seen.Skip(1).Select(e => e.Reply!.Message));
        }
        finally
        {
            await bots.DeleteBotAsync(bot.BotId);
        }
    }

    [Fact]
    public async Task AnotherUsersBotIsNotFoundAndAnUnknownUserIsRefused()
    {
        var (_, owner) = await fixture.NewUserAsync("cl-owner");
        var (strangerId, _) = await fixture.NewUserAsync("cl-stranger");
        var bot = await owner.CreateBotAsync(new CreateBotRequest("mine", Symbols: ["BTCUSDT"], TickSeconds: 5));
        using var stranger = await TrustedServiceAsync(strangerId);
        using var nobody = await TrustedServiceAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var hidden = await Assert.ThrowsAsync<NotFoundException>(() => stranger.Services.GetRequiredService<IOrleansBotsUserClient>().StartBotAsync(bot.BotId));
            var unknown = await Assert.ThrowsAsync<NotFoundException>(() => nobody.Services.GetRequiredService<IOrleansBotsUserClient>().ListBotsAsync());

            Assert.Equal($"Bot '{bot.BotId}' not found", hidden.Error);
            Assert.StartsWith("User 'nobody-", unknown.Error);
            Assert.Equal("created", (await owner.GetBotAsync(bot.BotId)).Status);
        }
        finally
        {
            await owner.DeleteBotAsync(bot.BotId);
        }
    }

    /// <summary>A trusted service's host: an Orleans client on the silo's gateway with the cluster client acting as <paramref name="userId"/>.</summary>
    private async Task<IHost> TrustedServiceAsync(string userId, int eventBuffer = OrleansBotsClusterUserClient.DefaultEventBuffer)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(fixture.Silo.Ports.Gateway, serviceId: "orleansbots", clusterId: "orleansbots")
            .AddOrleansBotsClusterClient(o =>
            {
                o.UserId = userId;
                o.EventBuffer = eventBuffer;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
