using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class ChatResponderTests
{
    private static readonly BotInfo Bot = new(
        "bot_1", "alice", new BotDefinition("helper", BotKind.Chat, ["BTCUSDT"], 5, 5, 20, 0.01m),
        BotStatus.Running, null, DateTimeOffset.UnixEpoch, null, 0, null, 0, 2, null);

    private static readonly ChatResponder Responder = new(["BTCUSDT"], _ => 97_000.5m);

    [Theory]
    [InlineData("price BTCUSDT")]
    [InlineData("/price btcusdt")]
    [InlineData("price")]
    public void QuotesTheSymbolsItFollows(string message)
    {
        Assert.Equal("BTCUSDT is at 97000.5.", Responder.Reply(message, Bot));
    }

    [Fact]
    public void SaysWhichSymbolsItFollowsWhenAskedForAnother()
    {
        Assert.Equal("I do not follow ETHUSDT; I follow BTCUSDT.", Responder.Reply("price ETHUSDT", Bot));
    }

    [Fact]
    public void ReportsItsStatus()
    {
        Assert.Equal("helper is running, 2 restart(s) so far.", Responder.Reply("status", Bot));
    }

    [Fact]
    public void AnswersWhatItDoesNotUnderstandWithHelp()
    {
        var reply = Responder.Reply("what's the weather", Bot);

        Assert.StartsWith("I did not understand \"what's the weather\"", reply);
        Assert.Contains("Try: price", reply);
    }
}
