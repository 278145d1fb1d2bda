namespace OrleansBots.Events;

/// <summary>
/// The only saved part of a bot's event log: event numbers up to <see cref="Reserved"/> may have been given out. A log
/// saves a block ahead while it runs and its last number when it deactivates, so numbers never repeat, even after a
/// crash, for one write per block instead of one per event.
/// </summary>
[GenerateSerializer, Alias("OrleansBots.Events.BotEventLogState")]
public sealed class BotEventLogState
{
    [Id(0)] public long Reserved { get; set; }
}
