using OrleansBots.Bots;

namespace OrleansBots.Contracts.Mapping;

/// <summary>A refused request about a user's bots as the API answers it: its HTTP status and its <see cref="ErrorResponse"/>.</summary>
public static class BotRefusalMapping
{
    /// <summary>The HTTP status of the refusal: 400, 403, 404, 409, 429 or 503.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The status code.</returns>
    public static int StatusCode(this BotRequestRefusal refusal) => refusal.Kind switch
    {
        BotRequestRefusalKind.Invalid => 400,
        BotRequestRefusalKind.Disabled => 403,
        BotRequestRefusalKind.NotFound => 404,
        BotRequestRefusalKind.Conflict => 409,
        BotRequestRefusalKind.LimitReached => 429,
        _ => 503,
    };

    /// <summary>The body of the refusal: the message, and the field (400), limit, retry time and capacity numbers it has.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The API's error body.</returns>
    public static ErrorResponse ToContract(this BotRequestRefusal refusal) => new(
        false,
        refusal.Message,
        refusal.Limit,
        refusal.RetryAfterSeconds,
        refusal.Kind == BotRequestRefusalKind.Invalid ? ErrorField.Of(refusal.Message) : null,
        refusal.CurrentBots,
        refusal.MaxBots);
}
