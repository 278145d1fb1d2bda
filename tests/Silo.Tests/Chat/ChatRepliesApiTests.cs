using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Chat;

namespace OrleansBots.Silo.Tests.Chat;

/// <summary>What a chat bot says in its IRC channel, read by its owner through the HTTP API of a real silo.</summary>
public sealed class ChatRepliesApiTests
{
    private const string Channel = "#replies";

    [Fact]
    public async Task RepliesTheBotSendsOnIrcAppearInItsRepliesAndInItsEventStream()
    {
        await using var chat = await FakeChatServer.StartAsync();
        await using var model = await FakeModelServer.StartAsync();
        await using var silo = await SingleSilo.StartAsync(new Dictionary<string, string>
        {
            ["Chat__ServerUrl"] = chat.Url.ToString(),
            ["Chat__Models__0__Url"] = model.Url,
            ["Chat__Models__0__Model"] = "test-model",
        });
        var (apiKey, user) = await silo.NewUserAsync("chat-replies");
        var bot = await user.CreateBotAsync(new CreateBotRequest("replies-bot", "chat", ["BTCUSDT"]));
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"api/bots/{bot.BotId}/chat"))
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            put.Content = JsonContent.Create(new { channel = Channel, nick = "repliesbot", token = chat.Token });
            using var response = await silo.Http.SendAsync(put);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await user.StartBotAsync(bot.BotId);
        await Eventually.Get(() => Task.FromResult(chat.Joined(Channel)), joined => joined == 1, TimeSpan.FromSeconds(30), "the bot in its channel");
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var replyEvent = user.WatchAsync(bot.BotId, afterSequence: 0, cancellationToken: watching.Token)
            .FirstAsync(e => e.Type == BotEventView.ReplyType && e.Reply!.Text.Contains("answer to: what is a candle?", StringComparison.Ordinal), watching.Token).AsTask();

        await chat.ViewerSaysAsync(Channel, "viewer1", "!ask what is a candle?");

        const string said = "@viewer1 answer to: what is a candle?";
        var replies = await Eventually.Get(() => user.GetRepliesAsync(bot.BotId), r => r.Any(x => x.Text == said), TimeSpan.FromSeconds(30), "the IRC reply in the bot's replies");
        Assert.Contains(said, chat.Said(Channel));
        Assert.Equal("viewer1: what is a candle?", replies.First(x => x.Text == said).Message);
        var streamed = await replyEvent;
        Assert.Equal(said, streamed.Reply!.Text);
        Assert.Equal("viewer1: what is a candle?", streamed.Reply.Message);
    }
}
