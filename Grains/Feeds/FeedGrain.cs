using Orleans.Streams;
using OrleansBots.Chat;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Feeds;

/// <summary>
/// The one connection of the new-token feed in the cluster: connects, subscribes (again after every reconnect),
/// counts each reconnect as a gap (the feed cannot replay what it sent meanwhile), drops
/// duplicates (<see cref="RecentKeys"/>) and items over <c>MAX_TOKENS_PER_MINUTE</c> (counted), publishes the
/// rest on the Orleans stream <c>feeds/new-tokens</c>, and reconnects after <c>WEBSOCKET_RECONNECT</c> with jitter and
/// a capped backoff. Its lag (items per minute, time since the last item) is a metric and, when it crosses, an alert.
/// The loop runs as a task of this activation; the silos' <see cref="FeedKeeper"/>s bring it back after its silo died.
/// </summary>
public sealed class FeedGrain(
    IOptions<FeedOptions> options,
    FeedInstruments instruments,
    AlertDispatcher alerts,
    TimeProvider time,
    ILogger<FeedGrain> logger) : Grain, IFeedGrain
{
    public const string LagRule = "feed_lag";

    private readonly FeedOptions _options = options.Value;
    private readonly RecentKeys _seen = new(options.Value.DuplicateMemory);
    private readonly FeedLag _lag = new(options.Value.LagItemsPerMinute, options.Value.LagSilence, time);
    private MinuteWindow? _processed;
    private IAsyncStream<NewToken>? _stream;
    private CancellationTokenSource? _stopping;
    private Task? _running;
    private IGrainTimer? _lagTimer;
    private bool _connected;
    private bool _lagging;
    private int _connections;
    private long _received;
    private long _delivered;
    private long _duplicates;
    private long _droppedOverCap;
    private long _gaps;

    private string Feed => this.GetPrimaryKeyString();

    public Task Keep()
    {
        if (Feed != IFeedGrain.NewTokens || _options.NewTokensUrl is not { Length: > 0 } url)
        {
            return Task.CompletedTask;
        }

        if (_running is null || _running.IsCompleted)
        {
            _stream ??= this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<NewToken>(StreamId.Create(IFeedGrain.NewTokens, "all"));
            _processed ??= new MinuteWindow(time);
            _stopping = new CancellationTokenSource();
            _running = RunAsync(new Uri(url), _stopping.Token);
            _lagTimer ??= this.RegisterGrainTimer(CheckLagAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(5), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    public Task<FeedStats> GetStats() => Task.FromResult(new FeedStats(
        _connected, _running is null ? null : RuntimeIdentity, _connections, _received, _delivered, _duplicates, _gaps, _droppedOverCap,
        _lag.ItemsLastMinute, _lag.LastItemAt, _lag.Lagging));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _lagTimer?.Dispose();
        if (_stopping is not null && _running is not null)
        {
            _stopping.Cancel();
            await _running;
        }
    }

    private async Task RunAsync(Uri url, CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectDelay, _options.ReconnectMaxDelay, _options.ReconnectJitter, TimeSpan.FromSeconds(30));
        while (!stopping.IsCancellationRequested)
        {
            var connectedAt = time.GetUtcNow();
            var lasted = TimeSpan.Zero;
            try
            {
                await using var connection = new FeedConnection();
                await connection.ConnectAsync(url, _options.PingInterval, stopping);
                (_connected, connectedAt) = (true, time.GetUtcNow());
                if (_connections++ > 0)
                {
                    // PumpPortal has no sequence numbers to replay from: whatever it sent while we were away is lost.
                    _gaps++;
                    instruments.Gap(Feed);
                }

                _lag.Connected();
                await connection.SendAsync(PumpPortalMessage.SubscribeNewToken, stopping);
                logger.LogInformation("Feed {Feed} connected to {Host} (connection #{Connections})", Feed, url.Host, _connections);
                while (await connection.ReceiveAsync(stopping) is { } message)
                {
                    await OnMessageAsync(message);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning("Feed {Feed} lost its connection: {Error}", Feed, error.Message);
            }
            finally
            {
                if (_connected)
                {
                    lasted = time.GetUtcNow() - connectedAt;
                }

                _connected = false;
            }

            try
            {
                await Task.Delay(backoff.Next(lasted), time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
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
            instruments.Dropped(Feed, "duplicate");
            return;
        }

        // CPU protection: the bots downstream see at most MAX_TOKENS_PER_MINUTE items a minute.
        if (!_processed!.TryAdd(_options.MaxTokensPerMinute))
        {
            _droppedOverCap++;
            instruments.Dropped(Feed, "over_cap");
            return;
        }

        await _stream!.OnNextAsync(token);
        _delivered++;
        instruments.Delivered(Feed);
    }

    private Task CheckLagAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = _lag.LastItemAt is { } last ? (now - last).TotalSeconds : 0;
        instruments.Lag(Feed, _lag.ItemsLastMinute, since);
        var lagging = _lag.Lagging;
        if (lagging && !_lagging)
        {
            alerts.Dispatch(new AlertRecord(now, RuntimeIdentity, LagRule, Feed, AlertSeverity.Warning, _lag.ItemsLastMinute, _options.LagItemsPerMinute,
                $"Feed {Feed} lags: {_lag.ItemsLastMinute} item(s) in the last minute (threshold {_options.LagItemsPerMinute}), last item {since:0} s ago"));
        }

        _lagging = lagging;
        return Task.CompletedTask;
    }
}
