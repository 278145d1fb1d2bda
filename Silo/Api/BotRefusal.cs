using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using OrleansBots.Contracts;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>A bot the caller may not touch: a malformed id (400), or a bot that is missing or someone else's (404).</summary>
public sealed class BotRefusal(int statusCode, string error) : Refusal(statusCode, new ErrorResponse(false, error)), IEndpointMetadataProvider
{
    public static BotRefusal MalformedId() => new(StatusCodes.Status400BadRequest, $"bot_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");

    public static BotRefusal NotFound(string botId) => new(StatusCodes.Status404NotFound, $"Bot '{botId}' not found");

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
}
