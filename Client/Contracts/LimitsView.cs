namespace OrleansBots.Contracts;

public sealed record LimitsView(
    int MaxConcurrentBots,
    int MaxBotsPerUser,
    int MaxTradesPerDay,
    int AlertThreshold,
    int MaxSignalsPerMinute);

/// <summary>PUT /api/admin/limits: every field optional; absent fields keep their value.</summary>
public sealed record LimitsRequest(
    int? MaxConcurrentBots = null,
    int? MaxBotsPerUser = null,
    int? MaxTradesPerDay = null,
    int? AlertThreshold = null,
    int? MaxSignalsPerMinute = null);

public sealed record LimitsResponse(bool Success, LimitsView Limits, CapacityView Capacity);
