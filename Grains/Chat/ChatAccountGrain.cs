namespace OrleansBots.Chat;

/// <summary>
/// The send budget of one chat account for the whole cluster, thin over <see cref="SendBudget"/>. Held in memory: a
/// reactivated grain starts with a full budget, as the chat server's own windows are at most 30 s long.
/// </summary>
public sealed class ChatAccountGrain(IOptions<ChatOptions> options, TimeProvider time) : Grain, IChatAccountGrain
{
    private readonly SendBudget _budget = new(options.Value, time);

    public Task<SendGrant> TrySend(bool moderator) => Task.FromResult(_budget.TrySend(moderator));

    public Task<SendGrant> TryJoin() => Task.FromResult(_budget.TryJoin());

    /// <summary>The grain key of an account on a chat server: the server's host and the account's nick, lower-cased.</summary>
    public static string KeyOf(Uri server, string nick) => $"{server.Host}:{server.Port}/{nick.ToLowerInvariant()}";
}
