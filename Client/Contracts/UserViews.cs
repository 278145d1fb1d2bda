namespace OrleansBots.Contracts;

/// <summary>POST /api/admin/users.</summary>
public sealed record CreateUserRequest(string? UserId, int? MaxBots = null, int? MaxTradesPerDay = null);

/// <summary>The only response that ever shows the API key.</summary>
public sealed record CreatedUserResponse(bool Success, string UserId, string ApiKey, int? MaxBots, int? MaxTradesPerDay);

public sealed record UserView(string UserId, DateTimeOffset CreatedAt, int? MaxBots, int? MaxTradesPerDay, IReadOnlyList<string> BotIds, int TradesToday, int RunningBots);

public sealed record UserResponse(bool Success, UserView User);

public sealed record UserListResponse(bool Success, IReadOnlyList<string> Users);

/// <summary>PUT /api/admin/users/{user_id}/limits: null means the platform default applies.</summary>
public sealed record UserLimitsRequest(int? MaxBots = null, int? MaxTradesPerDay = null);
