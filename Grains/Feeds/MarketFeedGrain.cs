using Orleans.Streams;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Feeds;

/// <summary>
/// The one connection of the Binance-shaped market stream in the cluster (key <c>market</c>): trade and kline streams of
/// <see cref="FeedOptions.MarketSymbols"/>, subscribed again after every reconnect; duplicates dropped and gaps counted
/// per symbol (<see cref="SequenceCheck"/>); prices published on the stream <c>feeds/market</c>, which each silo's
/// <see cref="PriceListenerGrain"/> consumes once for all its bots. Its lag is a metric and an alert like the new-token feed's.
/// </summary>
public sealed class MarketFeedGrain(IOptions<FeedOptions> options, FeedInstruments instruments, AlertDispatcher alerts, TimeProvider time, ILogger<MarketFeedGrain> logger) : Grain, IMarketFeedGrain
{
    private readonly FeedOptions _options = options.Value;
    private readonly SequenceCheck _sequences = new(KlineIntervals.Length(options.Value.KlineInterval));
    private readonly FeedLag _lag = new(options.Value.LagItemsPerMinute, options.Value.LagSilence, time);
    private FeedLagAlarm? _alarm;
    private IGrainTimer? _lagTimer;
    private FeedLoop? _loop;
    private IAsyncStream<MarketTick>? _stream;
    private long _received;
    private long _delivered;
    private long _duplicates;
    private long _gaps;

    public Task Keep()
    {
        if (_options.MarketStreamUrl is not { Length: > 0 } url || _options.MarketSymbols.Count == 0 || _loop is { Running: true })
        {
            return Task.CompletedTask;
        }

        _loop ??= new FeedLoop(IMarketFeedGrain.Key, _options, time, logger);
        _stream ??= this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<MarketTick>(StreamId.Create(IMarketFeedGrain.Key, "all"));
        _loop.Start(new Uri(url), BinanceStreamMessage.Subscribe(_options.MarketSymbols, _options.KlineInterval), OnMessageAsync, _ => _lag.Connected());
        _alarm ??= new FeedLagAlarm(IMarketFeedGrain.Key, _lag, _options.LagItemsPerMinute, instruments, alerts, time);
        _lagTimer ??= this.RegisterGrainTimer(_ => { _alarm!.Check(RuntimeIdentity); return Task.CompletedTask; }, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(5), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task<FeedStats> GetStats() => Task.FromResult(new FeedStats(
        _loop?.Connected ?? false, _loop is { Running: true } ? RuntimeIdentity : null, _loop?.Connections ?? 0, _received, _delivered, _duplicates, _gaps, 0,
        _lag.ItemsLastMinute, _lag.LastItemAt, _lag.Lagging));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _lagTimer?.Dispose();
        if (_loop is not null)
        {
            await _loop.StopAsync();
        }
    }

    private async Task OnMessageAsync(string message)
    {
        if (BinanceStreamMessage.Parse(message) is not { } tick)
        {
            return;
        }

        _received++;
        _lag.Item();
        switch (_sequences.Check(tick))
        {
            case SequenceVerdict.Duplicate:
                _duplicates++;
                instruments.Dropped(IMarketFeedGrain.Key, "duplicate");
                return;
            case SequenceVerdict.AfterGap:
                _gaps++;
                instruments.Gap(IMarketFeedGrain.Key);
                break;
        }

        await _stream!.OnNextAsync(tick);
        _delivered++;
        instruments.Delivered(IMarketFeedGrain.Key);
    }
}
