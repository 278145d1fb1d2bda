using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Bots;
using OrleansBots.Contracts;
using OrleansBots.Quotas;
using OrleansBots.Silo.Auth;
using OrleansBots.Users;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The user's endpoints under /api/bots. A user only ever sees their own bots; others' are "not found".
/// Creating, starting and stopping a bot are bot actions, limited per user by <see cref="Cooldowns"/>.
/// </summary>
public static class BotEndpoints
{
    private const int FullRetryAfterSeconds = 60;

    /// <summary>The limit a 409 names when a user owns as many bots as they may (<c>Users__MaxOwnedBots</c> or their own <c>max_owned_bots</c>).</summary>
    public const string OwnedBotsLimit = "max_owned_bots";

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

    private static async Task<Results<Created<BotView>, BodyRefusal, BadRequest<ErrorResponse>, TooManyRequests, Conflict<ErrorResponse>>> CreateAsync(
        HttpContext http, IGrainFactory grains, Cooldowns cooldowns, IOptions<BotOptions> options, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<CreateBotRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var (definition, problem) = BotRequestValidator.Validate(request, options.Value.MinTickSeconds);
        if (definition is null)
        {
            return ApiResults.BadRequest(problem!);
        }

        if (await RefuseBotActionAsync(http, cooldowns) is { } refusal)
        {
            return refusal;
        }

        // The bot is added to its owner first, so that the owner's cap holds however many creations arrive at once.
        var botId = Ids.NewBotId();
        var userId = UserAuthFilter.UserIdOf(http);
        var owner = grains.GetGrain<IUserGrain>(userId);
        var owned = await owner.TryAddBot(botId);
        if (!owned.Added)
        {
            return TypedResults.Conflict(new ErrorResponse(
                false, $"Bot ownership limit reached ({owned.Owned}/{owned.Limit} bots for your account); delete a bot first", OwnedBotsLimit));
        }

        try
        {
            var info = await grains.GetGrain<IBotGrain>(botId).Create(userId, definition);
            return TypedResults.Created((string?)null, info.ToContract());
        }
        catch
        {
            await owner.RemoveBot(botId);
            throw;
        }
    }

    /// <summary>A page of the caller's bots in bot id order (<see cref="Paging"/>).</summary>
    private static async Task<Results<Ok<BotListResponse>, BadRequest<ErrorResponse>>> ListAsync(HttpContext http, IGrainFactory grains, string? limit, string? cursor)
    {
        var (page, error) = Paging.Read(limit, cursor);
        if (page is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var userId = UserAuthFilter.UserIdOf(http);
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        var (ids, next) = page.Apply(profile?.BotIds ?? []);
        var infos = await Task.WhenAll(ids.Select(id => grains.GetGrain<IBotGrain>(id).GetInfo()));
        var mine = infos.Where(info => info is not null && info.UserId == userId).Select(info => info!.ToContract()).ToList();
        return TypedResults.Ok(new BotListResponse(true, mine, next));
    }

    private static async Task<Results<Ok<BotView>, BotRefusal>> GetAsync(HttpContext http, IGrainFactory grains, string bot_id)
    {
        var owned = await FindOwnedBotAsync(http, grains, bot_id);
        return owned.Found ? TypedResults.Ok(owned.Info.ToContract()) : owned.Refusal;
    }

    private static async Task<Results<Ok<BotDeletedResponse>, BotRefusal>> DeleteAsync(HttpContext http, IGrainFactory grains, string bot_id)
    {
        var owned = await FindOwnedBotAsync(http, grains, bot_id);
        if (!owned.Found)
        {
            return owned.Refusal;
        }

        await owned.Grain.Delete();
        return TypedResults.Ok(new BotDeletedResponse(true, owned.Info.BotId, true));
    }

    // One pass: the bot checks that it is the caller's, counts the start against their bot-action limits and asks
    // capacity, whose answer already applies the caller's own bot limit.
    private static async Task<Results<Ok<BotView>, BotRefusal, TooManyRequests, ServiceUnavailable<ErrorResponse>>> StartAsync(
        HttpContext http, IGrainFactory grains, string bot_id)
    {
        if (!Ids.IsValid(bot_id))
        {
            return BotRefusal.MalformedId();
        }

        var result = await grains.GetGrain<IBotGrain>(bot_id).StartAs(UserAuthFilter.UserIdOf(http));
        var admission = result.Admission;
        return result.Outcome switch
        {
            StartOutcome.Started or StartOutcome.AlreadyRunning => TypedResults.Ok(result.Bot!.ToContract()),
            StartOutcome.BotActionRefused => BotActionRefusal(result.BotAction!),
            StartOutcome.PlatformFull => ApiResults.PlatformFull(admission!.CurrentBots, admission.MaxBots, FullRetryAfterSeconds),
            StartOutcome.UserLimitReached => ApiResults.TooManyRequests(
                $"Bot limit reached ({admission!.UserBots}/{admission.UserLimit} running bots for your account)",
                "max_bots_per_user",
                FullRetryAfterSeconds),
            _ => BotRefusal.NotFound(bot_id),
        };
    }

    private static async Task<Results<Ok<BotView>, BotRefusal, TooManyRequests>> StopAsync(HttpContext http, IGrainFactory grains, Cooldowns cooldowns, string bot_id)
    {
        var owned = await FindOwnedBotAsync(http, grains, bot_id);
        if (!owned.Found)
        {
            return owned.Refusal;
        }

        if (await RefuseBotActionAsync(http, cooldowns) is { } refusal)
        {
            return refusal;
        }

        var stopped = await owned.Grain.Stop();
        return TypedResults.Ok((stopped ?? owned.Info).ToContract());
    }

    private static Task<Results<Ok<TradesResponse>, BadRequest<ErrorResponse>, BotRefusal>> TradesAsync(HttpContext http, IGrainFactory grains, string bot_id, string? limit, string? cursor) =>
        RecentAsync(http, grains, bot_id, limit, cursor, async (bot, botId, count, before) =>
        {
            var page = await bot.GetTrades(count, before);
            return new TradesResponse(true, botId, page.Items.Select(ContractMapping.ToContract).ToList(), HistoryCursor.Encode(page.Before));
        });

    private static Task<Results<Ok<SignalsResponse>, BadRequest<ErrorResponse>, BotRefusal>> SignalsAsync(HttpContext http, IGrainFactory grains, string bot_id, string? limit, string? cursor) =>
        RecentAsync(http, grains, bot_id, limit, cursor, async (bot, botId, count, before) =>
        {
            var page = await bot.GetSignals(count, before);
            return new SignalsResponse(true, botId, page.Items.Select(ContractMapping.ToContract).ToList(), HistoryCursor.Encode(page.Before));
        });

    private static async Task<Results<Ok<ChatResponse>, BodyRefusal, BadRequest<ErrorResponse>, BotRefusal, Conflict<ErrorResponse>, TooManyRequests>> AskAsync(
        HttpContext http, IGrainFactory grains, string bot_id, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<ChatMessageRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > ChatResponder.MaxMessageLength)
        {
            return ApiResults.BadRequest($"text is required: 1 to {ChatResponder.MaxMessageLength} characters");
        }

        var owned = await FindOwnedBotAsync(http, grains, bot_id);
        if (!owned.Found)
        {
            return owned.Refusal;
        }

        var info = owned.Info;
        var answer = await owned.Grain.Ask(text);
        return answer.Outcome switch
        {
            ChatOutcome.Replied => TypedResults.Ok(new ChatResponse(true, info.BotId, answer.Reply!.ToContract())),
            ChatOutcome.NotChatBot => ApiResults.Conflict($"Bot '{bot_id}' is a {info.Definition.Kind.ToString().ToLowerInvariant()} bot; only chat bots take messages"),
            ChatOutcome.NotRunning => ApiResults.Conflict($"Bot '{bot_id}' is not running; start it first"),
            ChatOutcome.SignalLimitReached => ApiResults.TooManyRequests(
                $"Signal limit reached ({answer.Quota!.UsedLastMinute}/{answer.Quota.Limit} per minute for your account). Slow down.",
                "max_signals_per_minute",
                RetrySeconds(answer.Quota.RetryAfter)),
            _ => BotRefusal.NotFound(bot_id),
        };
    }

    private static Task<Results<Ok<RepliesResponse>, BadRequest<ErrorResponse>, BotRefusal>> RepliesAsync(HttpContext http, IGrainFactory grains, string bot_id, string? limit, string? cursor) =>
        RecentAsync(http, grains, bot_id, limit, cursor, async (bot, botId, count, before) =>
        {
            var page = await bot.GetReplies(count, before);
            return new RepliesResponse(true, botId, page.Items.Select(ContractMapping.ToContract).ToList(), HistoryCursor.Encode(page.Before));
        });

    /// <summary>
    /// A page of a bot's output, newest first: <c>limit</c> items (1..1000, default 100), from the start or from the
    /// <c>cursor</c> a previous page gave as <c>next_cursor</c>.
    /// </summary>
    private static async Task<Results<Ok<T>, BadRequest<ErrorResponse>, BotRefusal>> RecentAsync<T>(
        HttpContext http, IGrainFactory grains, string botId, string? limit, string? cursor, Func<IBotGrain, string, int, long?, Task<T>> read)
    {
        if (ParseLimit(limit) is not { } count)
        {
            return ApiResults.BadRequest($"limit must be a whole number between 1 and 1000 (got '{limit}')");
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

        var owned = await FindOwnedBotAsync(http, grains, botId);
        return owned.Found ? TypedResults.Ok(await read(owned.Grain, owned.Info.BotId, count, before)) : owned.Refusal;
    }

    /// <summary>Records a bot action of the caller; null when it is allowed, else the 429 that names the limit.</summary>
    private static async Task<TooManyRequests?> RefuseBotActionAsync(HttpContext http, Cooldowns cooldowns)
    {
        var answer = await cooldowns.TryBotActionAsync(UserAuthFilter.UserIdOf(http));
        return answer.Allowed ? null : BotActionRefusal(answer);
    }

    /// <summary>The 429 that names the bot-action limit that refused the caller.</summary>
    private static TooManyRequests BotActionRefusal(CooldownAnswer answer)
    {
        var retry = RetrySeconds(answer.RetryAfter);
        return answer.Limit == CooldownLimit.Cooldown
            ? ApiResults.TooManyRequests($"Too soon after your last bot action. Try again in {retry} s.", "bot_action_cooldown", retry)
            : ApiResults.TooManyRequests(
                $"Bot action limit reached ({answer.UsedLastHour}/{answer.HourlyQuota} creations, starts and stops in the last hour for your account). Try again in {retry} s.",
                "bot_actions_per_hour",
                retry);
    }

    /// <summary>Whole seconds to wait, rounded up and at least one, for a <c>Retry-After</c> header.</summary>
    private static int RetrySeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The <c>limit</c> query parameter: 100 when absent, null when invalid.</summary>
    private static int? ParseLimit(string? limit) =>
        limit is null ? 100 : int.TryParse(limit, out var count) && count is >= 1 and <= 1000 ? count : null;

    /// <summary>The caller's bot, or the refusal: 400 for a malformed id, 404 when it is missing or someone else's.</summary>
    internal static async Task<OwnedBot> FindOwnedBotAsync(HttpContext http, IGrainFactory grains, string botId)
    {
        if (!Ids.IsValid(botId))
        {
            return new OwnedBot(null, null, BotRefusal.MalformedId());
        }

        var bot = grains.GetGrain<IBotGrain>(botId);
        var info = await bot.GetInfo();
        return info is null || info.UserId != UserAuthFilter.UserIdOf(http)
            ? new OwnedBot(null, null, BotRefusal.NotFound(botId))
            : new OwnedBot(bot, info, null);
    }

    internal sealed record OwnedBot(IBotGrain? Grain, BotInfo? Info, BotRefusal? Refusal)
    {
        [MemberNotNullWhen(true, nameof(Grain), nameof(Info))]
        [MemberNotNullWhen(false, nameof(Refusal))]
        public bool Found => Refusal is null;
    }
}
