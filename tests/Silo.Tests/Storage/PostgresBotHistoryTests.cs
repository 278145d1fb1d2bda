using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;
using OrleansBots.Bots;
using OrleansBots.Silo.Storage;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>Bots' history in the real PostgreSQL of the test run, as the silo stores it there.</summary>
public sealed class PostgresBotHistoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [RequiresServersFact]
    public async Task ManyBotsAppendingAtOnceAreAllStoredOnceAndReadBackInPagesNewestFirst()
    {
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        await using var data = NpgsqlDataSource.Create(TestServers.Postgres!);
        var history = new PostgresBotHistory(data, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = SiloEnvironment.NewServiceId("history") }), PostgresRetries.Default());

        // 200 bots with 25 trades each, every trade saved twice (a retried save), all at once.
        await Task.WhenAll(Enumerable.Range(0, 200).SelectMany(bot => Enumerable.Range(1, 25).SelectMany(seq => new[]
        {
            history.AppendAsync($"bot-{bot}", [new(HistoryKind.Trade, seq, Noon.AddSeconds(seq), Trade(bot, seq))]),
            history.AppendAsync($"bot-{bot}", [new(HistoryKind.Trade, seq, Noon.AddSeconds(seq), Trade(bot, seq) with { Price = 1 })]),
        })));

        var ids = new List<string>();
        long? before = null;
        do
        {
            var page = await history.ReadAsync<Trade>("bot-7", HistoryKind.Trade, 10, before);
            ids.AddRange(page.Items.Select(t => t.TradeId));
            Assert.All(page.Items, t => Assert.Equal(100m, t.Price));
            before = page.Before;
        }
        while (before is not null);

        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => $"bot-7-{i}"), ids);
        Assert.Empty((await history.ReadAsync<Signal>("bot-7", HistoryKind.Signal, 10, null)).Items);

        // A trade and its signal go in one append, each under its own kind and number.
        await history.AppendAsync("bot-7", [
            new(HistoryKind.Trade, 26, Noon.AddSeconds(26), Trade(7, 26)),
            new(HistoryKind.Signal, 1, Noon.AddSeconds(26), new Signal(Noon.AddSeconds(26), "BTCUSDT", "sell", "sold 0.5")),
        ]);
        Assert.Equal("bot-7-26", (await history.ReadAsync<Trade>("bot-7", HistoryKind.Trade, 1, null)).Items.Single().TradeId);
        Assert.Equal("sold 0.5", (await history.ReadAsync<Signal>("bot-7", HistoryKind.Signal, 10, null)).Items.Single().Message);
        await history.DeleteAsync("bot-7");
        Assert.Empty((await history.ReadAsync<Trade>("bot-7", HistoryKind.Trade, 10, null)).Items);
        Assert.Equal(25, (await history.ReadAsync<Trade>("bot-8", HistoryKind.Trade, 100, null)).Items.Count);
    }

    [RequiresServersFact]
    public async Task ManyBotsResumingAtOnceEachReadOnlyWhatTheirHistoryHoldsBeyondTheirSavedCounts()
    {
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        await using var data = NpgsqlDataSource.Create(TestServers.Postgres!);
        var history = new PostgresBotHistory(data, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = SiloEnvironment.NewServiceId("since") }), PostgresRetries.Default());

        // Bot n has n trades (sells, the last of each a buy of ETHUSDT), 2n signals and one reply.
        await Task.WhenAll(Enumerable.Range(1, 300).Select(bot => history.AppendAsync($"bot-{bot}", [
            .. Enumerable.Range(1, bot).Select(seq => new HistoryItem(HistoryKind.Trade, seq, Noon.AddSeconds(seq),
                seq == bot ? Trade(bot, seq) with { Symbol = "ETHUSDT", Side = TradeSide.Buy } : Trade(bot, seq))),
            .. Enumerable.Range(1, 2 * bot).Select(seq => new HistoryItem(HistoryKind.Signal, seq, Noon, new Signal(Noon, "BTCUSDT", "sell", "sold"))),
            new HistoryItem(HistoryKind.Reply, 1, Noon, new ChatReply(Noon, "hi", "hello")),
        ])));

        // Every bot saved its state three trades and no signal ago (or never traded, as far as its state knows).
        var since = await Task.WhenAll(Enumerable.Range(1, 300).Select(bot =>
            history.ReadSinceAsync($"bot-{bot}", new HistoryCounts(Math.Max(0, bot - 3), 2 * bot, 1))));

        for (var bot = 1; bot <= 300; bot++)
        {
            var read = since[bot - 1];
            Assert.Equal(new HistoryCounts(bot, 2 * bot, 1), read.Counts);
            Assert.Equal(Enumerable.Range(Math.Max(1, bot - 2), Math.Min(bot, 3)).Select(seq => $"bot-{bot}-{seq}"), read.Trades.Select(t => t.TradeId));
            Assert.Equal((TradeSide.Buy, "ETHUSDT"), (read.Trades[^1].Side, read.Trades[^1].Symbol));
        }

        var unknown = await history.ReadSinceAsync("never-stored", new HistoryCounts(5, 6, 7));
        Assert.Equal((new HistoryCounts(5, 6, 7), 0), (unknown.Counts, unknown.Trades.Count));
    }

    private static Trade Trade(int bot, int seq) => new($"bot-{bot}-{seq}", "BTCUSDT", TradeSide.Sell, 100m, 0.5m, Noon.AddSeconds(seq));
}
