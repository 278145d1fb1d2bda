namespace OrleansBots.Bots;

/// <summary>A message a chat bot received and what it answered.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ChatReply")]
public sealed record ChatReply(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Message,
    [property: Id(2)] string Text);
