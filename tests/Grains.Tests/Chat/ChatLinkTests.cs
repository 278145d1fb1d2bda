using OrleansBots.Bots;
using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

/// <summary>Chat bots against the fake Twitch-shaped chat server and the fake model server, in a one-silo cluster.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ChatLinkTests(ChatClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private FakeChatServer Chat => fixture.Chat;

    [Fact]
    public async Task AChatBotJoinsItsChannelAndAnswersAViewersQuestionThroughTheModel()
    {
        var (_, channel) = await StartChatBotAsync("answers");

        await Chat.ViewerSaysAsync(channel, "viewer1", "!ask what is a moving average?");

        var reply = await SaidAsync(channel, text => text.StartsWith("@viewer1 answer to: what is a moving average?", StringComparison.Ordinal));
        Assert.Equal("@viewer1 answer to: what is a moving average?", reply);
    }

    [Fact]
    public async Task ConversationAndOtherBotsCommandsAreIgnoredAndAMentionIsAQuestion()
    {
        var (_, channel) = await StartChatBotAsync("mention");

        await Chat.ViewerSaysAsync(channel, "viewer1", "hello everyone");
        await Chat.ViewerSaysAsync(channel, "viewer2", "!dance");
        await Chat.ViewerSaysAsync(channel, "viewer3", "@mention-bot how are you");

        await SaidAsync(channel, text => text == "@viewer3 answer to: how are you");
        Assert.Single(Chat.Said(channel));
    }

    [Fact]
    public async Task AViewerOnCooldownIsRefusedWhileAModeratorPassesEveryTime()
    {
        var (link, channel) = await StartChatBotAsync("cooldown");

        await Chat.ViewerSaysAsync(channel, "viewer1", "!ask first");
        await SaidAsync(channel, text => text == "@viewer1 answer to: first");
        await Chat.ViewerSaysAsync(channel, "viewer1", "!ask second");
        for (var i = 0; i < 3; i++)
        {
            await Chat.ViewerSaysAsync(channel, "mod1", $"!ask mod {i}", moderator: true);
            await SaidAsync(channel, text => text == $"@mod1 answer to: mod {i}");
        }

        var view = await link.GetView();
        Assert.Equal(1, view!.Stats.Refused);
        Assert.DoesNotContain(Chat.Said(channel), text => text.Contains("second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheBotLearnsFromUserStateThatItModeratesTheChannel()
    {
        Chat.Moderators["modded-bot"] = true;
        var (link, _) = await StartChatBotAsync("modded");

        var view = await Eventually.Get(() => link.GetView(), v => v!.Stats.Joined, Within, "joined");

        Assert.True(view!.Stats.Moderator);
    }

    [Fact]
    public async Task AfterTheServerDropsTheConnectionTheBotRejoinsAndAnswersAgainWithOneConnection()
    {
        var (link, channel) = await StartChatBotAsync("dropped");
        var before = (await link.GetView())!.Stats.Connections;

        Chat.DropAll();

        await Eventually.Get(() => link.GetView(), v => v!.Stats.Connections > before && v.Stats.Joined, Within, "joined again");
        await Chat.ViewerSaysAsync(channel, "viewer9", "!ask still there?");
        await SaidAsync(channel, text => text == "@viewer9 answer to: still there?");
        Assert.Equal(1, Chat.Joined(channel));
    }

    [Fact]
    public async Task TheBotAnswersPingsWithPongs()
    {
        await StartChatBotAsync("pinged");
        var before = Chat.Pongs;

        await Chat.PingAllAsync();

        await Eventually.Get(() => Task.FromResult(Chat.Pongs), pongs => pongs > before, Within, "a PONG");
    }

    [Fact]
    public async Task AFloodOfRepliesStaysWithinTheServersSendLimitSoTheBotIsNeverDisconnected()
    {
        var (link, channel) = await StartChatBotAsync("flood");
        var disconnects = Chat.RateLimitDisconnects;

        // A moderator passes every cooldown: 30 answers want out at once, 20 fit in a window.
        for (var i = 0; i < 30; i++)
        {
            await Chat.ViewerSaysAsync(channel, "floodmod", "!help", moderator: true);
        }

        await Eventually.Get(() => Task.FromResult(Chat.Said(channel).Count), count => count >= 30, TimeSpan.FromSeconds(20), "30 replies sent");
        Assert.Equal(disconnects, Chat.RateLimitDisconnects);
        Assert.Equal(1, (await link.GetView())!.Stats.Connections);
    }

    [Fact]
    public async Task AServerStricterThanTheBudgetDisconnectsTheBotWhichReconnectsAndAnswersAgain()
    {
        var (link, channel) = await StartChatBotAsync("strict");
        var disconnects = Chat.RateLimitDisconnects;

        // The server counts 5 messages per window against this account; the platform's budget allows 20.
        Chat.MessagesPerWindow = 5;
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await Chat.ViewerSaysAsync(channel, "strictmod", "!help", moderator: true);
            }

            await Eventually.Get(() => Task.FromResult(Chat.RateLimitDisconnects), n => n > disconnects, Within, "the rate-limit disconnect");
        }
        finally
        {
            Chat.MessagesPerWindow = 20;
        }

        await Eventually.Get(() => link.GetView(), v => v!.Stats.Connections > 1 && v.Stats.Joined, Within, "joined again");
        await Chat.ViewerSaysAsync(channel, "viewer7", "!ask after the limit?");
        await SaidAsync(channel, text => text == "@viewer7 answer to: after the limit?");
        Assert.Equal(1, Chat.Joined(channel));
    }

    [Fact]
    public async Task AnotherBotOfTheSameAccountSharesItsSendBudget()
    {
        var account = fixture.Grains.GetGrain<IChatAccountGrain>("shared-host:1/shared-account");
        var granted = 0;
        for (var i = 0; i < 25; i++)
        {
            granted += (await account.TrySend(moderator: false)).Granted ? 1 : 0;
        }

        var refused = await account.TrySend(moderator: false);

        Assert.Equal(20, granted);
        Assert.False(refused.Granted);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task TheViewHasNoSecretsAndAWrongTokenIsReportedAsARefusedLogin()
    {
        var botId = "chat-badtoken";
        var link = fixture.Grains.GetGrain<IChatLinkGrain>(botId);
        await CreateAndStartAsync(botId);
        var view = await link.Configure(new ChatLinkSettings("badtoken", "badtoken-bot", "oauth:wrong", [new ModelEndpointSettings(fixture.Model.Url, "m", "sk-secret", 0)]));

        await link.Keep((await fixture.Grains.GetGrain<IBotGrain>(botId).GetInfo())!);
        var failed = await Eventually.Get(() => link.GetView(), v => v!.Stats.LastError is not null, Within, "a refused login");

        Assert.True(view.HasToken);
        Assert.True(view.ModelEndpoints.Single().HasApiKey);
        Assert.DoesNotContain("oauth:wrong", view.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", view.ToString(), StringComparison.Ordinal);
        Assert.Contains("login refused", failed!.Stats.LastError, StringComparison.Ordinal);
        Assert.False(failed.Stats.Joined);
    }

    private async Task<(IChatLinkGrain Link, string Channel)> StartChatBotAsync(string name)
    {
        var botId = "chat-" + name;
        var channel = "#" + name;
        var link = fixture.Grains.GetGrain<IChatLinkGrain>(botId);
        await link.Configure(new ChatLinkSettings(name, name + "-bot", Chat.Token, []));
        await CreateAndStartAsync(botId);
        await Eventually.Get(() => link.GetView(), v => v!.Stats.Joined, Within, $"{botId} joined {channel}");
        return (link, channel);
    }

    private async Task CreateAndStartAsync(string botId)
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>(botId);
        await bot.Create("chat-user-" + botId, new BotDefinition(botId, BotKind.Chat, ["BTCUSDT"], 5, 5, 20, 0.01m));
        var started = await bot.Start();
        Assert.Equal(StartOutcome.Started, started.Outcome);
    }

    private Task<string> SaidAsync(string channel, Func<string, bool> match) =>
        Eventually.Get(() => Task.FromResult(Chat.Said(channel).FirstOrDefault(match)), text => text is not null, Within, $"a matching message in {channel}")!;
}
