using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Contracts;
using OrleansBots.Silo.Audit;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The operator's account lifecycle under /api/admin/users/{user_id}: rotate or revoke the API key, disable, enable,
/// delete. Each is recorded in the audit trail.
/// </summary>
public static class UserLifecycleEndpoints
{
    public static void MapUserLifecycleEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/admin/users/{user_id}").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));

        users.MapPost("/api-key", RotateKeyAsync);
        users.MapDelete("/api-key", RevokeKeyAsync);
        users.MapPost("/disable", DisableAsync);
        users.MapPost("/enable", EnableAsync);
        users.MapDelete("/", DeleteAsync);
    }

    private static async Task<Results<Ok<ApiKeyResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> RotateKeyAsync(
        HttpContext http, UserAccounts accounts, IAuditTrail audit, TimeProvider time, string user_id)
    {
        if (!Ids.IsValid(user_id))
        {
            return BadUserId();
        }

        if (await accounts.RotateKeyAsync(user_id) is not { } apiKey)
        {
            return NotFound(user_id);
        }

        await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AdminAuthFilter.ActorOf(http), AuditActions.ApiKeyRotated, user_id));
        return TypedResults.Ok(new ApiKeyResponse(true, user_id, apiKey));
    }

    private static Task<Results<Ok<UserResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> RevokeKeyAsync(
        HttpContext http, UserAccounts accounts, IAuditTrail audit, TimeProvider time, IGrainFactory grains, string user_id) =>
        ChangeAsync(http, audit, time, grains, user_id, AuditActions.ApiKeyRevoked, accounts.RevokeKeyAsync);

    private static Task<Results<Ok<UserResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> DisableAsync(
        HttpContext http, UserAccounts accounts, IAuditTrail audit, TimeProvider time, IGrainFactory grains, string user_id) =>
        ChangeAsync(http, audit, time, grains, user_id, AuditActions.UserDisabled, accounts.DisableAsync);

    private static Task<Results<Ok<UserResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> EnableAsync(
        HttpContext http, UserAccounts accounts, IAuditTrail audit, TimeProvider time, IGrainFactory grains, string user_id) =>
        ChangeAsync(http, audit, time, grains, user_id, AuditActions.UserEnabled, accounts.EnableAsync);

    private static async Task<Results<Ok<UserDeletedResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> DeleteAsync(
        HttpContext http, UserAccounts accounts, IAuditTrail audit, TimeProvider time, string user_id)
    {
        if (!Ids.IsValid(user_id))
        {
            return BadUserId();
        }

        if (await accounts.DeleteAsync(user_id) is not { } bots)
        {
            return NotFound(user_id);
        }

        await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AdminAuthFilter.ActorOf(http), AuditActions.UserDeleted, user_id, $"bots deleted: {bots.Count}"));
        return TypedResults.Ok(new UserDeletedResponse(true, user_id, true, bots));
    }

    private static async Task<Results<Ok<UserResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> ChangeAsync(
        HttpContext http, IAuditTrail audit, TimeProvider time, IGrainFactory grains, string userId, string action, Func<string, Task<bool>> change)
    {
        if (!Ids.IsValid(userId))
        {
            return BadUserId();
        }

        if (!await change(userId))
        {
            return NotFound(userId);
        }

        await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AdminAuthFilter.ActorOf(http), action, userId));
        return await AdminEndpoints.UserAsync(grains, userId) is { } user ? TypedResults.Ok(user) : NotFound(userId);
    }

    private static BadRequest<ErrorResponse> BadUserId() => ApiResults.BadRequest($"user_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");

    private static NotFound<ErrorResponse> NotFound(string userId) => ApiResults.NotFound($"User '{userId}' not found");
}
