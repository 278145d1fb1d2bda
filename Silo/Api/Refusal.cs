using Microsoft.AspNetCore.Http.Metadata;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>
/// A refusal in the API's one shape (<see cref="ErrorResponse"/>) whose status is one of a few that belong together,
/// e.g. a bot that is malformed (400) or not the caller's (404). Subclasses declare those statuses for OpenAPI.
/// </summary>
public abstract class Refusal(int statusCode, ErrorResponse error) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ErrorResponse>
{
    public int StatusCode => statusCode;

    public ErrorResponse Value => error;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    object? IValueHttpResult.Value => error;

    public virtual Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(error, statusCode: statusCode).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ErrorResponse), ["application/json"]));
        }
    }
}
