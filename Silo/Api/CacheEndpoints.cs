using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Cache;
using OrleansBots.Contracts;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>The distributed cache over HTTP, for operators and integrations (admin token): the same calls grains make through <see cref="ShardedCache"/>.</summary>
public static class CacheEndpoints
{
    public const int MaxKeyLength = 256;

    public const double MinTtlSeconds = 0.001;

    public static void MapCacheEndpoints(this IEndpointRouteBuilder routes)
    {
        var cache = routes.MapGroup("/api/admin/cache").AddEndpointFilter<AdminAuthFilter>().WithTags("Cache")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));

        cache.MapGet("/stats", StatsAsync);
        cache.MapGet("/entries/{key}", GetAsync);
        cache.MapPut("/entries/{key}", SetAsync).WithMetadata(new JsonBodyMetadata(typeof(CacheSetRequest)));
        cache.MapDelete("/entries/{key}", DeleteAsync);
        cache.MapDelete("/", ClearAsync);
    }

    private static async Task<Ok<CacheStatsResponse>> StatsAsync(ShardedCache cache)
    {
        var shards = await cache.GetShardStatsAsync();
        var total = CacheStats.Sum(shards);
        return TypedResults.Ok(new CacheStatsResponse(true, total.ToContract(), shards.Select(ContractMapping.ToContract).ToList()));
    }

    private static async Task<Results<Ok<CacheEntryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetAsync(ShardedCache cache, string key)
    {
        if (KeyProblem(key) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var value = await cache.GetAsync(key);
        return value is null
            ? ApiResults.NotFound($"No cache entry '{key}' (missing or expired)")
            : TypedResults.Ok(new CacheEntryResponse(true, key, Encoding.UTF8.GetString(value)));
    }

    private static async Task<Results<Ok<CacheChangeResponse>, BadRequest<ErrorResponse>, BodyRefusal>> SetAsync(HttpContext http, ShardedCache cache, string key, CancellationToken cancellationToken)
    {
        if (KeyProblem(key) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var (request, error) = await JsonBody<CacheSetRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        if (request.Value is null)
        {
            return ApiResults.BadRequest("value is required");
        }

        // Below a millisecond a TTL rounds to zero (or less) as a TimeSpan, which the shard refuses.
        if (request.TtlSeconds is { } ttl && (!double.IsFinite(ttl) || ttl < MinTtlSeconds || ttl > TimeSpan.FromDays(365).TotalSeconds))
        {
            return ApiResults.BadRequest($"ttl_seconds must be at least {MinTtlSeconds} and at most one year (got {ttl})");
        }

        var stored = await cache.SetAsync(key, Encoding.UTF8.GetBytes(request.Value), request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        return stored
            ? TypedResults.Ok(new CacheChangeResponse(true, key, true))
            : ApiResults.BadRequest("value is larger than a cache shard's byte budget (Cache__MaxMemory / Cache__Shards)");
    }

    private static async Task<Results<Ok<CacheChangeResponse>, BadRequest<ErrorResponse>>> DeleteAsync(ShardedCache cache, string key) =>
        KeyProblem(key) is { } problem
            ? ApiResults.BadRequest(problem)
            : TypedResults.Ok(new CacheChangeResponse(true, key, await cache.DeleteAsync(key)));

    private static async Task<Results<Ok<CacheClearResponse>, BadRequest<ErrorResponse>>> ClearAsync(ShardedCache cache, string? prefix)
    {
        if (!string.IsNullOrEmpty(prefix) && KeyProblem(prefix) is not null)
        {
            return ApiResults.BadRequest($"prefix must be 1 to {MaxKeyLength} characters of valid Unicode without control characters");
        }

        var removed = string.IsNullOrEmpty(prefix) ? await cache.ClearAsync() : await cache.ClearAsync(prefix);
        return TypedResults.Ok(new CacheClearResponse(true, string.IsNullOrEmpty(prefix) ? null : prefix, removed));
    }

    private static string? KeyProblem(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl) || !WellFormedText.IsValid(key)
            ? $"key must be 1 to {MaxKeyLength} characters of valid Unicode without control characters"
            : null;
}
