namespace OrleansBots.Bots;

/// <summary>Why a user's request about their bots was refused; each is one HTTP status of the API.</summary>
public enum BotRequestRefusalKind
{
    /// <summary>A field or parameter is invalid (400); the message names it.</summary>
    Invalid,

    /// <summary>The user's account is disabled (403).</summary>
    Disabled,

    /// <summary>The bot (or the user) does not exist, or the bot is someone else's (404).</summary>
    NotFound,

    /// <summary>The request does not fit the bot's state or the user's owned-bots cap (409).</summary>
    Conflict,

    /// <summary>One of the user's own limits was hit (429), named by <see cref="BotRequestRefusal.Limit"/>.</summary>
    LimitReached,

    /// <summary>The platform runs <c>MAX_CONCURRENT_BOTS</c> bots (503).</summary>
    PlatformFull,
}
