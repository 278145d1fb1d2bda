namespace OrleansBots.Users;

/// <summary>
/// The trades a user's bots made today, stored apart from <see cref="UserState"/>: every trade writes it, and it stays
/// a few bytes however many bots the user owns, where the user state lists every one of them.
/// </summary>
[GenerateSerializer, Alias("OrleansBots.TradeCountState")]
public sealed class TradeCountState
{
    [Id(0)] public DateOnly Day { get; set; }

    [Id(1)] public int Used { get; set; }
}
