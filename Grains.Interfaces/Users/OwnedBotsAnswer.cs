namespace OrleansBots.Users;

/// <summary>The answer of <see cref="IUserGrain.TryAddBot"/>: added, or the user owns <see cref="Owned"/> of <see cref="Limit"/> bots already.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.OwnedBotsAnswer")]
public sealed record OwnedBotsAnswer(
    [property: Id(0)] bool Added,
    [property: Id(1)] int Owned,
    [property: Id(2)] int Limit);
