using OrleansBots.Bots;
using OrleansBots.Events;
using OrleansBots.Users;

namespace OrleansBots.Tests.Bots;

/// <summary>
/// Without <c>Bots:SaveEachTrade</c> (the default) a decided trade is made off the bot's grain turns, holding
/// its tick latch until the trade's count comes back: the quota, the history and the event log see it as before.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TradesOffTurnsTests(MemoryDefaultsCluster fixture) : IClassFixture<MemoryDefaultsCluster>
{
    private static readonly BotDefinition FastBot = new("fast", BotKind.Trading, ["BTCUSDT"], 0.05, 2, 4, 0.5m);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ATradeWithNothingToSaveTakesNoGrainTurnOfItsOwn()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-quick");
        await bot.Create($"{_run}-quincy", FastBot);
        await bot.Start();
        var turnsAtStart = BotTimerTurns.Of(bot.GetGrainId());

        var info = await Eventually.Get(() => bot.GetInfo(), b => b!.TradesTotal >= 6, TimeSpan.FromSeconds(20), "six trades");
        var timerTurns = BotTimerTurns.Of(bot.GetGrainId()) - turnsAtStart;
        await bot.Stop();

        // Through a turn, each trade took one; only a tick whose price the market had to fetch may take one now.
        Assert.True(timerTurns <= 2, $"{timerTurns} timer turns for {info!.TradesTotal} trades");
        Assert.Equal(info.TradesTotal, (await bot.GetTrades(50)).Items.Count);
    }

    [Fact]
    public async Task BotsOfOneUserTradingTogetherNeverExceedTheirDailyQuota()
    {
        var userId = $"{_run}-quota";
        await fixture.Grains.GetGrain<IUserGrain>(userId).Register([1], new UserLimits(null, MaxTradesPerDay: 5));
        var bots = Enumerable.Range(0, 4).Select(i => fixture.Grains.GetGrain<IBotGrain>($"{_run}-quota-{i}")).ToList();
        foreach (var bot in bots)
        {
            await bot.Create(userId, FastBot);
            await bot.Start();
        }

        await Eventually.Get(
            async () => (await Task.WhenAll(bots.Select(b => b.GetSignals(50)))).Sum(page => page.Items.Count(s => s.Kind == "refused")),
            refused => refused >= 4,
            TimeSpan.FromSeconds(20),
            "refused trades");
        var stopped = await Task.WhenAll(bots.Select(b => b.Stop()));

        Assert.Equal(5, stopped.Sum(b => b!.TradesTotal));
        Assert.Equal(5, (await Task.WhenAll(bots.Select(b => b.GetTrades(50)))).Sum(page => page.Items.Count));
        Assert.Equal(5, (await fixture.Grains.GetGrain<IUserGrain>(userId).GetProfile())!.TradesToday);
    }

    [Fact]
    public async Task TradesMadeOffTurnsReachTheEventLogNumberedWithoutGaps()
    {
        var botId = $"{_run}-logged";
        var bot = fixture.Grains.GetGrain<IBotGrain>(botId);
        await bot.Create($"{_run}-lola", FastBot);
        await bot.Start();

        await Eventually.Get(() => bot.GetInfo(), b => b!.TradesTotal >= 4, TimeSpan.FromSeconds(20), "four trades");
        await bot.Stop();

        // Read after the stop: a watched log publishes its events, and appends through the bot's turns.
        var page = await fixture.Grains.GetGrain<IBotEventLogGrain>(botId).Watch(0);
        var trades = (await bot.GetTrades(50)).Items;
        Assert.Equal(Enumerable.Range(1, page.Events.Count).Select(n => (long)n), page.Events.Select(e => e.Sequence));
        Assert.Equal(
            trades.OrderBy(t => t.At).Select(t => t.TradeId),
            page.Events.Where(e => e.Kind == BotEventKind.Trade).Select(e => e.Trade!.TradeId));
    }
}
