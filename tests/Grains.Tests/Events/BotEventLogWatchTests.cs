using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Events;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Tests.Events;

/// <summary>
/// A bot's event log (in the bot's own grain) publishes on the bot's stream only while a reader watches it (<see cref="EventOptions.WatchLease"/>
/// of 1 s here), and a reader that keeps watching (<see cref="BotEventWatch"/>) gets every event once and in order.
/// Its own silo with the event streams; in the cluster collection so that its timings do not run beside the other cluster tests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BotEventLogWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await PlatformTestSilo.StartAsync(
            silo =>
            {
                silo.AddMemoryGrainStorage(MetricStreams.PubSubStore);
                silo.AddEventStreams();
                silo.Services.Configure<EventOptions>(o => o.WatchLease = Lease);
            },
            client => client.AddMemoryStreams(BotEventStreams.Provider));

    [Fact]
    public async Task AnUnwatchedLogPublishesNothingAndKeepsItsEventsForTheNextReader()
    {
        var bot = await CreatedBotAsync("watch-lapse");
        var log = _cluster.Client.GetGrain<IBotEventLogGrain>("watch-lapse");
        var streamed = new ConcurrentQueue<long>();
        var subscription = await StreamOf("watch-lapse").SubscribeAsync((e, _) => { streamed.Enqueue(e.Sequence); return Task.CompletedTask; });

        var first = await log.Watch(0);
        await bot.Start();
        await Eventually.Get(() => Task.FromResult(streamed.ToArray()), s => s.Contains(2), TimeSpan.FromSeconds(10), "the watched event streamed");
        await Task.Delay(Lease * 1.5);
        await bot.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var missed = await log.Watch(2);

        Assert.Equal([BotStatus.Created], first.Events.Select(e => e.Lifecycle!.Status));
        Assert.Equal([1L], first.Events.Select(e => e.Sequence));
        Assert.Equal(Lease, first.WatchedFor);
        Assert.Equal([2L], streamed);
        Assert.Equal([3L], missed.Events.Select(e => e.Sequence));
        Assert.Equal(BotStatus.Stopped, missed.Events[0].Lifecycle!.Status);
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task AReaderThatKeepsWatchingGetsEveryEventOnceAndInOrderAcrossManyLeases()
    {
        var bot = await CreatedBotAsync("watch-keep");
        var log = _cluster.Client.GetGrain<IBotEventLogGrain>("watch-keep");
        var delivered = new ConcurrentQueue<long>();
        var sequencer = new BotEventSequencer(e => { delivered.Enqueue(e.Sequence); return true; }, maxHeld: 1000, overflowed: () => { });
        var subscription = await StreamOf("watch-keep").SubscribeAsync((e, _) => { sequencer.Live(e); return Task.CompletedTask; });
        var page = await log.Watch(long.MaxValue);
        sequencer.Replay(page, page.Latest);
        using var reading = new CancellationTokenSource();
        var keeping = BotEventWatch.KeepAsync(log, sequencer, page, reading.Token);

        // 24 lifecycle events over about 5 s, the lease 1 s: the reader renews several times.
        const int Rounds = 12;
        for (var i = 0; i < Rounds; i++)
        {
            await bot.Start();
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            await bot.Stop();
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await Eventually.Get(() => Task.FromResult(delivered.Count), n => n >= 2 * Rounds, TimeSpan.FromSeconds(10), "every event delivered");
        await reading.CancelAsync();
        await keeping;

        Assert.Equal(Enumerable.Range(2, 2 * Rounds).Select(n => (long)n), delivered);
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public void ABotsEventLogIsTheBotsOwnGrain() =>
        Assert.Equal(_cluster.Client.GetGrain<IBotGrain>("same").GetGrainId(), _cluster.Client.GetGrain<IBotEventLogGrain>("same").GetGrainId());

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private async Task<IBotGrain> CreatedBotAsync(string botId)
    {
        var bot = _cluster.Client.GetGrain<IBotGrain>(botId);
        await bot.Create($"{botId}-user", new BotDefinition("watched", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m));
        return bot;
    }

    private IAsyncStream<BotEvent> StreamOf(string botId) =>
        _cluster.Client.GetStreamProvider(BotEventStreams.Provider).GetStream<BotEvent>(StreamId.Create(BotEventStreams.BotNamespace, botId));
}
