namespace OrleansBots.Contracts;

/// <summary>One admin action: who (the credential and the client address, never a secret), what, on what, when.</summary>
/// <param name="Id">Increasing; entries are listed newest first.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">The credential used (<c>admin token</c> or <c>operator page session</c>) and the client address.</param>
/// <param name="Action">e.g. <c>user.created</c>, <c>user.disabled</c>, <c>user.deleted</c>, <c>api_key.rotated</c>, <c>limits.changed</c>.</param>
/// <param name="Target">The user id, or <c>platform</c>.</param>
/// <param name="Detail">What changed, e.g. the new limits.</param>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

/// <summary>GET /api/admin/audit?limit=&amp;cursor=.</summary>
public sealed record AuditResponse(bool Success, IReadOnlyList<AuditEntryView> Entries, string? NextCursor);
