using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Capacity;
using OrleansBots.Contracts;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Open endpoints for load balancers and monitoring: /healthz, /readyz and /api/admin/health. Anonymous callers of
/// /api/admin/health get the status and capacity (what a load balancer needs) and whether PostgreSQL and Redis are
/// healthy, but no hosts, ports or silo addresses: those need the admin token.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan GrainTimeout = TimeSpan.FromSeconds(5);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new ProbeResponse("ok"))).WithTags("Health");
        routes.MapGet("/readyz", ReadyAsync).WithTags("Health");
        routes.MapGet("/api/admin/health", HealthAsync).WithTags("Health");
    }

    private static async Task<Results<Ok<ProbeResponse>, ServiceUnavailable<ProbeResponse>>> ReadyAsync(IGrainFactory grains)
    {
        var capacity = await TryCapacityAsync(grains);
        return capacity is null
            ? new ServiceUnavailable<ProbeResponse>(new ProbeResponse("not_ready", "the capacity grain does not answer"))
            : TypedResults.Ok(new ProbeResponse("ready"));
    }

    private static async Task<Results<Ok<HealthResponse>, ServiceUnavailable<HealthResponse>>> HealthAsync(
        HttpContext http, IGrainFactory grains, DependencyProbe probe, SiloDirectory silos, AdminToken token, CancellationToken cancellationToken)
    {
        var capacityTask = TryCapacityAsync(grains);
        var postgresTask = probe.PostgresAsync(cancellationToken);
        var redisTask = probe.RedisAsync();
        var capacity = await capacityTask;
        var postgres = await postgresTask;
        var redis = await redisTask;
        IReadOnlyList<SiloView> siloViews;
        try
        {
            siloViews = await silos.ListAsync().WaitAsync(GrainTimeout, cancellationToken);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            siloViews = [];
        }

        var healthy = capacity is not null && postgres.Healthy && redis.Healthy;
        var response = token.Matches(BearerToken.From(http.Request))
            ? new HealthResponse(healthy, healthy ? "healthy" : "unhealthy", capacity?.ToContract(), postgres, redis, siloViews)
            : new HealthResponse(healthy, healthy ? "healthy" : "unhealthy", capacity?.ToContract(), Anonymous(postgres), Anonymous(redis), []);
        return healthy ? TypedResults.Ok(response) : new ServiceUnavailable<HealthResponse>(response);
    }

    private static DependencyView Anonymous(DependencyView dependency) =>
        dependency with { Detail = "details need the admin token" };

    private static async Task<CapacitySnapshot?> TryCapacityAsync(IGrainFactory grains)
    {
        try
        {
            return await grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetCapacity().WaitAsync(GrainTimeout);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            return null;
        }
    }
}
