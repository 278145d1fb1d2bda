using System.Text.Json.Serialization;

namespace OrleansBots.Contracts;

/// <summary>Every refusal: <c>success</c> false and a message that names the problem.</summary>
/// <param name="Success">Always false.</param>
/// <param name="Error">What was wrong, naming the field or the limit.</param>
/// <param name="Limit">For 429: the limit that was hit, e.g. <c>max_bots_per_user</c>.</param>
/// <param name="RetryAfterSeconds">For 429 and 503: when trying again may succeed.</param>
/// <param name="Field">For 400: the request field (body or query) the message is about, when it is about one.</param>
/// <param name="CurrentBots">For 503 on a full platform: running bots.</param>
/// <param name="MaxBots">For 503 on a full platform: <c>MAX_CONCURRENT_BOTS</c>.</param>
public sealed record ErrorResponse(
    bool Success,
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Limit = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfterSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CurrentBots = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxBots = null);
