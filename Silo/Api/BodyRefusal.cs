using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>A request body the endpoint cannot read: malformed, an unknown or mistyped field (400), or too large (413).</summary>
public sealed class BodyRefusal(int statusCode, string error)
    : Refusal(statusCode, new ErrorResponse(false, error, Field: statusCode == StatusCodes.Status400BadRequest ? ErrorField.Of(error) : null)), IEndpointMetadataProvider
{
    public static BodyRefusal BadRequest(string error) => new(StatusCodes.Status400BadRequest, error);

    public static BodyRefusal TooLarge(string error) => new(StatusCodes.Status413PayloadTooLarge, error);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
}
