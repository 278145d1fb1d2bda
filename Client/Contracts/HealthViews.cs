using System.Text.Json.Serialization;

namespace OrleansBots.Contracts;

/// <summary>GET /healthz and /readyz, for load balancers: <c>ok</c>, <c>ready</c>, or <c>not_ready</c> with the reason.</summary>
public sealed record ProbeResponse(string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);

/// <summary>The state of one server the platform depends on; <c>configured</c> false in the embedded default.</summary>
public sealed record DependencyView(bool Configured, bool Healthy, string Detail);

public sealed record SiloView(string Address, string Name, string Status);

public sealed record HealthResponse(
    bool Success,
    string Status,
    CapacityView? Capacity,
    DependencyView Postgres,
    DependencyView Redis,
    IReadOnlyList<SiloView> Silos);
