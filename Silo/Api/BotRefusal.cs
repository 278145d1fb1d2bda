using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using OrleansBots.Bots;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>
/// A refused request about the caller's bots (<see cref="UserBots"/>), answered as the cluster client reports it too:
/// its status and body from <see cref="BotRefusalMapping"/>; a 429 through <see cref="TooManyRequests"/> (counted,
/// Retry-After) and a 503 with Retry-After.
/// </summary>
public sealed class BotRefusal(BotRequestRefusal refusal) : Refusal(refusal.StatusCode(), refusal.ToContract()), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext) => refusal.Kind switch
    {
        BotRequestRefusalKind.LimitReached => ApiResults.TooManyRequests(refusal.Message, refusal.Limit!, refusal.RetryAfterSeconds ?? 1).ExecuteAsync(httpContext),
        BotRequestRefusalKind.PlatformFull => new ServiceUnavailable<ErrorResponse>(Value, refusal.RetryAfterSeconds).ExecuteAsync(httpContext),
        _ => base.ExecuteAsync(httpContext),
    };

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(
            builder,
            StatusCodes.Status400BadRequest,
            StatusCodes.Status403Forbidden,
            StatusCodes.Status404NotFound,
            StatusCodes.Status409Conflict,
            StatusCodes.Status429TooManyRequests,
            StatusCodes.Status503ServiceUnavailable);
}
