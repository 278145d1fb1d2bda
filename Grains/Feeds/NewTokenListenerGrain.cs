using Orleans.Placement;
using Orleans.Streams;
using Orleans.Streams.Core;
using OrleansBots.Bots;
using OrleansBots.Users;

namespace OrleansBots.Feeds;

/// <summary>
/// The silo's one consumer of the new-token stream (see <see cref="INewTokenListenerGrain"/>), kept by the silo's
/// <see cref="FeedKeeper"/>: records each token's <c>feed_delivery_lag</c> and hands it to the silo's
/// <see cref="NewTokenBots"/> through <see cref="NewTokenFanOut"/>; each signal goes to its bot one-way.
/// </summary>
[PreferLocalPlacement]
public sealed class NewTokenListenerGrain(
    NewTokenBots bots,
    ILocalSiloDetails silo,
    FeedInstruments instruments,
    TimeProvider time,
    ILogger<NewTokenListenerGrain> logger) : Grain, INewTokenListenerGrain, IStreamSubscriptionObserver
{
    private const long RefusalsPerLog = 1000;

    private readonly NewTokenFanOut _fanOut = new(bots, NewTokenFilter.Default, time);
    private StreamSubscriptionHandle<NewToken>? _subscription;

    // The bots it serves are those of the silo it runs on, so it must run on the silo its key names.
    private bool AtHome => this.GetPrimaryKeyString() == silo.SiloAddress.ToString();

    private IAsyncStream<NewToken> Stream => this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<NewToken>(StreamId.Create(IFeedGrain.NewTokens, "all"));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (AtHome)
        {
            return;
        }

        // Placed elsewhere: a keeper's call made before its silo was active (preferred-local placement then picks any
        // silo), or a token for a dead silo's consumer activating it on a survivor. It drops its subscription, which its
        // own silo's keeper makes again at home, and goes away once it answered the call that woke it.
        logger.LogInformation("New-token consumer of {Silo} activated on {Here}: unsubscribing", this.GetPrimaryKeyString(), silo.SiloAddress);
        foreach (var handle in await Stream.GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }

    public async Task Keep()
    {
        if (!AtHome)
        {
            DeactivateOnIdle();
            return;
        }

        _subscription = await FeedSubscription.KeepAsync(Stream, _subscription, OnTokenAsync);
        DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// A token came on a subscription this activation holds no handle for: made by an earlier activation (this one
    /// replaces an activation lost with its directory partition), or one a pulling agent still knows from a subscription
    /// table that died with its silo. It is taken, not dropped.
    /// </summary>
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        AtHome ? handleFactory.Create<NewToken>().ResumeAsync(OnTokenAsync) : Task.CompletedTask;

    private async Task OnTokenAsync(NewToken token, StreamSequenceToken? sequence)
    {
        if (!AtHome)
        {
            DeactivateOnIdle();
            return;
        }

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
