using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Contracts;
using OrleansBots.Silo.Audit;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>GET /api/admin/audit?limit=&amp;cursor=: the audit trail of admin actions, newest first (admin token).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/admin/audit", ListAsync).AddEndpointFilter<AdminAuthFilter>().WithTags("Admin")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));

    private static async Task<Results<Ok<AuditResponse>, BadRequest<ErrorResponse>>> ListAsync(IAuditTrail audit, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var (page, error) = Paging.Read(limit, cursor);
        if (page is null)
        {
            return ApiResults.BadRequest(error!);
        }

        long? before = null;
        if (page.After is not null)
        {
            if (!long.TryParse(page.After, out var id) || id < 1)
            {
                return ApiResults.BadRequest("cursor is not a cursor this endpoint gave out (pass next_cursor of the previous page unchanged)");
            }

            before = id;
        }

        var entries = await audit.ListAsync(page.Limit + 1, before, cancellationToken);
        var shown = entries.Take(page.Limit).ToList();
        var next = entries.Count > page.Limit ? Paging.Encode(shown[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return TypedResults.Ok(new AuditResponse(true, shown, next));
    }
}
