namespace OrleansBots.Bots;

/// <summary>
/// A refused request of a user about their bots, with the message the user sees and the numbers behind it; the HTTP
/// API and the cluster client both turn it into the same answer.
/// </summary>
/// <param name="Kind">Why it was refused.</param>
/// <param name="Message">What was wrong, naming the field or the limit.</param>
/// <param name="Limit">For <see cref="BotRequestRefusalKind.LimitReached"/> and the owned-bots conflict: the limit's name.</param>
/// <param name="RetryAfterSeconds">When trying again may succeed.</param>
/// <param name="CurrentBots">For <see cref="BotRequestRefusalKind.PlatformFull"/>: running bots.</param>
/// <param name="MaxBots">For <see cref="BotRequestRefusalKind.PlatformFull"/>: <c>MAX_CONCURRENT_BOTS</c>.</param>
[GenerateSerializer, Immutable, Alias("OrleansBots.BotRequestRefusal")]
public sealed record BotRequestRefusal(
    [property: Id(0)] BotRequestRefusalKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Limit = null,
    [property: Id(3)] int? RetryAfterSeconds = null,
    [property: Id(4)] int? CurrentBots = null,
    [property: Id(5)] int? MaxBots = null);
