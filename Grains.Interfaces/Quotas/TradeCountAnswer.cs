using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// How many of the trades asked for together (<see cref="IUserGrain.TryCountTrades"/>) fit in today's quota, the first
/// asked first, and the count after the answer.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.TradeCountAnswer")]
public sealed record TradeCountAnswer(
    [property: Id(0)] int Counted,
    [property: Id(1)] int UsedToday,
    [property: Id(2)] int Limit,
    [property: Id(3)] DateTimeOffset ResetsAt)
{
    /// <summary>
    /// The answer to the trade at <paramref name="position"/> (0 for the first asked) among those asked together: a
    /// counted one with the count right after it, as if it had been asked alone.
    /// </summary>
    public TradeQuotaAnswer For(int position) => position < Counted
        ? new(true, UsedToday - Counted + position + 1, Limit, ResetsAt)
        : new(false, UsedToday, Limit, ResetsAt);
}
