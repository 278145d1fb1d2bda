using Orleans.Streams;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Feeds;

/// <summary>
/// The one connection of the new-token feed in the cluster (a <see cref="FeedLoop"/>: reconnect after
/// <c>WEBSOCKET_RECONNECT</c> with jitter and a capped backoff, subscribing again each time): counts each reconnect as a
/// gap (the feed cannot replay what it sent meanwhile), drops duplicates (<see cref="RecentKeys"/>) and items over
/// <c>MAX_TOKENS_PER_MINUTE</c> (counted), and publishes the rest on the Orleans stream <c>feeds/new-tokens</c>. Its lag
/// (items per minute, time since the last item) is a metric and, when it crosses, an alert. The loop runs as a task of
/// this activation; the silos' <see cref="FeedKeeper"/>s bring it back after its silo died.
/// </summary>
public sealed class FeedGrain(
    IOptions<FeedOptions> options,
    FeedInstruments instruments,
    AlertDispatcher alerts,
    TimeProvider time,
    ILogger<FeedGrain> logger) : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;
    private readonly RecentKeys _seen = new(options.Value.DuplicateMemory);
    private readonly FeedLag _lag = new(options.Value.LagItemsPerMinute, options.Value.LagSilence, time);
    private FeedLagAlarm? _alarm;
    private readonly MinuteWindow _processed = new(time);
    private FeedLoop? _loop;
    private IAsyncStream<NewToken>? _stream;
    private IGrainTimer? _lagTimer;
    private long _received;
    private long _delivered;
    private long _duplicates;
    private long _gaps;
    private long _droppedOverCap;

    public Task Keep()
    {
        if (_options.NewTokensUrl is not { Length: > 0 } url || _loop is { Running: true })
        {
            return Task.CompletedTask;
        }

        _loop ??= new FeedLoop(IFeedGrain.NewTokens, _options, time, logger);
        _stream ??= this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<NewToken>(StreamId.Create(IFeedGrain.NewTokens, "all"));
        _loop.Start(new Uri(url), PumpPortalMessage.SubscribeNewToken, OnMessageAsync, Connected);
        _alarm ??= new FeedLagAlarm(IFeedGrain.NewTokens, _lag, _options.LagItemsPerMinute, instruments, alerts, time);
        _lagTimer ??= this.RegisterGrainTimer(_ => { _alarm!.Check(RuntimeIdentity); return Task.CompletedTask; }, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(5), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task<FeedStats> GetStats() => Task.FromResult(new FeedStats(
        _loop?.Connected ?? false, _loop is { Running: true } ? RuntimeIdentity : null, _loop?.Connections ?? 0, _received, _delivered, _duplicates, _gaps, _droppedOverCap,
        _lag.ItemsLastMinute, _lag.LastItemAt, _lag.Lagging));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _lagTimer?.Dispose();
        if (_loop is not null)
        {
            await _loop.StopAsync();
        }
    }

    private void Connected(int connection)
    {
        _lag.Connected();
        if (connection > 1)
        {
            // PumpPortal has no sequence numbers to replay from: whatever it sent while we were away is lost.
            _gaps++;
            instruments.Gap(IFeedGrain.NewTokens);
        }
    }

    private async Task OnMessageAsync(string message)
    {
        if (PumpPortalMessage.Parse(message, time.GetUtcNow()) is not { } token)
        {
            return;
        }

        _received++;
        _lag.Item();
        if (!_seen.Add(token.Mint))
        {
            _duplicates++;
            instruments.Dropped(IFeedGrain.NewTokens, "duplicate");
            return;
        }

        // CPU protection: the bots downstream see at most MAX_TOKENS_PER_MINUTE items a minute.
        if (!_processed.TryAdd(_options.MaxTokensPerMinute))
        {
            _droppedOverCap++;
            instruments.Dropped(IFeedGrain.NewTokens, "over_cap");
            return;
        }

        await _stream!.OnNextAsync(token);
        _delivered++;
        instruments.Delivered(IFeedGrain.NewTokens);
    }
}
