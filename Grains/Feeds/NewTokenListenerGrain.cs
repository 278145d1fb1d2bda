using Orleans.Streams;
using OrleansBots.Bots;
using OrleansBots.Users;

namespace OrleansBots.Feeds;

/// <summary>
/// The silo's one consumer of the new-token stream (see <see cref="INewTokenListenerGrain"/>): records each token's
/// <c>feed_delivery_lag</c> and hands it to the silo's <see cref="NewTokenBots"/> through <see cref="NewTokenFanOut"/>;
/// each signal goes to its bot one-way.
/// </summary>
[SiloKeyPlacement]
public sealed class NewTokenListenerGrain(
    NewTokenBots bots,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    FeedInstruments instruments,
    TimeProvider time,
    ILogger<NewTokenListenerGrain> logger) : SiloStreamConsumer<NewToken>(silo, membership, logger), INewTokenListenerGrain
{
    private const long RefusalsPerLog = 1000;

    private readonly NewTokenFanOut _fanOut = new(bots, NewTokenFilter.Default, time);

    protected override IAsyncStream<NewToken> Stream =>
        this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<NewToken>(StreamId.Create(IFeedGrain.NewTokens, "all"));

    protected override async Task OnItemAsync(NewToken item)
    {
        instruments.Delivery(IFeedGrain.NewTokens, time.GetUtcNow() - item.ReceivedAt);
        var refusedBefore = _fanOut.Refused;
        await _fanOut.HandAsync(
            item,
            userId => GrainFactory.GetGrain<IUserGrain>(userId).TryCountSignal(),
            (botId, signal) => _ = GrainFactory.GetGrain<IBotGrain>(botId).AddSignals([signal]));
        if (_fanOut.Refused / RefusalsPerLog > refusedBefore / RefusalsPerLog)
        {
            logger.LogInformation("New-token signals over their owners' MAX_SIGNALS_PER_MINUTE dropped on this silo: {Refused} so far", _fanOut.Refused);
        }
    }
}
