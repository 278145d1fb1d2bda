namespace OrleansBots.Chat;

/// <summary>
/// The send budget of one chat account for the whole cluster (key: <c>host/nick</c>): the chat server counts an
/// account's messages and JOINs wherever they come from, so every bot connection of the account asks here first.
/// </summary>
[Alias("OrleansBots.IChatAccountGrain")]
public interface IChatAccountGrain : IGrainWithStringKey
{
    /// <summary>Takes one message of the budget; <paramref name="moderator"/>: the account moderates the channel it sends to (the larger budget).</summary>
    [Alias("TrySend")]
    Task<SendGrant> TrySend(bool moderator);

    /// <summary>Takes one JOIN of the budget.</summary>
    [Alias("TryJoin")]
    Task<SendGrant> TryJoin();
}

/// <summary>Granted, or when asking again may succeed.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.SendGrant")]
public sealed record SendGrant([property: Id(0)] bool Granted, [property: Id(1)] TimeSpan RetryAfter);
