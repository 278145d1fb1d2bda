namespace OrleansBots.Bots;

/// <summary>The answer to a message: the reply, or why there is none (with the limit's numbers).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ChatAnswer")]
public sealed record ChatAnswer(
    [property: Id(0)] ChatOutcome Outcome,
    [property: Id(1)] ChatReply? Reply,
    [property: Id(2)] Quotas.SignalQuotaAnswer? Quota);
