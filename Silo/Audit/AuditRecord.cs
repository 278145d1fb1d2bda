namespace OrleansBots.Silo.Audit;

/// <summary>One admin action to record: who (never a secret), what, on what, and what changed.</summary>
public sealed record AuditRecord(DateTimeOffset At, string Actor, string Action, string Target, string? Detail = null);
