using OrleansBots.Capacity;
using OrleansBots.Quotas;

namespace OrleansBots.Bots;

/// <summary>The answer to a start request: the bot afterwards and, on refusal, the admission numbers.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.StartResult")]
public sealed record StartResult(
    [property: Id(0)] StartOutcome Outcome,
    [property: Id(1)] BotInfo? Bot,
    [property: Id(2)] Admission? Admission)
{
    /// <summary>The owner's bot-action limits' answer when they refused the start, with when to retry.</summary>
    [Id(3)]
    public CooldownAnswer? BotAction { get; init; }
}
