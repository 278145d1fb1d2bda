using OrleansBots.Bots;

namespace OrleansBots.Events;

/// <summary>A bot's new status (<see cref="Deleted"/> once it is gone for good) and, for a failure or a resume, why.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Events.BotLifecycle")]
public sealed record BotLifecycle([property: Id(0)] BotStatus Status, [property: Id(1)] bool Deleted, [property: Id(2)] string? Reason);
