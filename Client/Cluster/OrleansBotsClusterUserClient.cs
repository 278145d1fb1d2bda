using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansBots.Bots;
using OrleansBots.Contracts;
using OrleansBots.Contracts.Mapping;
using OrleansBots.Events;

namespace OrleansBots.Client.Cluster;

/// <summary>
/// The user's calls inside the cluster, over the Orleans gateway, acting as <c>userId</c> without an API key: for
/// trusted services only. Every call goes through the same rules as the HTTP API (<see cref="IUserBotsGrain"/>), so the
/// answers are the same contracts and the refusals the same exceptions (<see cref="PlatformFullException"/>,
/// <see cref="LimitExceededException"/>, <see cref="NotFoundException"/>, <see cref="RequestValidationException"/>); a
/// user that does not exist gives <see cref="NotFoundException"/>, a disabled one 403.
/// </summary>
public sealed class OrleansBotsClusterUserClient : IOrleansBotsUserClient
{
    /// <summary>The default of <see cref="OrleansBotsClusterClientOptions.EventBuffer"/>.</summary>
    public const int DefaultEventBuffer = 256;

    private const int MaxPageSize = 1000;

    private readonly IClusterClient _cluster;
    private readonly IUserBotsGrain _bots;
    private readonly int _eventBuffer;

    /// <summary>A client acting as <paramref name="userId"/>.</summary>
    /// <param name="cluster">A connected Orleans client of the platform's cluster.</param>
    /// <param name="userId">The user every call acts as.</param>
    /// <param name="eventBuffer">Live events one watcher holds before it is resumed from the kept history.</param>
    public OrleansBotsClusterUserClient(IClusterClient cluster, string userId, int eventBuffer = DefaultEventBuffer)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBuffer, 1);
        _cluster = cluster;
        _bots = cluster.GetGrain<IUserBotsGrain>(userId);
        _eventBuffer = eventBuffer;
        UserId = userId;
    }

    /// <summary>The user every call acts as.</summary>
    public string UserId { get; }

    /// <inheritdoc/>
    public async Task<BotView> CreateBotAsync(CreateBotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueOf(await _bots.Create(request.ToDraft()).WaitAsync(cancellationToken)).ToContract();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BotView>> ListBotsAsync(CancellationToken cancellationToken = default) =>
        await EnumerateBotsAsync(MaxPageSize, cancellationToken).ToListAsync(cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<BotView> EnumerateBotsAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckPageSize(pageSize);
        string? after = null;
        do
        {
            var page = ValueOf(await _bots.List(pageSize, after).WaitAsync(cancellationToken));
            foreach (var bot in page.Bots)
            {
                yield return bot.ToContract();
            }

            after = page.ContinueAfter;
        }
        while (after is not null);
    }

    /// <inheritdoc/>
    public async Task<BotView> GetBotAsync(string botId, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Get(botId).WaitAsync(cancellationToken)).ToContract();

    /// <inheritdoc/>
    public async Task<BotView> StartBotAsync(string botId, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Start(botId).WaitAsync(cancellationToken)).ToContract();

    /// <inheritdoc/>
    public async Task<BotView> StopBotAsync(string botId, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Stop(botId).WaitAsync(cancellationToken)).ToContract();

    /// <inheritdoc/>
    public async Task DeleteBotAsync(string botId, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Delete(botId).WaitAsync(cancellationToken));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TradeView>> GetTradesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Trades(botId, limit, null).WaitAsync(cancellationToken)).Items.Select(BotContractMapping.ToContract).ToList();

    /// <inheritdoc/>
    public IAsyncEnumerable<TradeView> EnumerateTradesAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        EnumerateHistoryAsync(before => _bots.Trades(botId, pageSize, before), BotContractMapping.ToContract, pageSize, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignalView>> GetSignalsAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Signals(botId, limit, null).WaitAsync(cancellationToken)).Items.Select(BotContractMapping.ToContract).ToList();

    /// <inheritdoc/>
    public IAsyncEnumerable<SignalView> EnumerateSignalsAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        EnumerateHistoryAsync(before => _bots.Signals(botId, pageSize, before), BotContractMapping.ToContract, pageSize, cancellationToken);

    /// <inheritdoc/>
    public async Task<ReplyView> SendMessageAsync(string botId, string text, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Ask(botId, text).WaitAsync(cancellationToken)).ToContract();

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReplyView>> GetRepliesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        ValueOf(await _bots.Replies(botId, limit, null).WaitAsync(cancellationToken)).Items.Select(BotContractMapping.ToContract).ToList();

    /// <inheritdoc/>
    public IAsyncEnumerable<ReplyView> EnumerateRepliesAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        EnumerateHistoryAsync(before => _bots.Replies(botId, pageSize, before), BotContractMapping.ToContract, pageSize, cancellationToken);

    /// <summary>
    /// Follows the bot live on its Orleans stream, from whichever silo the gateway is: the kept history after
    /// <paramref name="afterSequence"/> first, then live events, without gaps or duplicates (as the HTTP stream with
    /// <c>Last-Event-ID</c>). A reader that falls <see cref="OrleansBotsClusterClientOptions.EventBuffer"/> events behind
    /// is resumed from the kept history after its last event; an event of type <c>gap</c> says when some are no longer kept.
    /// While it follows, it keeps the bot's log publishing (<see cref="BotEventWatch"/>).
    /// </summary>
    /// <param name="botId">One of the user's bots.</param>
    /// <param name="afterSequence">Resume after this event; null starts with the next event.</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The bot's events as they happen.</returns>
    public async IAsyncEnumerable<BotEventView> WatchAsync(string botId, long? afterSequence = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ValueOf(await _bots.Get(botId).WaitAsync(cancellationToken));
        var after = afterSequence;
        while (true)
        {
            var events = Channel.CreateBounded<BotEventView>(new BoundedChannelOptions(_eventBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            var sequencer = new BotEventSequencer(e => Hand(events.Writer, e), _eventBuffer, () => events.Writer.TryComplete());
            var stream = _cluster.GetStreamProvider(BotEventStreams.Provider).GetStream<BotEvent>(StreamId.Create(BotEventStreams.BotNamespace, botId));

            // Subscribed before the history is read, so that nothing falls between the two.
            var subscription = await stream.SubscribeAsync((item, _) =>
            {
                sequencer.Live(item);
                return Task.CompletedTask;
            });
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var keeping = Task.CompletedTask;
            try
            {
                var log = _cluster.GetGrain<IBotEventLogGrain>(botId);
                var page = await log.Watch(after ?? long.MaxValue).WaitAsync(cancellationToken);
                var from = after ?? page.Latest;
                if (!page.Complete)
                {
                    var gap = BotContractMapping.GapAfter(from);
                    yield return new BotEventView(gap.LastEventId, botId, OrleansBotsUserClient.GapType, DateTimeOffset.UtcNow, Reason: gap.Message);
                }

                sequencer.Replay(page, from);
                keeping = BotEventWatch.KeepAsync(log, sequencer, page, reading.Token);
                after = from;
                await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
                {
                    after = item.Sequence;
                    yield return item;
                }
            }
            finally
            {
                await reading.CancelAsync();
                await keeping;
                await subscription.UnsubscribeAsync();
            }
        }
    }

    /// <summary>Hands an event to the reader; when the reader is a full buffer behind, ends this subscription's events instead (the reader resumes after its last one).</summary>
    private static bool Hand(ChannelWriter<BotEventView> reader, BotEvent item)
    {
        if (reader.TryWrite(item.ToContract()))
        {
            return true;
        }

        reader.TryComplete();
        return false;
    }

    private async IAsyncEnumerable<TView> EnumerateHistoryAsync<TItem, TView>(
        Func<long?, Task<BotRequestAnswer<HistoryPage<TItem>>>> read, Func<TItem, TView> toContract, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckPageSize(pageSize);
        long? before = null;
        do
        {
            var page = ValueOf(await read(before).WaitAsync(cancellationToken));
            foreach (var item in page.Items)
            {
                yield return toContract(item);
            }

            before = page.Before;
        }
        while (before is not null);
    }

    private static void CheckPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
    }

    /// <summary>The answer's value, or its refusal thrown as the HTTP client would throw it.</summary>
    private static T ValueOf<T>(BotRequestAnswer<T> answer) =>
        answer.Refusal is { } refusal
            ? throw OrleansBotsApiException.FromRefusal((HttpStatusCode)refusal.StatusCode(), refusal.ToContract())
            : answer.Value!;
}
