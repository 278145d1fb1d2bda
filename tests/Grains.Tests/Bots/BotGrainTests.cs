using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Quotas;
using OrleansBots.Storage;
using OrleansBots.Tests.Storage;
using OrleansBots.Users;

namespace OrleansBots.Tests.Bots;

[Collection(ClusterCollection.Name)]
public sealed class BotGrainTests(ClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private static BotDefinition FastBot => new("fast", BotKind.Trading, ["BTCUSDT"], 0.05, 2, 4, 0.5m);

    [Fact]
    public async Task ARunningBotTicksAndRecordsPaperTrades()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-ticker");
        await bot.Create($"{_run}-henry", FastBot);

        await bot.Start();
        var info = await Eventually.Get(() => bot.GetInfo(), b => b!.TradesTotal >= 3, TimeSpan.FromSeconds(20), "three trades");
        await bot.Stop();

        var trades = (await bot.GetTrades(10)).Items;
        Assert.True(info!.Ticks >= 5);
        Assert.True(trades.Count >= 3);
        Assert.All(trades, t => Assert.Equal(("BTCUSDT", 0.5m), (t.Symbol, t.Quantity)));
        Assert.All(trades, t => Assert.True(t.Price > 0));
        var sides = trades.OrderBy(t => t.At).Select(t => t.Side).ToList();
        Assert.Equal(TradeSide.Buy, sides[0]);
        Assert.All(sides.Zip(sides.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(trades.Count, ((await bot.GetSignals(50)).Items).Count(s => s.Kind is "buy" or "sell"));
    }

    [Fact]
    public async Task TicksWithNothingToTradeAndRoutineSavesTakeNoGrainTurnOfTheirOwn()
    {
        // Windows longer than the run: no trade is decided, and the interval saves (every second here) are made under
        // the held tick on the activation's scheduler; only the first tick (no strategy yet) takes a turn.
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-quiet");
        await bot.Create($"{_run}-quinn", new BotDefinition("quiet", BotKind.Trading, ["BTCUSDT", "ETHUSDT"], 0.05, 100, 200, 0.5m));

        await bot.Start();
        var writesAtStart = CountingGrainStorage.WritesOf(StateNames.Bot, bot.GetGrainId());
        var info = await Eventually.Get(() => bot.GetInfo(), b => b!.Ticks >= 60, TimeSpan.FromSeconds(30), "60 ticks");
        var (timerTurns, saves) = (BotTimerTurns.Of(bot.GetGrainId()), CountingGrainStorage.WritesOf(StateNames.Bot, bot.GetGrainId()) - writesAtStart);
        await bot.Stop();

        Assert.True(saves >= 2, $"{saves} routine saves in {info!.Ticks} ticks");
        Assert.InRange(timerTurns, 0, 2);
    }

    [Fact]
    public async Task StartingSomeoneElsesBotFindsNoBotAndLeavesItAsItWas()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-owned");
        await bot.Create($"{_run}-owner", FastBot);

        var result = await bot.StartAs($"{_run}-intruder");

        Assert.Equal((StartOutcome.NotFound, (BotInfo?)null), (result.Outcome, result.Bot));
        Assert.Equal(BotStatus.Created, (await bot.GetInfo())!.Status);
    }

    [Fact]
    public async Task ItsOwnerStartsABotInOnePassAndStartingItAgainChangesNothing()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-mine");
        await bot.Create($"{_run}-mona", FastBot);

        var started = await bot.StartAs($"{_run}-mona");
        var again = await bot.StartAs($"{_run}-mona");
        await bot.Stop();

        Assert.Equal((StartOutcome.Started, BotStatus.Running), (started.Outcome, started.Bot!.Status));
        Assert.Equal(1, started.Admission!.UserBots);
        Assert.Equal(StartOutcome.AlreadyRunning, again.Outcome);
    }

    [Fact]
    public async Task AStoppedBotNoLongerTicks()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-stopper");
        await bot.Create($"{_run}-ivy", FastBot);
        await bot.Start();
        await Eventually.Get(() => bot.GetInfo(), b => b!.Ticks >= 3, TimeSpan.FromSeconds(10), "ticking");

        var stopped = await bot.Stop();
        await Task.Delay(500);
        var later = await bot.GetInfo();

        Assert.Equal(BotStatus.Stopped, stopped!.Status);
        Assert.Equal(stopped.Ticks, later!.Ticks);
        Assert.Equal(0, await fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetUserBots($"{_run}-ivy"));
    }

    [Fact]
    public async Task TheDailyQuotaRefusesTradeFiveHundredAndOne()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>($"{_run}-jack");
        await user.Register([1], new UserLimits(null, null));

        var answers = new List<TradeQuotaAnswer>();
        for (var i = 0; i < 501; i++)
        {
            answers.Add(await user.TryCountTrade());
        }

        Assert.All(answers.Take(500), a => Assert.True(a.Allowed));
        Assert.False(answers[500].Allowed);
        Assert.Equal((500, 500), (answers[500].UsedToday, answers[500].Limit));
        Assert.Equal(500, (await user.GetProfile())!.TradesToday);
    }

    [Fact]
    public async Task ATradeOverTheQuotaIsRefusedAndASignalSaysWhy()
    {
        var userId = $"{_run}-kate";
        await fixture.Grains.GetGrain<IUserGrain>(userId).Register([1], new UserLimits(null, MaxTradesPerDay: 1));
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-quota");
        await bot.Create(userId, FastBot);

        await bot.Start();
        await Eventually.Get(async () => (await bot.GetSignals(50)).Items, s => s.Any(x => x.Kind == "refused"), TimeSpan.FromSeconds(20), "a refused trade");
        var info = await bot.Stop();

        var refusal = ((await bot.GetSignals(50)).Items).First(s => s.Kind == "refused");
        Assert.Equal(1, info!.TradesTotal);
        Assert.Contains("daily trade limit reached (1/1)", refusal.Message);
        Assert.Single((await bot.GetTrades(10)).Items);
    }

    [Fact]
    public async Task DeletingARunningBotStopsItFreesItsSlotAndForgetsIt()
    {
        var userId = $"{_run}-liam";
        await fixture.Grains.GetGrain<IUserGrain>(userId).Register([1], new UserLimits(null, null));
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-doomed");
        await bot.Create(userId, FastBot);
        await bot.Start();

        await bot.Delete();

        Assert.Null(await bot.GetInfo());
        Assert.Equal(0, await fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetUserBots(userId));
        Assert.DoesNotContain($"{_run}-doomed", (await fixture.Grains.GetGrain<IUserGrain>(userId).GetProfile())!.BotIds);
    }

    [Fact]
    public async Task CreatingABotTwiceWithTheSameIdFails()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-twice");
        await bot.Create($"{_run}-mia", FastBot);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Create($"{_run}-other", FastBot));
        Assert.Equal($"{_run}-mia", (await bot.GetInfo())!.UserId);
    }
}
