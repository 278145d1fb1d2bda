using Orleans.Placement;
using Orleans.Streams;
using OrleansBots.Bots;
using OrleansBots.Users;

namespace OrleansBots.Feeds;

/// <summary>
/// The silo's one consumer of the new-token stream (see <see cref="INewTokenListenerGrain"/>), kept by the silo's
/// <see cref="FeedKeeper"/>: records each token's <c>feed_delivery_lag</c> and hands it to the silo's
/// <see cref="NewTokenBots"/> through <see cref="NewTokenFanOut"/>; each signal goes to its bot one-way.
/// </summary>
[PreferLocalPlacement]
public sealed class NewTokenListenerGrain(NewTokenBots bots, FeedInstruments instruments, TimeProvider time, ILogger<NewTokenListenerGrain> logger)
    : Grain, INewTokenListenerGrain
{
    private const long RefusalsPerLog = 1000;

    private readonly NewTokenFanOut _fanOut = new(bots, NewTokenFilter.Default, time);
    private StreamSubscriptionHandle<NewToken>? _subscription;

    public async Task Keep()
    {
        var stream = this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<NewToken>(StreamId.Create(IFeedGrain.NewTokens, "all"));
        _subscription = await FeedSubscription.KeepAsync(stream, _subscription, OnTokenAsync);
        DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    private async Task OnTokenAsync(NewToken token, StreamSequenceToken? sequence)
    {
        instruments.Delivery(IFeedGrain.NewTokens, time.GetUtcNow() - token.ReceivedAt);
        var refusedBefore = _fanOut.Refused;
        await _fanOut.HandAsync(
            token,
            userId => GrainFactory.GetGrain<IUserGrain>(userId).TryCountSignal(),
            (botId, signal) => _ = GrainFactory.GetGrain<IBotGrain>(botId).AddSignals([signal]));
        if (_fanOut.Refused / RefusalsPerLog > refusedBefore / RefusalsPerLog)
        {
            logger.LogInformation("New-token signals over their owners' MAX_SIGNALS_PER_MINUTE dropped on this silo: {Refused} so far", _fanOut.Refused);
        }
    }
}
