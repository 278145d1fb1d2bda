using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary><c>WatchAsync</c> over the SSE endpoint of a real silo: live trades, and resuming after the connection drops.</summary>
[Collection(SdkSiloCollection.Name)]
public sealed class WatchTests(SdkSiloFixture fixture)
{
    [Fact]
    public async Task ATradeArrivesWithinATickAndADroppedConnectionResumesWithoutGapsOrDuplicates()
    {
        const double tickSeconds = 3;
        await using var proxy = new TcpProxy("127.0.0.1", fixture.Silo.HttpPort);
        using var throughProxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxy.Port}/") };
        var (_, user) = await fixture.NewUserAsync("sdk-watch", http: throughProxy);
        var bot = await user.CreateBotAsync(SdkSiloFixture.Trader("watched", tickSeconds));
        await user.StartBotAsync(bot.BotId);

        var events = new List<BotEventView>();
        TimeSpan? firstTradeLateness = null;
        var tradesAfterCut = 0;
        var cut = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await foreach (var e in user.WatchAsync(bot.BotId, cancellationToken: timeout.Token))
            {
                events.Add(e);
                if (e.Trade is not { } trade)
                {
                    continue;
                }

                if (!cut)
                {
                    firstTradeLateness = DateTimeOffset.UtcNow - trade.At;

                    // Events made while the connection is down are kept and must come after the reconnection.
                    proxy.Cut();
                    await Task.Delay(TimeSpan.FromSeconds(tickSeconds * 2));
                    proxy.Restore();
                    cut = true;
                }
                else if (++tradesAfterCut == 1)
                {
                    break;
                }
            }
        }
        finally
        {
            proxy.Restore();
            await user.DeleteBotAsync(bot.BotId);
        }

        var sequences = events.Select(e => e.Sequence).ToList();
        Assert.DoesNotContain(events, e => e.Type == "gap");
        Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(n => (long)n), sequences);
        Assert.True(firstTradeLateness < TimeSpan.FromSeconds(tickSeconds), $"the first trade arrived {firstTradeLateness?.TotalMilliseconds} ms after it was made");
        Assert.Equal(events.Count(e => e.Type == "trade"), events.Where(e => e.Trade is not null).Select(e => e.Trade!.TradeId).Distinct().Count());
    }
}
