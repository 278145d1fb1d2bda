using Orleans.Streams;
using OrleansBots.Bots;
using OrleansBots.Users;

namespace OrleansBots.Feeds;

/// <summary>
/// The new-token strategy of one running bot: subscribed to the <c>feeds/new-tokens</c> stream, it turns tokens that
/// pass the <see cref="NewTokenFilter"/> into buy signals, each counted against the owner's <c>MAX_SIGNALS_PER_MINUTE</c>
/// (a signal over it is dropped and counted), and hands each signal to its bot, which stores it in its history and
/// publishes it as its event (<c>GET /api/bots/{id}/signals</c>, <c>/events</c>).
/// </summary>
public sealed class NewTokenTraderGrain(IOptions<FeedOptions> options, FeedInstruments instruments, TimeProvider time, ILogger<NewTokenTraderGrain> logger)
    : Grain, INewTokenTraderGrain
{
    private StreamSubscriptionHandle<NewToken>? _subscription;
    private string? _userId;
    private long _refused;

    public async Task Keep(BotInfo bot)
    {
        _userId = bot.UserId;
        if (options.Value.NewTokensUrl is not { Length: > 0 })
        {
            // No feed, no stream provider: the bot only ticks its symbols.
            return;
        }

        // Asked on every lease renewal: the stream's subscription table is in memory, so after the silo holding it
        // died this bot's subscription is gone and is made again here.
        var stream = this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<NewToken>(StreamId.Create(IFeedGrain.NewTokens, "all"));
        var existing = await stream.GetAllSubscriptionHandles();
        if (existing.Count == 0)
        {
            _subscription = await stream.SubscribeAsync(OnTokenAsync);
        }
        else if (_subscription is null)
        {
            _subscription = await existing[0].ResumeAsync(OnTokenAsync);
        }
    }

    public async Task Close()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
            _subscription = null;
        }

        DeactivateOnIdle();
    }

    private async Task OnTokenAsync(NewToken token, StreamSequenceToken? sequence)
    {
        instruments.Delivery(IFeedGrain.NewTokens, time.GetUtcNow() - token.ReceivedAt);
        var filter = NewTokenFilter.Default;
        if (_userId is null || !filter.Buys(token))
        {
            return;
        }

        var quota = await GrainFactory.GetGrain<IUserGrain>(_userId).TryCountSignal();
        if (!quota.Allowed)
        {
            if (_refused++ % 100 == 0)
            {
                logger.LogInformation("Bot {BotId}: new-token signals over MAX_SIGNALS_PER_MINUTE ({Limit}) are dropped ({Refused} so far)", this.GetPrimaryKeyString(), quota.Limit, _refused);
            }

            return;
        }

        await GrainFactory.GetGrain<IBotGrain>(this.GetPrimaryKeyString()).AddSignals([new Signal(token.ReceivedAt, token.Symbol, "buy", filter.Describe(token))]);
    }
}
