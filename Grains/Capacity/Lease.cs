namespace OrleansBots.Capacity;

/// <summary>
/// A running bot's hold on one slot, valid until <see cref="ExpiresAt"/> unless renewed. A value, kept inline in the
/// lease table: a renewal overwrites it in place instead of leaving the old one behind, at 100,000 bots 10,000 objects
/// a second that lived long enough to die in the GC's oldest generation.
/// </summary>
public readonly record struct Lease(string BotId, string UserId, DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt);
