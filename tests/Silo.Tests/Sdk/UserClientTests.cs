using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>Every call of <see cref="IOrleansBotsUserClient"/> against a real silo process.</summary>
[Collection(SdkSiloCollection.Name)]
public sealed class UserClientTests(SdkSiloFixture fixture)
{
    [Fact]
    public async Task ATradingBotIsCreatedListedStartedReadStoppedAndDeletedThroughTheSdk()
    {
        var (userId, user) = await fixture.NewUserAsync("sdk-user");
        var bot = await user.CreateBotAsync(SdkSiloFixture.Trader("sdk-trader"));

        Assert.Equal(userId, bot.UserId);
        Assert.Equal([bot.BotId], (await user.ListBotsAsync()).Select(b => b.BotId));
        Assert.Equal([bot.BotId], await user.EnumerateBotsAsync(pageSize: 1).Select(b => b.BotId).ToListAsync());
        Assert.Equal("created", (await user.GetBotAsync(bot.BotId)).Status);
        Assert.Equal("running", (await user.StartBotAsync(bot.BotId)).Status);
        await Eventually.Get(() => user.GetTradesAsync(bot.BotId), trades => trades.Count >= 2, TimeSpan.FromSeconds(30), "two trades");
        Assert.Equal("stopped", (await user.StopBotAsync(bot.BotId)).Status);

        var trades = await user.GetTradesAsync(bot.BotId, 1000);
        var signals = await user.GetSignalsAsync(bot.BotId, 1000);
        Assert.True(trades.Count >= 2);
        Assert.Equal(trades, await user.EnumerateTradesAsync(bot.BotId, pageSize: 1000).ToListAsync());
        Assert.Equal(signals, await user.EnumerateSignalsAsync(bot.BotId, pageSize: 1000).ToListAsync());
        Assert.Contains(signals, s => s.Kind is "buy" or "sell");

        await user.DeleteBotAsync(bot.BotId);
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => user.GetBotAsync(bot.BotId));
        Assert.Contains(bot.BotId, gone.Error);
    }

    [Fact]
    public async Task AChatBotAnswersAMessageAndItsRepliesAreListed()
    {
        var (_, user) = await fixture.NewUserAsync("sdk-chat");
        var bot = await user.CreateBotAsync(new CreateBotRequest("sdk-chat", Kind: "chat", Symbols: ["ETHUSDT"]));
        await user.StartBotAsync(bot.BotId);
        try
        {
            var reply = await user.SendMessageAsync(bot.BotId, "price ETHUSDT");

            Assert.Contains("ETHUSDT", reply.Text);
            Assert.Equal([reply], await user.GetRepliesAsync(bot.BotId));
            Assert.Equal([reply], await user.EnumerateRepliesAsync(bot.BotId).ToListAsync());
        }
        finally
        {
            await user.DeleteBotAsync(bot.BotId);
        }
    }

    [Fact]
    public async Task AnInvalidBotIsRefusedWithTheFieldNamed()
    {
        var (_, user) = await fixture.NewUserAsync("sdk-invalid");

        var unnamed = await Assert.ThrowsAsync<RequestValidationException>(() => user.CreateBotAsync(new CreateBotRequest("", Symbols: ["BTCUSDT"])));
        var tooFast = await Assert.ThrowsAsync<RequestValidationException>(() => user.CreateBotAsync(new CreateBotRequest("b", Symbols: ["BTCUSDT"], TickSeconds: 0.01)));

        Assert.Equal(("name", "name is required"), (unnamed.Field, unnamed.Error));
        Assert.Equal("tick_seconds", tooFast.Field);
        Assert.StartsWith("tick_seconds must be", tooFast.Error);
    }

    [Fact]
    public async Task StartingOnAFullPlatformThrowsPlatformFullWithTheNumbersAndOverTheUsersLimitThrowsLimitExceeded()
    {
        var (_, owner) = await fixture.NewUserAsync("sdk-full", maxBots: SdkSiloFixture.MaxBots + 1);
        var bots = new List<BotView>();
        for (var i = 0; i <= SdkSiloFixture.MaxBots; i++)
        {
            bots.Add(await owner.CreateBotAsync(new CreateBotRequest($"full-{i}", Symbols: ["BTCUSDT"], TickSeconds: 5)));
        }

        try
        {
            foreach (var bot in bots.Take(SdkSiloFixture.MaxBots))
            {
                await owner.StartBotAsync(bot.BotId);
            }

            var full = await Assert.ThrowsAsync<PlatformFullException>(() => owner.StartBotAsync(bots[^1].BotId));

            Assert.Equal((SdkSiloFixture.MaxBots, SdkSiloFixture.MaxBots), (full.CurrentBots, full.MaxBots));
            Assert.Equal(TimeSpan.FromSeconds(60), full.RetryAfter);
            Assert.Equal($"Server full ({SdkSiloFixture.MaxBots}/{SdkSiloFixture.MaxBots} bots active). Try again in a few minutes.", full.Error);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await owner.DeleteBotAsync(bot.BotId);
            }
        }

        var (_, limited) = await fixture.NewUserAsync("sdk-limit", maxBots: 1);
        var first = await limited.CreateBotAsync(new CreateBotRequest("one", Symbols: ["BTCUSDT"], TickSeconds: 5));
        var second = await limited.CreateBotAsync(new CreateBotRequest("two", Symbols: ["BTCUSDT"], TickSeconds: 5));
        await limited.StartBotAsync(first.BotId);
        try
        {
            var limit = await Assert.ThrowsAsync<OrleansBots.Client.LimitExceededException>(() => limited.StartBotAsync(second.BotId));

            Assert.Equal("max_bots_per_user", limit.Limit);
            Assert.NotNull(limit.RetryAfter);
        }
        finally
        {
            await limited.DeleteBotAsync(first.BotId);
            await limited.DeleteBotAsync(second.BotId);
        }
    }
}
