using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans.Streams;
using OrleansBots.Bots;
using OrleansBots.Contracts;
using OrleansBots.Events;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Live events as Server-Sent Events, from whichever silo the caller reaches: a bot's lifecycle, signals, trades and
/// replies (<c>GET /api/bots/{bot_id}/events</c>, resumable with <c>Last-Event-ID</c>), and the platform's capacity
/// changes and alerts (<c>GET /api/admin/events</c>). Each connection subscribes to the Orleans stream and reads through
/// an <see cref="EventConnection"/>, which bounds what a slow reader can hold; a bot's connection keeps its log
/// publishing while it stays (<see cref="BotEventWatch"/>).
/// </summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/bots/{bot_id}/events", BotEventsAsync).AddEndpointFilter<UserAuthFilter>().WithTags("Bots")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));
        routes.MapGet("/api/admin/events", PlatformEvents).AddEndpointFilter<AdminAuthFilter>().WithTags("Admin")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));
    }

    /// <summary>
    /// Without <c>Last-Event-ID</c> (header, or <c>last_event_id</c> in the query for browsers' first connection) the
    /// stream starts with the next event; with it, the kept events after that one come first, or a <c>gap</c> event
    /// when some are no longer kept.
    /// </summary>
    private static async Task<Results<ServerSentEventsResult<string>, BadRequest<ErrorResponse>, BotRefusal>> BotEventsAsync(
        HttpContext http,
        IGrainFactory grains,
        UserBots bots,
        IClusterClient client,
        IOptions<EventOptions> options,
        IHostApplicationLifetime lifetime,
        string bot_id,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        [FromQuery(Name = "last_event_id")] string? lastEventIdQuery)
    {
        var lastEventId = lastEventIdHeader ?? lastEventIdQuery;
        long? after = null;
        if (lastEventId is not null)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiResults.BadRequest($"last_event_id must be a whole number, the id of the last event received (got '{lastEventId}')");
            }

            after = parsed;
        }

        if ((await bots.GetAsync(UserAuthFilter.UserIdOf(http), bot_id)).Refusal is { } refusal)
        {
            return new BotRefusal(refusal);
        }

        var connection = new EventConnection(http, options.Value.ConnectionBuffer, options.Value.Heartbeat, lifetime);
        return TypedResults.ServerSentEvents(FollowBotAsync(connection, grains, client, bot_id, after, options.Value.ConnectionBuffer, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> FollowBotAsync(
        EventConnection connection, IGrainFactory grains, IClusterClient client, string botId, long? after, int buffer,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = connection;
        var sequencer = new BotEventSequencer(
            e => connection.Post(BotContractMapping.TypeOf(e.Kind), e.ToContract(), e.Sequence.ToString(CultureInfo.InvariantCulture)),
            buffer,
            () => connection.Close(EventConnection.SlowReader));

        // Subscribed before the history is read, so that nothing falls between the two.
        var stream = client.GetStreamProvider(BotEventStreams.Provider).GetStream<BotEvent>(StreamId.Create(BotEventStreams.BotNamespace, botId));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            sequencer.Live(item);
            return Task.CompletedTask;
        });
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeping = Task.CompletedTask;
        try
        {
            var log = grains.GetGrain<IBotEventLogGrain>(botId);
            var page = await log.Watch(after ?? long.MaxValue);
            var from = after ?? page.Latest;
            if (!page.Complete)
            {
                connection.Post("gap", BotContractMapping.GapAfter(from));
            }

            sequencer.Replay(page, from);
            keeping = BotEventWatch.KeepAsync(log, sequencer, page, reading.Token);
            await foreach (var item in connection.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            await reading.CancelAsync();
            await keeping;
            await UnsubscribeAsync(subscription);
        }
    }

    /// <summary>The current capacity first, then every capacity change and alert.</summary>
    private static ServerSentEventsResult<string> PlatformEvents(
        HttpContext http, IGrainFactory grains, IClusterClient client, IOptions<EventOptions> options, IHostApplicationLifetime lifetime)
    {
        var connection = new EventConnection(http, options.Value.ConnectionBuffer, options.Value.Heartbeat, lifetime);
        return TypedResults.ServerSentEvents(FollowPlatformAsync(connection, grains, client, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> FollowPlatformAsync(
        EventConnection connection, IGrainFactory grains, IClusterClient client, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = connection;
        var stream = client.GetStreamProvider(BotEventStreams.Provider).GetStream<PlatformEvent>(StreamId.Create(BotEventStreams.PlatformNamespace, BotEventStreams.PlatformKey));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            var view = item.ToContract();
            connection.Post(view.Type, view);
            return Task.CompletedTask;
        });
        try
        {
            var capacity = await grains.GetGrain<Capacity.ICapacityGrain>(Capacity.ICapacityGrain.GlobalKey).GetCapacity();
            connection.Post(PlatformEventView.CapacityType, new PlatformEventView(PlatformEventView.CapacityType, DateTimeOffset.UtcNow, Capacity: capacity.ToContract()));
            await foreach (var item in connection.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            await UnsubscribeAsync(subscription);
        }
    }

    // The connection is over either way; a subscription the stream cannot remove now is dropped by it on the next delivery.
    private static async Task UnsubscribeAsync<T>(StreamSubscriptionHandle<T> subscription)
    {
        try
        {
            await subscription.UnsubscribeAsync();
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
        }
    }
}
