using System.Net;

namespace OrleansBots.Client;

/// <summary>400: the request was refused as invalid; <see cref="Field"/> names the field when the refusal is about one.</summary>
/// <param name="error">The server's message, e.g. <c>tick_seconds must be between 1 and 86400 (got 0)</c>.</param>
/// <param name="field">The request field (body or query) the message is about, or null.</param>
public sealed class RequestValidationException(string error, string? field)
    : OrleansBotsApiException(HttpStatusCode.BadRequest, error, null, null)
{
    /// <summary>The request field (body or query) the message is about, or null for the request as a whole.</summary>
    public string? Field { get; } = field;
}
