using OrleansBots.Bots;
using OrleansBots.Storage;
using OrleansBots.Tests.Storage;

namespace OrleansBots.Tests.Bots;

/// <summary>Bots that save their state with each trade (the default on PostgreSQL), and only routinely, once an hour here.</summary>
public sealed class SaveEachTradeCluster : ClusterFixture
{
    protected override void ConfigureBots(BotOptions options) => (options.SaveInterval, options.SaveEachTrade) = (TimeSpan.FromHours(1), true);
}

[Collection(ClusterCollection.Name)]
public sealed class TradeSavesTests(SaveEachTradeCluster eachTrade, MemoryDefaultsCluster atInterval) : IClassFixture<SaveEachTradeCluster>, IClassFixture<MemoryDefaultsCluster>
{
    private static readonly BotDefinition FastBot = new("fast", BotKind.Trading, ["BTCUSDT"], 0.05, 2, 4, 0.5m);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task WithSaveEachTradeEveryTradeIsSavedBeforeTheNextTickWithoutATurnOfItsOwn()
    {
        var (trades, stateWrites, timerTurns) = await TradeThreeTimesAsync(eachTrade.Grains, $"{_run}-each");

        // The newest trade in the history may still be saving: its history is written first.
        Assert.True(stateWrites >= trades - 1, $"{stateWrites} state writes for {trades} trades");

        // The save runs on the activation's scheduler under the tick's latch; only a tick whose price had to be fetched takes a turn.
        Assert.True(timerTurns <= 2, $"{timerTurns} timer turns for {trades} trades");
    }

    [Fact]
    public async Task WithoutSaveEachTradeTradesReachTheHistoryAtOnceAndTheStateWaitsForItsRoutineSave()
    {
        var (trades, stateWrites, _) = await TradeThreeTimesAsync(atInterval.Grains, $"{_run}-interval");

        Assert.True(trades >= 3);
        Assert.Equal(0, stateWrites);
    }

    /// <summary>
    /// Runs a fast bot to three trades; returns the trades its history shows, and the state writes and timer turns made
    /// meanwhile (the start's excluded).
    /// </summary>
    private static async Task<(int Trades, int StateWrites, int TimerTurns)> TradeThreeTimesAsync(IGrainFactory grains, string botId)
    {
        var bot = grains.GetGrain<IBotGrain>(botId);
        await bot.Create($"{botId}-owner", FastBot);
        await bot.Start();
        var atStart = (Writes: CountingGrainStorage.WritesOf(StateNames.Bot, bot.GetGrainId()), Turns: BotTimerTurns.Of(bot.GetGrainId()));

        var history = await Eventually.Get(async () => (await bot.GetTrades(10)).Items, t => t.Count >= 3, TimeSpan.FromSeconds(20), "three trades in the history");
        var stateWrites = CountingGrainStorage.WritesOf(StateNames.Bot, bot.GetGrainId()) - atStart.Writes;
        var timerTurns = BotTimerTurns.Of(bot.GetGrainId()) - atStart.Turns;
        await bot.Stop();

        return (history.Count, stateWrites, timerTurns);
    }
}
