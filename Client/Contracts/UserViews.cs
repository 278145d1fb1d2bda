namespace OrleansBots.Contracts;

/// <summary>POST /api/admin/users.</summary>
public sealed record CreateUserRequest(string? UserId, int? MaxBots = null, int? MaxTradesPerDay = null, int? MaxOwnedBots = null);

/// <summary>The only response that ever shows the API key.</summary>
public sealed record CreatedUserResponse(bool Success, string UserId, string ApiKey, int? MaxBots, int? MaxTradesPerDay, int? MaxOwnedBots = null);

/// <summary>One user as the operator sees it; never the API key or its hash.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="MaxBots">The user's own limit of running bots; null means <c>MAX_BOTS_PER_USER</c>.</param>
/// <param name="MaxTradesPerDay">The user's own trades per UTC day; null means <c>MAX_TRADES_PER_DAY</c>.</param>
/// <param name="BotIds">The bots the user owns.</param>
/// <param name="TradesToday">Trades counted today (UTC).</param>
/// <param name="RunningBots">Bots holding a slot now.</param>
/// <param name="Disabled">A disabled user's key is refused (403) and their bots are stopped.</param>
/// <param name="KeyRevoked">True once the key was revoked and no new one was issued.</param>
/// <param name="MaxOwnedBots">The user's own cap on bots owned; null means <c>Users__MaxOwnedBots</c>.</param>
public sealed record UserView(
    string UserId,
    DateTimeOffset CreatedAt,
    int? MaxBots,
    int? MaxTradesPerDay,
    IReadOnlyList<string> BotIds,
    int TradesToday,
    int RunningBots,
    bool Disabled = false,
    bool KeyRevoked = false,
    int? MaxOwnedBots = null);

public sealed record UserResponse(bool Success, UserView User);

/// <summary>GET /api/admin/users?limit=&amp;cursor=: a page of user ids; <c>next_cursor</c> is null on the last page.</summary>
public sealed record UserListResponse(bool Success, IReadOnlyList<string> Users, string? NextCursor = null);

/// <summary>PUT /api/admin/users/{user_id}/limits: null means the platform default applies.</summary>
public sealed record UserLimitsRequest(int? MaxBots = null, int? MaxTradesPerDay = null, int? MaxOwnedBots = null);

/// <summary>POST /api/admin/users/{user_id}/api-key: the user's new key, shown only here; the old one is refused from now on.</summary>
public sealed record ApiKeyResponse(bool Success, string UserId, string ApiKey);

/// <summary>DELETE /api/admin/users/{user_id}: the user and the bots that were deleted with them.</summary>
public sealed record UserDeletedResponse(bool Success, string UserId, bool Deleted, IReadOnlyList<string> DeletedBots);
