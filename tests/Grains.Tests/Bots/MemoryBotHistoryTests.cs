using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class MemoryBotHistoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly MemoryBotHistory _history = new(Microsoft.Extensions.Options.Options.Create(new BotOptions { TradesKept = 50, SignalsKept = 20 }));

    [Fact]
    public async Task PagesGoFromTheNewestToTheOldestWithoutGapsOrRepeats()
    {
        await _history.AppendAsync("b", Trades(1, 30));

        var seen = new List<string>();
        long? before = null;
        do
        {
            var page = await _history.ReadAsync<Trade>("b", HistoryKind.Trade, 7, before);
            seen.AddRange(page.Items.Select(t => t.TradeId));
            before = page.Before;
        }
        while (before is not null);

        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => $"b-{i}"), seen);
    }

    [Fact]
    public async Task ARetriedSaveStoresATradeOnceAndEachBotAndKindKeepsItsOwnBoundedList()
    {
        await _history.AppendAsync("b", Trades(1, 40));
        await _history.AppendAsync("b", Trades(35, 60));
        await _history.AppendAsync("other", Trades(1, 1));

        var page = await _history.ReadAsync<Trade>("b", HistoryKind.Trade, 1000, null);

        Assert.Equal(Enumerable.Range(11, 50).Reverse().Select(i => $"b-{i}"), page.Items.Select(t => t.TradeId));
        Assert.Null(page.Before);
        Assert.Empty((await _history.ReadAsync<Signal>("b", HistoryKind.Signal, 10, null)).Items);
    }

    [Fact]
    public async Task TradesAndSignalsAppendedTogetherGoEachToTheirOwnKindsBoundedList()
    {
        var items = Enumerable.Range(1, 30).SelectMany(i => new HistoryItem[]
        {
            new(HistoryKind.Trade, i, Noon.AddSeconds(i), Trade(i)),
            new(HistoryKind.Signal, i, Noon.AddSeconds(i), Signal() with { Message = $"signal {i}" }),
        }).ToList();

        await _history.AppendAsync("b", items);

        var trades = await _history.ReadAsync<Trade>("b", HistoryKind.Trade, 100, null);
        var signals = await _history.ReadAsync<Signal>("b", HistoryKind.Signal, 100, null);
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => $"b-{i}"), trades.Items.Select(t => t.TradeId));
        Assert.Equal(Enumerable.Range(11, 20).Reverse().Select(i => $"signal {i}"), signals.Items.Select(s => s.Message));
        Assert.Equal(50, _history.Items);
    }

    [Fact]
    public async Task ADeletedBotsHistoryIsGone()
    {
        await _history.AppendAsync("b", Trades(1, 3));

        await _history.DeleteAsync("b");

        Assert.Empty((await _history.ReadAsync<Trade>("b", HistoryKind.Trade, 10, null)).Items);
    }

    [Fact]
    public async Task OverItsBudgetTheStoreDropsTheSilosOldestItemsFirstWhicheverBotTheyBelongTo()
    {
        var history = new MemoryBotHistory(Microsoft.Extensions.Options.Options.Create(new BotOptions { TradesKept = 100_000, MemoryHistoryMegabytes = 1 }));
        var perTrade = MemoryBotHistory.SizeOf(Trade(1));
        var fit = (int)(1024 * 1024 / perTrade);
        await history.AppendAsync("old", Trades(1, fit / 2));
        var newestSeq = 0;
        for (var i = 1; i <= fit; i += 100)
        {
            await history.AppendAsync("new", Trades(i, i + 99));
            newestSeq = i + 99;
        }

        Assert.InRange(history.Bytes, 1024 * 1024 - 100 * perTrade, 1024 * 1024);
        Assert.Empty((await history.ReadAsync<Trade>("old", HistoryKind.Trade, 10, null)).Items);
        var newest = await history.ReadAsync<Trade>("new", HistoryKind.Trade, 10, null);
        Assert.Equal($"b-{newestSeq}", newest.Items[0].TradeId);
        Assert.NotNull(newest.Before);
    }

    [Fact]
    public async Task WithinItsBudgetABotStillKeepsItsWholeBoundedList()
    {
        var history = new MemoryBotHistory(Microsoft.Extensions.Options.Options.Create(new BotOptions { TradesKept = 500, MemoryHistoryMegabytes = 64 }));
        for (var bot = 0; bot < 20; bot++)
        {
            await history.AppendAsync($"bot-{bot}", Trades(1, 600));
        }

        Assert.Equal(20 * 500, history.Items);
        Assert.Equal(500, (await history.ReadAsync<Trade>("bot-0", HistoryKind.Trade, 1000, null)).Items.Count);
    }

    [Fact]
    public async Task ItemsABotsOwnBoundDroppedDoNotPileUpBehindABudgetNeverReached()
    {
        for (var i = 1; i <= 20_000; i++)
        {
            await _history.AppendAsync("b", Trades(i, i));
        }

        Assert.Equal(50, _history.Items);
        Assert.InRange(_history.ArrivalEntries, 50, 2 * 50 + 1024 + 1);
    }

    [Fact]
    public async Task BotsTakingTurnsReadTheirOwnNewestItemsWhileDroppedItemsAreCompactedAway()
    {
        for (var i = 1; i <= 3_000; i++)
        {
            foreach (var bot in new[] { "a", "b", "c" })
            {
                await _history.AppendAsync(bot, Trades(i, i));
            }
        }

        Assert.Equal(150, _history.Items);
        Assert.InRange(_history.ArrivalEntries, 150, 2 * 150 + 1024 + 1);
        var page = await _history.ReadAsync<Trade>("b", HistoryKind.Trade, 10, 2_996);
        Assert.Equal(Enumerable.Range(2_986, 10).Reverse().Select(i => $"b-{i}"), page.Items.Select(t => t.TradeId));
        Assert.Equal(2_986, page.Before);
    }

    [Fact]
    public async Task OverItsBudgetTheStoreKeepsTheNewestItemsOfEveryBotWhileItsOldestGoRoundAndRound()
    {
        var history = new MemoryBotHistory(Microsoft.Extensions.Options.Options.Create(new BotOptions { TradesKept = 100_000, MemoryHistoryMegabytes = 1 }));
        var fit = (int)(1024 * 1024 / MemoryBotHistory.SizeOf(Trade(1)));
        for (var i = 1; i <= 2 * fit; i++)
        {
            await history.AppendAsync($"bot-{i % 7}", Trades(i, i));
        }

        Assert.InRange(history.Bytes, 1024 * 1024 - MemoryBotHistory.SizeOf(Trade(2 * fit)), 1024 * 1024);
        var newest = await history.ReadAsync<Trade>($"bot-{2 * fit % 7}", HistoryKind.Trade, 3, null);
        Assert.Equal([$"b-{2 * fit}", $"b-{2 * fit - 7}", $"b-{2 * fit - 14}"], newest.Items.Select(t => t.TradeId));
    }

    [Fact]
    public async Task ADeletedBotsItemsNoLongerCountAgainstTheBudget()
    {
        await _history.AppendAsync("b", Trades(1, 30));
        await _history.AppendAsync("b", [new(HistoryKind.Signal, 1, Noon, Signal())]);

        await _history.DeleteAsync("b");

        Assert.Equal(0, _history.Bytes);
        Assert.Equal(0, _history.Items);
    }

    [Fact]
    public async Task SinceASavedStateTheStoreGivesTheNewestNumberOfEachKindAndTheTradesMadeAfterItOldestFirst()
    {
        var items = Trades(1, 6);
        items.AddRange(Enumerable.Range(1, 9).Select(i => new HistoryItem(HistoryKind.Signal, i, Noon, Signal())));
        await _history.AppendAsync("b", items);
        await _history.AppendAsync("other", Trades(1, 20));

        var since = await _history.ReadSinceAsync("b", new HistoryCounts(Trades: 4, Signals: 9, Replies: 2));

        Assert.Equal(new HistoryCounts(6, 9, 2), since.Counts);
        Assert.Equal(["b-5", "b-6"], since.Trades.Select(t => t.TradeId));
    }

    [Fact]
    public async Task ABotWithNothingStoredBeyondItsSavedStateKeepsItsCounts()
    {
        await _history.AppendAsync("b", Trades(1, 3));

        var since = await _history.ReadSinceAsync("b", new HistoryCounts(3, 0, 0));
        var unknown = await _history.ReadSinceAsync("never-stored", new HistoryCounts(7, 1, 1));

        Assert.Equal((new HistoryCounts(3, 0, 0), 0), (since.Counts, since.Trades.Count));
        Assert.Equal((new HistoryCounts(7, 1, 1), 0), (unknown.Counts, unknown.Trades.Count));
    }

    [Fact]
    public void HistoryAStateStoredBeforeTheStoreIsTakenOverWithItsNumbersAndTheStateIsLeftWithout()
    {
        var bot = new BotState { TradesTotal = 12, Trades = [Trade(11), Trade(12)], Signals = [Signal(), Signal(), Signal()] };
        var unsaved = new UnsavedHistory();

        unsaved.TakeOver(bot);

        Assert.Equal([11L, 12L], unsaved.Items.Where(i => i.Kind == HistoryKind.Trade).Select(t => t.Seq));
        Assert.Equal([1L, 2L, 3L], unsaved.Items.Where(i => i.Kind == HistoryKind.Signal).Select(s => s.Seq));
        Assert.Equal(3, bot.SignalsTotal);
        Assert.False(bot.HoldsHistory);
    }

    private static List<HistoryItem> Trades(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(i => new HistoryItem(HistoryKind.Trade, i, Noon.AddSeconds(i), Trade(i))).ToList();

    private static Trade Trade(int i) => new($"b-{i}", "BTCUSDT", TradeSide.Buy, 100, 1, Noon.AddSeconds(i));

    private static Signal Signal() => new(Noon, "BTCUSDT", "buy", "bought");
}
