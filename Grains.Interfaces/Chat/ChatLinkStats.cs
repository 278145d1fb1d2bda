namespace OrleansBots.Chat;

/// <summary>
/// What a chat bot's connection did since its activation: whether it is in its channel now (and where), how often it
/// connected, lines in and out, commands refused by cooldowns or quotas, questions answered, queued, turned away
/// (queue full, one pending already) and expired (told to retry), and whether the bot's account moderates the channel.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ChatLinkStats")]
public sealed record ChatLinkStats(
    [property: Id(0)] bool Joined,
    [property: Id(1)] string? Silo,
    [property: Id(2)] int Connections,
    [property: Id(3)] long MessagesIn,
    [property: Id(4)] long MessagesOut,
    [property: Id(5)] long Refused,
    [property: Id(6)] long Answered,
    [property: Id(7)] long Queued,
    [property: Id(8)] long TurnedAway,
    [property: Id(9)] long Expired,
    [property: Id(10)] bool Moderator,
    [property: Id(11)] string? LastError)
{
    public static ChatLinkStats None { get; } = new(false, null, 0, 0, 0, 0, 0, 0, 0, 0, false, null);
}
