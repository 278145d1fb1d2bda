using OrleansBots.Bots;
using OrleansBots.Http;
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

    public static void MapBotEndpoints(this IEndpointRouteBuilder routes)
    {
        var bots = routes.MapGroup("/api/bots").AddEndpointFilter<UserAuthFilter>().WithTags("Bots")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));

        bots.MapPost("/", CreateAsync).WithMetadata(new JsonBodyMetadata(typeof(CreateBotRequest))).Produces<BotView>(StatusCodes.Status201Created).Produces<ErrorResponse>(400).Produces<ErrorResponse>(429);
        bots.MapGet("/", ListAsync).Produces<BotListResponse>();
        bots.MapGet("/{bot_id}", GetAsync).Produces<BotView>().Produces<ErrorResponse>(404);
        bots.MapDelete("/{bot_id}", DeleteAsync).Produces(StatusCodes.Status200OK).Produces<ErrorResponse>(404);
        bots.MapPost("/{bot_id}/start", StartAsync).Produces<BotView>().Produces<ErrorResponse>(429).Produces<ErrorResponse>(503);
        bots.MapPost("/{bot_id}/stop", StopAsync).Produces<BotView>().Produces<ErrorResponse>(429);
        bots.MapGet("/{bot_id}/trades", TradesAsync).Produces<TradesResponse>();
        bots.MapGet("/{bot_id}/signals", SignalsAsync).Produces<SignalsResponse>();
        bots.MapPost("/{bot_id}/messages", AskAsync).WithMetadata(new JsonBodyMetadata(typeof(ChatMessageRequest))).Produces<ChatResponse>().Produces<ErrorResponse>(409).Produces<ErrorResponse>(429);
        bots.MapGet("/{bot_id}/replies", RepliesAsync).Produces<RepliesResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IGrainFactory grains, Cooldowns cooldowns, IOptions<BotOptions> options, CancellationToken cancellationToken)
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

        var botId = Ids.NewBotId();
        var info = await grains.GetGrain<IBotGrain>(botId).Create(UserAuthFilter.UserIdOf(http), definition);
        return Results.Json(Views.Of(info), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var userId = UserAuthFilter.UserIdOf(http);
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        var infos = await Task.WhenAll((profile?.BotIds ?? []).Select(id => grains.GetGrain<IBotGrain>(id).GetInfo()));
        var mine = infos.Where(info => info is not null && info.UserId == userId).Select(info => Views.Of(info!)).ToList();
        return Results.Json(new BotListResponse(true, mine), ApiJson.Options);
    }

    private static Task<IResult> GetAsync(HttpContext http, IGrainFactory grains, string bot_id) =>
        WithOwnedBot(http, grains, bot_id, (_, info) => Task.FromResult(Results.Json(Views.Of(info), ApiJson.Options)));

    private static Task<IResult> DeleteAsync(HttpContext http, IGrainFactory grains, string bot_id) =>
        WithOwnedBot(http, grains, bot_id, async (bot, info) =>
        {
            await bot.Delete();
            return Results.Json(new { success = true, bot_id = info.BotId, deleted = true }, ApiJson.Options);
        });

    // One pass: the bot checks that it is the caller's, counts the start against their bot-action limits and asks
    // capacity, whose answer already applies the caller's own bot limit.
    private static async Task<IResult> StartAsync(HttpContext http, IGrainFactory grains, string bot_id)
    {
        if (MalformedBotId(bot_id) is { } malformed)
        {
            return malformed;
        }

        var result = await grains.GetGrain<IBotGrain>(bot_id).StartAs(UserAuthFilter.UserIdOf(http));
        var admission = result.Admission;
        return result.Outcome switch
        {
            StartOutcome.Started or StartOutcome.AlreadyRunning => Results.Json(Views.Of(result.Bot!), ApiJson.Options),
            StartOutcome.BotActionRefused => BotActionRefusal(result.BotAction!),
            StartOutcome.PlatformFull => ApiResults.Unavailable(
                $"Server full ({admission!.CurrentBots}/{admission.MaxBots} bots active). Try again in a few minutes.",
                FullRetryAfterSeconds),
            StartOutcome.UserLimitReached => ApiResults.TooManyRequests(
                $"Bot limit reached ({admission!.UserBots}/{admission.UserLimit} running bots for your account)",
                "max_bots_per_user",
                FullRetryAfterSeconds),
            _ => ApiResults.NotFound($"Bot '{bot_id}' not found"),
        };
    }

    private static Task<IResult> StopAsync(HttpContext http, IGrainFactory grains, Cooldowns cooldowns, string bot_id) =>
        WithOwnedBot(http, grains, bot_id, async (bot, info) =>
        {
            if (await RefuseBotActionAsync(http, cooldowns) is { } refusal)
            {
                return refusal;
            }

            var stopped = await bot.Stop();
            return Results.Json(Views.Of(stopped ?? info), ApiJson.Options);
        });

    private static Task<IResult> TradesAsync(HttpContext http, IGrainFactory grains, string bot_id, string? limit) =>
        RecentAsync(http, grains, bot_id, limit, async (bot, botId, count) =>
            new TradesResponse(true, botId, (await bot.GetTrades(count)).Select(Views.Of).ToList()));

    private static Task<IResult> SignalsAsync(HttpContext http, IGrainFactory grains, string bot_id, string? limit) =>
        RecentAsync(http, grains, bot_id, limit, async (bot, botId, count) =>
            new SignalsResponse(true, botId, (await bot.GetSignals(count)).Select(Views.Of).ToList()));

    private static async Task<IResult> AskAsync(HttpContext http, IGrainFactory grains, string bot_id, CancellationToken cancellationToken)
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

        return await WithOwnedBot(http, grains, bot_id, async (bot, info) =>
        {
            var answer = await bot.Ask(text);
            return answer.Outcome switch
            {
                ChatOutcome.Replied => Results.Json(new ChatResponse(true, info.BotId, Views.Of(answer.Reply!)), ApiJson.Options),
                ChatOutcome.NotChatBot => ApiResults.Conflict($"Bot '{bot_id}' is a {info.Definition.Kind.ToString().ToLowerInvariant()} bot; only chat bots take messages"),
                ChatOutcome.NotRunning => ApiResults.Conflict($"Bot '{bot_id}' is not running; start it first"),
                ChatOutcome.SignalLimitReached => ApiResults.TooManyRequests(
                    $"Signal limit reached ({answer.Quota!.UsedLastMinute}/{answer.Quota.Limit} per minute for your account). Slow down.",
                    "max_signals_per_minute",
                    RetrySeconds(answer.Quota.RetryAfter)),
                _ => ApiResults.NotFound($"Bot '{bot_id}' not found"),
            };
        });
    }

    private static Task<IResult> RepliesAsync(HttpContext http, IGrainFactory grains, string bot_id, string? limit) =>
        RecentAsync(http, grains, bot_id, limit, async (bot, botId, count) =>
            new RepliesResponse(true, botId, (await bot.GetReplies(count)).Select(Views.Of).ToList()));

    /// <summary>A list of a bot's recent output, newest first, <c>limit</c> items (default 100).</summary>
    private static async Task<IResult> RecentAsync<T>(HttpContext http, IGrainFactory grains, string botId, string? limit, Func<IBotGrain, string, int, Task<T>> read)
    {
        if (ParseLimit(limit) is not { } count)
        {
            return ApiResults.BadRequest($"limit must be a whole number between 1 and 1000 (got '{limit}')");
        }

        return await WithOwnedBot(http, grains, botId, async (bot, info) => Results.Json(await read(bot, info.BotId, count), ApiJson.Options));
    }

    /// <summary>Records a bot action of the caller; null when it is allowed, else the 429 that names the limit.</summary>
    private static async Task<IResult?> RefuseBotActionAsync(HttpContext http, Cooldowns cooldowns)
    {
        var answer = await cooldowns.TryBotActionAsync(UserAuthFilter.UserIdOf(http));
        return answer.Allowed ? null : BotActionRefusal(answer);
    }

    /// <summary>The 429 that names the bot-action limit that refused the caller.</summary>
    private static IResult BotActionRefusal(CooldownAnswer answer)
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

    /// <summary>Runs <paramref name="action"/> on the bot if the caller owns it; 400 for a malformed id, 404 otherwise.</summary>
    private static async Task<IResult> WithOwnedBot(HttpContext http, IGrainFactory grains, string botId, Func<IBotGrain, BotInfo, Task<IResult>> action)
    {
        if (MalformedBotId(botId) is { } malformed)
        {
            return malformed;
        }

        var bot = grains.GetGrain<IBotGrain>(botId);
        var info = await bot.GetInfo();
        return info is null || info.UserId != UserAuthFilter.UserIdOf(http)
            ? ApiResults.NotFound($"Bot '{botId}' not found")
            : await action(bot, info);
    }

    private static IResult? MalformedBotId(string botId) =>
        Ids.IsValid(botId) ? null : ApiResults.BadRequest($"bot_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");
}
