using Microsoft.AspNetCore.Http.HttpResults;
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
using OrleansBots.Silo.Audit;
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

        admin.MapPost("/users", CreateUserAsync).WithMetadata(new JsonBodyMetadata(typeof(CreateUserRequest)));
        admin.MapGet("/users", ListUsersAsync);
        admin.MapGet("/users/{user_id}", GetUserAsync);
        admin.MapPut("/users/{user_id}/limits", ChangeUserLimitsAsync).WithMetadata(new JsonBodyMetadata(typeof(UserLimitsRequest)));
        admin.MapGet("/capacity", CapacityAsync);
        admin.MapGet("/stats", StatsAsync);
        admin.MapGet("/bottlenecks", BottlenecksAsync);
        admin.MapGet("/limits", GetLimitsAsync);
        admin.MapPut("/limits", ChangeLimitsAsync).WithMetadata(new JsonBodyMetadata(typeof(LimitsRequest)));
    }

    /// <summary>Every silo's latest report from the board; this silo's own when the board cannot answer.</summary>
    private static async Task<Ok<BottleneckResponse>> BottlenecksAsync(IGrainFactory grains, BottleneckFinder finder, IOptions<MetricsOptions> metrics, ILogger<BottleneckReport> logger)
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

        return TypedResults.Ok(reports.ToContract());
    }

    private static ICapacityGrain Capacity(IGrainFactory grains) => grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private static async Task<Results<Created<CreatedUserResponse>, BodyRefusal, BadRequest<ErrorResponse>, Conflict<ErrorResponse>>> CreateUserAsync(
        HttpContext http, IGrainFactory grains, ApiKeySigner signer, IAuditTrail audit, TimeProvider time, ILogger<CreateUserRequest> logger, CancellationToken cancellationToken)
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

        if (UserLimitProblem(request.MaxBots, request.MaxTradesPerDay, request.MaxOwnedBots) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var apiKey = await signer.NewKeyAsync(request.UserId!);
        var limits = new UserLimits(request.MaxBots, request.MaxTradesPerDay, request.MaxOwnedBots);
        var created = await grains.GetGrain<IUserGrain>(request.UserId!).Register(ApiKeys.Hash(apiKey), limits);
        if (!created)
        {
            return ApiResults.Conflict($"User '{request.UserId}' already exists");
        }

        logger.LogInformation("User {UserId} created", request.UserId);
        await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AdminAuthFilter.ActorOf(http), AuditActions.UserCreated, request.UserId!, Describe(limits)), cancellationToken);
        return TypedResults.Created((string?)null, new CreatedUserResponse(true, request.UserId!, apiKey, request.MaxBots, request.MaxTradesPerDay, request.MaxOwnedBots));
    }

    private static async Task<Results<Ok<UserListResponse>, BadRequest<ErrorResponse>>> ListUsersAsync(IGrainFactory grains, string? limit, string? cursor)
    {
        var (page, error) = Paging.Read(limit, cursor);
        if (page is null)
        {
            return ApiResults.BadRequest(error!);
        }

        // One more than the page tells whether there is a next one.
        var (users, next) = page.Apply(await RosterShards.UserIdsAfterAsync(grains, page.After, page.Limit + 1));
        return TypedResults.Ok(new UserListResponse(true, users, next));
    }

    private static async Task<Results<Ok<UserResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetUserAsync(IGrainFactory grains, string user_id)
    {
        if (!Ids.IsValid(user_id))
        {
            return ApiResults.BadRequest($"user_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");
        }

        return await UserAsync(grains, user_id) is { } user ? TypedResults.Ok(user) : UserNotFound(user_id);
    }

    private static async Task<Results<Ok<UserResponse>, BodyRefusal, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> ChangeUserLimitsAsync(
        HttpContext http, IGrainFactory grains, IAuditTrail audit, TimeProvider time, string user_id, CancellationToken cancellationToken)
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

        if (UserLimitProblem(request.MaxBots, request.MaxTradesPerDay, request.MaxOwnedBots) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var user = grains.GetGrain<IUserGrain>(user_id);
        if (await user.GetProfile() is null)
        {
            return UserNotFound(user_id);
        }

        // Absent fields keep their value; an explicit null goes back to the platform default.
        var current = await user.GetLimits();
        var changed = await user.ChangeLimits(new UserLimits(
            fields.Contains("max_bots") ? request.MaxBots : current.MaxBots,
            fields.Contains("max_trades_per_day") ? request.MaxTradesPerDay : current.MaxTradesPerDay,
            fields.Contains("max_owned_bots") ? request.MaxOwnedBots : current.MaxOwnedBots));
        await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AdminAuthFilter.ActorOf(http), AuditActions.UserLimitsChanged, user_id, Describe(changed)), cancellationToken);
        return await UserAsync(grains, user_id) is { } view ? TypedResults.Ok(view) : UserNotFound(user_id);
    }

    /// <summary>The user with their running bots; null when there is no such user.</summary>
    public static async Task<UserResponse?> UserAsync(IGrainFactory grains, string userId)
    {
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        if (profile is null)
        {
            return null;
        }

        var running = await Capacity(grains).GetUserBots(userId);
        var view = new UserView(
            profile.UserId, profile.CreatedAt, profile.MaxBots, profile.MaxTradesPerDay, profile.BotIds, profile.TradesToday, running, profile.Disabled, profile.KeyRevoked, profile.MaxOwnedBots);
        return new UserResponse(true, view);
    }

    private static NotFound<ErrorResponse> UserNotFound(string userId) => ApiResults.NotFound($"User '{userId}' not found");

    private static string? UserLimitProblem(int? maxBots, int? maxTradesPerDay, int? maxOwnedBots) =>
        (maxBots is { } bots ? LimitRules.MaxBotsPerUser.CheckAs("max_bots", bots) : null)
        ?? (maxTradesPerDay is { } trades ? LimitRules.MaxTradesPerDay.CheckAs("max_trades_per_day", trades) : null)
        ?? (maxOwnedBots is { } owned ? UserOptionsValidator.OwnedBotsRange.CheckAs("max_owned_bots", owned) : null);

    /// <summary>A user's limits as the audit trail shows them.</summary>
    private static string Describe(UserLimits limits) =>
        $"max_bots={Show(limits.MaxBots)} max_trades_per_day={Show(limits.MaxTradesPerDay)} max_owned_bots={Show(limits.MaxOwnedBots)}";

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";

    private static async Task<Ok<CapacityResponse>> CapacityAsync(IGrainFactory grains) =>
        TypedResults.Ok(new CapacityResponse(true, (await Capacity(grains).GetCapacity()).ToContract()));

    private static async Task<Ok<LimitsResponse>> GetLimitsAsync(IGrainFactory grains)
    {
        var capacity = Capacity(grains);
        return TypedResults.Ok(new LimitsResponse(true, (await capacity.GetLimits()).ToContract(), (await capacity.GetCapacity()).ToContract()));
    }

    private static async Task<Results<Ok<LimitsResponse>, BodyRefusal, BadRequest<ErrorResponse>>> ChangeLimitsAsync(
        HttpContext http, IGrainFactory grains, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
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
        await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AdminAuthFilter.ActorOf(http), AuditActions.LimitsChanged, AuditActions.Platform, limits.ToString()), cancellationToken);
        return TypedResults.Ok(new LimitsResponse(true, limits.ToContract(), (await capacity.GetCapacity()).ToContract()));
    }

    private static async Task<Ok<StatsResponse>> StatsAsync(
        IGrainFactory grains, SiloDirectory silos, ShardedCache cache, IOptions<MarketOptions> market, AlertList alerts, TimeProvider time, CancellationToken cancellationToken)
    {
        var rateLimits = new List<RateLimitView>();
        if (market.Value.IsBinance)
        {
            var scope = IRateLimiterGrain.ScopeOf(market.Value.BaseUrl);
            rateLimits.Add((await grains.GetGrain<IRateLimiterGrain>(scope).GetStats()).ToContract(scope));
        }

        var report = await Capacity(grains).GetReport();
        var roster = await RosterShards.TotalsAsync(grains, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var bots = roster.Bots.ToDictionary(pair => pair.Key.ToString().ToLowerInvariant(), pair => pair.Value);
        bots["running"] = report.Capacity.CurrentBots;
        return TypedResults.Ok(
            new StatsResponse(
                true,
                report.Capacity.ToContract(),
                report.Limits.ToContract(),
                roster.Users,
                report.UsersWithRunningBots,
                bots,
                roster.TradesToday,
                report.ZombieLeasesFreed,
                report.HostSilo,
                await silos.ListWithHardwareAsync(),
                await alerts.ListAsync(report, AlertList.Shown, cancellationToken),
                (await cache.GetStatsAsync()).ToContract(),
                rateLimits));
    }

    /// <summary>Limit rules name settings by their variable; the API names them by their JSON field.</summary>
    private static string ToFieldNames(string problem) => problem
        .Replace("MAX_CONCURRENT_BOTS", "max_concurrent_bots", StringComparison.Ordinal)
        .Replace("MAX_BOTS_PER_USER", "max_bots_per_user", StringComparison.Ordinal)
        .Replace("MAX_TRADES_PER_DAY", "max_trades_per_day", StringComparison.Ordinal)
        .Replace("ALERT_THRESHOLD", "alert_threshold", StringComparison.Ordinal)
        .Replace("MAX_SIGNALS_PER_MINUTE", "max_signals_per_minute", StringComparison.Ordinal);
}
