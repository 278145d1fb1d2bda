using System.Text.Json.Serialization;

namespace OrleansBots.Contracts;

/// <summary>The capacity block of the monitoring contract (status is LOW, HEALTHY, WARNING or FULL).</summary>
public sealed record CapacityView(
    int CurrentBots,
    int MaxBots,
    [property: JsonConverter(typeof(OneDecimalJsonConverter))] double PercentUsed,
    int AvailableSlots,
    string Status,
    bool CanAcceptNew);

public sealed record CapacityResponse(bool Success, CapacityView Capacity);
