namespace OrleansBots.Events;

[GenerateSerializer, Alias("OrleansBots.Events.BotEventKind")]
public enum BotEventKind
{
    Lifecycle,
    Signal,
    Trade,
    Reply,
}
