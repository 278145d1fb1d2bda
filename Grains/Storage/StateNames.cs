namespace OrleansBots.Storage;

/// <summary>
/// The grain storage provider and one state name per grain class. Orleans' ADO.NET storage keys a row by
/// state name and grain key, so two classes sharing a name would share rows (dotnet/orleans#8746).
/// </summary>
public static class StateNames
{
    public const string Store = "platform";
    public const string User = "user";
    // A user's trades counted today, written on every trade (beside the user's state, which lists their bots).
    public const string UserTrades = "user-trades";
    public const string Bot = "bot";
    public const string Capacity = "capacity";
    // The capacity grain's lease journal (segments, snapshot chunks, head), written beside its small state.
    public const string CapacityLeases = "capacityleases";
    public const string ApiKeySecret = "api-key-secret";
    public const string BotEvents = "bot-events";
    // The roster as one record, called the platform directory then: only read, once by each roster shard.
    public const string Roster = "directory";
    public const string RosterShard = "roster-shard";
    public const string ChatLink = "chat-link";
}
