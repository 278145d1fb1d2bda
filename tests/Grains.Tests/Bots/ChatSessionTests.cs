using Microsoft.Extensions.Time.Testing;
using OrleansBots.Bots;
using OrleansBots.Quotas;

namespace OrleansBots.Tests.Bots;

public sealed class ChatSessionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly SignalQuotaAnswer Allowed = new(true, 1, 100, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Noon);
    private readonly UnsavedHistory _unsaved = new();
    private readonly BotState _bot = BotState.Created("alice", new BotDefinition("chatty", BotKind.Chat, ["BTCUSDT", "ETHUSDT"], 5, 5, 20, 0.01m), Noon);

    public ChatSessionTests() => _bot.Started(Noon);

    [Fact]
    public async Task ARunningChatBotAnswersWithThePricesItCanGetAndKeepsTheReply()
    {
        var market = new ScriptedMarket(new() { ["BTCUSDT"] = new Queue<decimal>([42000.5m]) });

        var answer = await Session(market).AskAsync("price", Info(), () => Task.FromResult(Allowed));

        Assert.Equal(ChatOutcome.Replied, answer.Outcome);
        Assert.Equal(Allowed, answer.Quota);
        Assert.Equal((Noon, "price"), (answer.Reply!.At, answer.Reply.Message));
        Assert.Equal("BTCUSDT is at 42000.5.; ETHUSDT: no price right now (the market is not answering); try again shortly.", answer.Reply.Text);
        Assert.Equal([new HistoryItem(HistoryKind.Reply, 1, Noon, answer.Reply)], _unsaved.Items);
    }

    [Fact]
    public async Task OnlyARunningChatBotAnswersAndNeitherCountsASignal()
    {
        var counted = 0;
        Task<SignalQuotaAnswer> Count()
        {
            counted++;
            return Task.FromResult(Allowed);
        }

        var trading = BotState.Created("alice", _bot.Definition! with { Kind = BotKind.Trading }, Noon);
        var notChat = await new ChatSession(trading, Market(), _time, new UnsavedHistory()).AskAsync("help", Info(), Count);
        _bot.Status = BotStatus.Stopped;
        var notRunning = await Session(Market()).AskAsync("help", Info(), Count);

        Assert.Equal((ChatOutcome.NotChatBot, ChatOutcome.NotRunning, 0), (notChat.Outcome, notRunning.Outcome, counted));
    }

    [Fact]
    public async Task AMessageOverTheSignalsPerMinuteQuotaGetsNoReply()
    {
        var refused = new SignalQuotaAnswer(false, 100, 100, TimeSpan.FromSeconds(12));

        var answer = await Session(Market()).AskAsync("help", Info(), () => Task.FromResult(refused));

        Assert.Equal((ChatOutcome.SignalLimitReached, (ChatReply?)null, refused), (answer.Outcome, answer.Reply, answer.Quota));
        Assert.Empty(_bot.Replies);
    }

    [Fact]
    public async Task RepliesAreNumberedOnFromTheBotsCount()
    {
        _bot.RepliesTotal = 7;
        var session = Session(Market());
        foreach (var message in new[] { "help", "symbols", "status" })
        {
            await session.AskAsync(message, Info(), () => Task.FromResult(Allowed));
        }

        Assert.Equal([8L, 9L, 10L], _unsaved.Items.Select(r => r.Seq));
        Assert.Equal(["help", "symbols", "status"], _unsaved.Items.Select(r => ((ChatReply)r.Item).Message));
        Assert.Empty(_bot.Replies);
    }

    private static ScriptedMarket Market() => new([]);

    private ChatSession Session(ScriptedMarket market) => new(_bot, market, _time, _unsaved);

    private BotInfo Info() => _bot.ToInfo("bot-1", "silo-a");
}
