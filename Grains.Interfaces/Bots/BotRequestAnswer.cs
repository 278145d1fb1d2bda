namespace OrleansBots.Bots;

/// <summary>The answer to a user's request about their bots: <see cref="Value"/>, or the <see cref="Refusal"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.BotRequestAnswer`1")]
public sealed record BotRequestAnswer<T>([property: Id(0)] T? Value, [property: Id(1)] BotRequestRefusal? Refusal)
{
    public static implicit operator BotRequestAnswer<T>(T value) => new(value, null);

    public static implicit operator BotRequestAnswer<T>(BotRequestRefusal refusal) => new(default, refusal);
}
