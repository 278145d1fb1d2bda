using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Roster;
using OrleansBots.Users;

namespace OrleansBots.Tests.Bots;

[Collection(ClusterCollection.Name)]
public sealed class ChatBotTests(ClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private static BotDefinition ChatBot => new("helper", BotKind.Chat, ["ETHUSDT"], 5, 5, 20, 0.01m);

    [Fact]
    public async Task ARunningChatBotAnswersAndKeepsItsReplies()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-chat");
        await bot.Create($"{_run}-nora", ChatBot);

        var beforeStart = await bot.Ask("price");
        await bot.Start();
        var answer = await bot.Ask("price ETHUSDT");
        await bot.Stop();

        Assert.Equal(ChatOutcome.NotRunning, beforeStart.Outcome);
        Assert.Equal(ChatOutcome.Replied, answer.Outcome);
        Assert.StartsWith("ETHUSDT is at ", answer.Reply!.Text);
        Assert.Equal("price ETHUSDT", Assert.Single((await bot.GetReplies(10)).Items).Message);
    }

    [Fact]
    public async Task ATradingBotTakesNoMessages()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-trader");
        await bot.Create($"{_run}-otto", ChatBot with { Kind = BotKind.Trading });

        Assert.Equal(ChatOutcome.NotChatBot, (await bot.Ask("help")).Outcome);
    }

    [Fact]
    public async Task MessagesOverTheSignalsPerMinuteLimitAreRefused()
    {
        var capacity = fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);
        await capacity.ChangeLimits(new LimitsChange(MaxSignalsPerMinute: 3));
        var userId = $"{_run}-pia";
        await fixture.Grains.GetGrain<IUserGrain>(userId).Register([1], new UserLimits(null, null));
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-spam");
        await bot.Create(userId, ChatBot);
        await bot.Start();
        try
        {
            var answers = new List<ChatAnswer>();
            for (var i = 0; i < 4; i++)
            {
                answers.Add(await bot.Ask("help"));
            }

            Assert.All(answers.Take(3), a => Assert.Equal(ChatOutcome.Replied, a.Outcome));
            Assert.Equal(ChatOutcome.SignalLimitReached, answers[3].Outcome);
            Assert.Equal((3, 3), (answers[3].Quota!.UsedLastMinute, answers[3].Quota!.Limit));
            Assert.Equal(3, ((await bot.GetReplies(10)).Items).Count);
        }
        finally
        {
            await bot.Stop();
            await capacity.ChangeLimits(new LimitsChange(MaxSignalsPerMinute: 100));
        }
    }
}
