using OrleansBots.Cache;
using OrleansBots.Capacity;
using OrleansBots.Contracts;
using OrleansBots.Market;
using OrleansBots.Market.Egress;
using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Silo.Auth;
using OrleansBots.Users;

namespace OrleansBots.Silo.Api;

/// <summary>The operator's endpoints under /api/admin (all but health need the admin token).</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));

        admin.MapPost("/users", CreateUserAsync).WithMetadata(new JsonBodyMetadata(typeof(CreateUserRequest))).Produces<CreatedUserResponse>(201).Produces<ErrorResponse>(409);
        admin.MapGet("/users", ListUsersAsync).Produces<UserListResponse>();
        admin.MapGet("/users/{user_id}", GetUserAsync).Produces<UserResponse>().Produces<ErrorResponse>(404);
        admin.MapPut("/users/{user_id}/limits", ChangeUserLimitsAsync).WithMetadata(new JsonBodyMetadata(typeof(UserLimitsRequest))).Produces<UserResponse>().Produces<ErrorResponse>(404);
        admin.MapGet("/capacity", CapacityAsync).Produces<CapacityResponse>();
        admin.MapGet("/stats", StatsAsync).Produces<StatsResponse>();
        admin.MapGet("/bottlenecks", BottlenecksAsync).Produces<BottleneckResponse>();
        admin.MapGet("/limits", GetLimitsAsync).Produces<LimitsResponse>();
        admin.MapPut("/limits", ChangeLimitsAsync).WithMetadata(new JsonBodyMetadata(typeof(LimitsRequest))).Produces<LimitsResponse>().Produces<ErrorResponse>(400);
    }

    /// <summary>Every silo's latest report from the board; this silo's own when the board cannot answer.</summary>
    private static async Task<IResult> BottlenecksAsync(IGrainFactory grains, BottleneckFinder finder, IOptions<MetricsOptions> metrics, ILogger<BottleneckReport> logger)
    {
        // A silo that missed three intervals (or is thinning its publishing under load for longer) is left out.
        var maxAge = metrics.Value.Interval * Math.Max(3, metrics.Value.OverloadIntervalFactor + 1);
        IReadOnlyList<BottleneckReport> reports;
        try
        {
            reports = await grains.GetGrain<IBottleneckBoardGrain>(IBottleneckBoardGrain.GlobalKey).GetReports(maxAge);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
            logger.LogWarning("The bottleneck board did not answer ({Error}); answering with this silo's report only", error.Message);
            reports = [];
        }

        var own = finder.Report;
        if (own.Silo is not null && reports.All(r => r.Silo != own.Silo))
        {
            reports = [.. reports, own];
        }

        return Results.Json(reports.ToContract(), ApiJson.Options);
    }

    private static ICapacityGrain Capacity(IGrainFactory grains) => grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private static async Task<IResult> CreateUserAsync(HttpContext http, IGrainFactory grains, ILogger<CreateUserRequest> logger, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<CreateUserRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        if (!Ids.IsValid(request.UserId))
        {
            return ApiResults.BadRequest($"user_id is required: 1 to {Ids.MaxLength} letters, digits, '_' or '-'");
        }

        if (UserLimitProblem(request.MaxBots, request.MaxTradesPerDay) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var apiKey = ApiKeys.Generate(request.UserId!);
        var created = await grains.GetGrain<IUserGrain>(request.UserId!).Register(ApiKeys.Hash(apiKey), new UserLimits(request.MaxBots, request.MaxTradesPerDay));
        if (!created)
        {
            return ApiResults.Conflict($"User '{request.UserId}' already exists");
        }

        logger.LogInformation("User {UserId} created", request.UserId);
        return Results.Json(
            new CreatedUserResponse(true, request.UserId!, apiKey, request.MaxBots, request.MaxTradesPerDay),
            ApiJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListUsersAsync(IGrainFactory grains)
    {
        var users = await grains.GetGrain<IRosterGrain>(IRosterGrain.GlobalKey).GetUserIds();
        return Results.Json(new UserListResponse(true, users), ApiJson.Options);
    }

    private static async Task<IResult> GetUserAsync(IGrainFactory grains, string user_id)
    {
        if (!Ids.IsValid(user_id))
        {
            return ApiResults.BadRequest($"user_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");
        }

        return await UserResultAsync(grains, user_id);
    }

    private static async Task<IResult> ChangeUserLimitsAsync(HttpContext http, IGrainFactory grains, string user_id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(user_id))
        {
            return ApiResults.BadRequest($"user_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");
        }

        var (request, error, fields) = await JsonBody<UserLimitsRequest>.ReadWithFieldsAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        if (UserLimitProblem(request.MaxBots, request.MaxTradesPerDay) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var user = grains.GetGrain<IUserGrain>(user_id);
        if (await user.GetProfile() is null)
        {
            return ApiResults.NotFound($"User '{user_id}' not found");
        }

        // Absent fields keep their value; an explicit null goes back to the platform default.
        var current = await user.GetLimits();
        await user.ChangeLimits(new UserLimits(
            fields.Contains("max_bots") ? request.MaxBots : current.MaxBots,
            fields.Contains("max_trades_per_day") ? request.MaxTradesPerDay : current.MaxTradesPerDay));
        return await UserResultAsync(grains, user_id);
    }

    private static async Task<IResult> UserResultAsync(IGrainFactory grains, string userId)
    {
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        if (profile is null)
        {
            return ApiResults.NotFound($"User '{userId}' not found");
        }

        var running = await Capacity(grains).GetUserBots(userId);
        var view = new UserView(profile.UserId, profile.CreatedAt, profile.MaxBots, profile.MaxTradesPerDay, profile.BotIds, profile.TradesToday, running);
        return Results.Json(new UserResponse(true, view), ApiJson.Options);
    }

    private static string? UserLimitProblem(int? maxBots, int? maxTradesPerDay) =>
        (maxBots is { } bots ? LimitRules.CheckRange("max_bots", bots, 1, LimitRules.MaxBotsCeiling) : null)
        ?? (maxTradesPerDay is { } trades ? LimitRules.CheckRange("max_trades_per_day", trades, 1, 10_000_000) : null);

    private static async Task<IResult> CapacityAsync(IGrainFactory grains) =>
        Results.Json(new CapacityResponse(true, (await Capacity(grains).GetCapacity()).ToContract()), ApiJson.Options);

    private static async Task<IResult> GetLimitsAsync(IGrainFactory grains)
    {
        var capacity = Capacity(grains);
        return Results.Json(new LimitsResponse(true, (await capacity.GetLimits()).ToContract(), (await capacity.GetCapacity()).ToContract()), ApiJson.Options);
    }

    private static async Task<IResult> ChangeLimitsAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<LimitsRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var change = new LimitsChange(request.MaxConcurrentBots, request.MaxBotsPerUser, request.MaxTradesPerDay, request.AlertThreshold, request.MaxSignalsPerMinute);
        var capacity = Capacity(grains);
        var problem = LimitRules.Validate(change.ApplyTo(await capacity.GetLimits()));
        if (problem is not null)
        {
            return ApiResults.BadRequest(ToFieldNames(problem));
        }

        var limits = await capacity.ChangeLimits(change);
        return Results.Json(new LimitsResponse(true, limits.ToContract(), (await capacity.GetCapacity()).ToContract()), ApiJson.Options);
    }

    private static async Task<IResult> StatsAsync(
        IGrainFactory grains, SiloDirectory silos, ShardedCache cache, IOptions<MarketOptions> market, AlertList alerts, CancellationToken cancellationToken)
    {
        var rateLimits = new List<RateLimitView>();
        if (market.Value.IsBinance)
        {
            var scope = IRateLimiterGrain.ScopeOf(market.Value.BaseUrl);
            rateLimits.Add((await grains.GetGrain<IRateLimiterGrain>(scope).GetStats()).ToContract(scope));
        }

        var directory = grains.GetGrain<IRosterGrain>(IRosterGrain.GlobalKey);
        var report = await Capacity(grains).GetReport();
        var userIds = await directory.GetUserIds();
        var counts = await directory.GetBotCounts();
        var profiles = await Task.WhenAll(userIds.Select(id => grains.GetGrain<IUserGrain>(id).GetProfile()));
        var bots = counts.ToDictionary(pair => pair.Key.ToString().ToLowerInvariant(), pair => pair.Value);
        bots["running"] = report.Capacity.CurrentBots;
        return Results.Json(
            new StatsResponse(
                true,
                report.Capacity.ToContract(),
                report.Limits.ToContract(),
                userIds.Count,
                report.UsersWithRunningBots,
                bots,
                profiles.Sum(p => p?.TradesToday ?? 0),
                report.ZombieLeasesFreed,
                report.HostSilo,
                await silos.ListWithHardwareAsync(),
                await alerts.ListAsync(report, AlertList.Shown, cancellationToken),
                (await cache.GetStatsAsync()).ToContract(),
                rateLimits),
            ApiJson.Options);
    }

    /// <summary>Limit rules name settings by their variable; the API names them by their JSON field.</summary>
    private static string ToFieldNames(string problem) => problem
        .Replace("MAX_CONCURRENT_BOTS", "max_concurrent_bots", StringComparison.Ordinal)
        .Replace("MAX_BOTS_PER_USER", "max_bots_per_user", StringComparison.Ordinal)
        .Replace("MAX_TRADES_PER_DAY", "max_trades_per_day", StringComparison.Ordinal)
        .Replace("ALERT_THRESHOLD", "alert_threshold", StringComparison.Ordinal)
        .Replace("MAX_SIGNALS_PER_MINUTE", "max_signals_per_minute", StringComparison.Ordinal);
}
