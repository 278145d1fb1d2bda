using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Bots;
using OrleansBots.Contracts;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The user's endpoints under /api/bots: HTTP around <see cref="UserBots"/>, which holds the rules (the cluster client
/// reaches the same rules through <see cref="IUserBotsGrain"/>). A user only ever sees their own bots; others' are
/// "not found".
/// </summary>
public static class BotEndpoints
{
    public static void MapBotEndpoints(this IEndpointRouteBuilder routes)
    {
        var bots = routes.MapGroup("/api/bots").AddEndpointFilter<UserAuthFilter>().WithTags("Bots")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));

        bots.MapPost("/", CreateAsync).WithMetadata(new JsonBodyMetadata(typeof(CreateBotRequest)));
        bots.MapGet("/", ListAsync);
        bots.MapGet("/{bot_id}", GetAsync);
        bots.MapDelete("/{bot_id}", DeleteAsync);
        bots.MapPost("/{bot_id}/start", StartAsync);
        bots.MapPost("/{bot_id}/stop", StopAsync);
        bots.MapGet("/{bot_id}/trades", TradesAsync);
        bots.MapGet("/{bot_id}/signals", SignalsAsync);
        bots.MapPost("/{bot_id}/messages", AskAsync).WithMetadata(new JsonBodyMetadata(typeof(ChatMessageRequest)));
        bots.MapGet("/{bot_id}/replies", RepliesAsync);
    }

    private static async Task<Results<Created<BotView>, BodyRefusal, BotRefusal>> CreateAsync(HttpContext http, UserBots bots, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<CreateBotRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var answer = await bots.CreateAsync(UserAuthFilter.UserIdOf(http), request.ToDraft());
        return answer.Refusal is { } refusal ? new BotRefusal(refusal) : TypedResults.Created((string?)null, answer.Value!.ToContract());
    }

    /// <summary>A page of the caller's bots in bot id order (<see cref="Paging"/>).</summary>
    private static async Task<Results<Ok<BotListResponse>, BadRequest<ErrorResponse>, BotRefusal>> ListAsync(HttpContext http, UserBots bots, string? limit, string? cursor)
    {
        var (page, error) = Paging.Read(limit, cursor);
        if (page is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var answer = await bots.ListAsync(UserAuthFilter.UserIdOf(http), page.Limit, page.After);
        return answer.Value is { } list
            ? TypedResults.Ok(new BotListResponse(true, list.Bots.Select(b => b.ToContract()).ToList(), list.ContinueAfter is { } last ? Paging.Encode(last) : null))
            : new BotRefusal(answer.Refusal!);
    }

    private static async Task<Results<Ok<BotView>, BotRefusal>> GetAsync(HttpContext http, UserBots bots, string bot_id) =>
        Answer(await bots.GetAsync(UserAuthFilter.UserIdOf(http), bot_id), bot => TypedResults.Ok(bot.ToContract()));

    private static async Task<Results<Ok<BotDeletedResponse>, BotRefusal>> DeleteAsync(HttpContext http, UserBots bots, string bot_id) =>
        Answer(await bots.DeleteAsync(UserAuthFilter.UserIdOf(http), bot_id), deleted => TypedResults.Ok(new BotDeletedResponse(true, deleted.BotId, true)));

    private static async Task<Results<Ok<BotView>, BotRefusal>> StartAsync(HttpContext http, UserBots bots, string bot_id) =>
        Answer(await bots.StartAsync(UserAuthFilter.UserIdOf(http), bot_id), bot => TypedResults.Ok(bot.ToContract()));

    private static async Task<Results<Ok<BotView>, BotRefusal>> StopAsync(HttpContext http, UserBots bots, string bot_id) =>
        Answer(await bots.StopAsync(UserAuthFilter.UserIdOf(http), bot_id), bot => TypedResults.Ok(bot.ToContract()));

    private static Task<Results<Ok<TradesResponse>, BadRequest<ErrorResponse>, BotRefusal>> TradesAsync(HttpContext http, UserBots bots, string bot_id, string? limit, string? cursor) =>
        HistoryAsync(limit, cursor, async (count, before) =>
            Answer(await bots.TradesAsync(UserAuthFilter.UserIdOf(http), bot_id, count, before), page =>
                TypedResults.Ok(new TradesResponse(true, bot_id, page.Items.Select(BotContractMapping.ToContract).ToList(), HistoryCursor.Encode(page.Before)))));

    private static Task<Results<Ok<SignalsResponse>, BadRequest<ErrorResponse>, BotRefusal>> SignalsAsync(HttpContext http, UserBots bots, string bot_id, string? limit, string? cursor) =>
        HistoryAsync(limit, cursor, async (count, before) =>
            Answer(await bots.SignalsAsync(UserAuthFilter.UserIdOf(http), bot_id, count, before), page =>
                TypedResults.Ok(new SignalsResponse(true, bot_id, page.Items.Select(BotContractMapping.ToContract).ToList(), HistoryCursor.Encode(page.Before)))));

    private static Task<Results<Ok<RepliesResponse>, BadRequest<ErrorResponse>, BotRefusal>> RepliesAsync(HttpContext http, UserBots bots, string bot_id, string? limit, string? cursor) =>
        HistoryAsync(limit, cursor, async (count, before) =>
            Answer(await bots.RepliesAsync(UserAuthFilter.UserIdOf(http), bot_id, count, before), page =>
                TypedResults.Ok(new RepliesResponse(true, bot_id, page.Items.Select(BotContractMapping.ToContract).ToList(), HistoryCursor.Encode(page.Before)))));

    private static async Task<Results<Ok<ChatResponse>, BodyRefusal, BotRefusal>> AskAsync(HttpContext http, UserBots bots, string bot_id, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<ChatMessageRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var answer = await bots.AskAsync(UserAuthFilter.UserIdOf(http), bot_id, request.Text);
        return answer.Refusal is { } refusal ? new BotRefusal(refusal) : TypedResults.Ok(new ChatResponse(true, bot_id, answer.Value!.ToContract()));
    }

    /// <summary>
    /// A page of a bot's output, newest first: <c>limit</c> items (1..1000, default 100), from the start or from the
    /// <c>cursor</c> a previous page gave as <c>next_cursor</c>.
    /// </summary>
    private static async Task<Results<Ok<T>, BadRequest<ErrorResponse>, BotRefusal>> HistoryAsync<T>(
        string? limit, string? cursor, Func<int, long?, Task<Results<Ok<T>, BotRefusal>>> read)
    {
        var count = 100;
        if (limit is not null && !int.TryParse(limit, out count))
        {
            return ApiResults.BadRequest($"limit must be a whole number between 1 and {UserBots.MaxPageSize} (got '{limit}')");
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!HistoryCursor.TryDecode(cursor, out var position))
            {
                return ApiResults.BadRequest("cursor is not valid: pass the next_cursor of a previous page");
            }

            before = position;
        }

        return (await read(count, before)).Result switch
        {
            Ok<T> page => page,
            var refusal => (BotRefusal)refusal,
        };
    }

    private static Results<TOk, BotRefusal> Answer<TValue, TOk>(BotRequestAnswer<TValue> answer, Func<TValue, TOk> ok)
        where TOk : IResult =>
        answer.Refusal is { } refusal ? new BotRefusal(refusal) : ok(answer.Value!);

    /// <summary>The caller's bot, or the refusal: 400 for a malformed id, 404 when it is missing or someone else's.</summary>
    internal static async Task<OwnedBot> FindOwnedBotAsync(HttpContext http, UserBots bots, string botId)
    {
        var owned = await bots.FindOwnedAsync(UserAuthFilter.UserIdOf(http), botId);
        return owned.Answer.Refusal is { } refusal ? new OwnedBot(null, null, new BotRefusal(refusal)) : new OwnedBot(owned.Grain, owned.Info, null);
    }

    internal sealed record OwnedBot(IBotGrain? Grain, BotInfo? Info, BotRefusal? Refusal)
    {
        [MemberNotNullWhen(true, nameof(Grain), nameof(Info))]
        [MemberNotNullWhen(false, nameof(Refusal))]
        public bool Found => Refusal is null;
    }
}
