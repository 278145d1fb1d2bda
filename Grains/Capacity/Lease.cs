namespace OrleansBots.Capacity;

/// <summary>A running bot's hold on one slot, valid until <see cref="ExpiresAt"/> unless renewed.</summary>
public sealed record Lease(string BotId, string UserId, DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt);
