namespace OrleansBots.Users;

[GenerateSerializer, Alias("OrleansBots.UserState")]
public sealed class UserState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>SHA-256 of the API key; the key itself is never stored.</summary>
    [Id(2)] public byte[] ApiKeyHash { get; set; } = [];

    [Id(3)] public int? MaxBots { get; set; }

    [Id(4)] public int? MaxTradesPerDay { get; set; }

    [Id(5)] public List<string> BotIds { get; set; } = [];

    /// <summary>Where trades were counted before <see cref="TradeCountState"/>: read once, by a user stored then.</summary>
    [Id(6)] public DateOnly TradesDay { get; set; }

    /// <summary>See <see cref="TradesDay"/>.</summary>
    [Id(7)] public int TradesToday { get; set; }

    /// <summary>
    /// The capacity grain holds <see cref="MaxBots"/> (admission needs nothing else); false for users stored before
    /// it did, whose grain sends it once on activation.
    /// </summary>
    [Id(8)] public bool MaxBotsSentToCapacity { get; set; }

    /// <summary>A disabled user's key is refused (the bots were stopped when it was disabled).</summary>
    [Id(9)] public bool Disabled { get; set; }

    /// <summary>The user's own cap on bots owned; null: <c>Users:MaxOwnedBots</c>.</summary>
    [Id(10)] public int? MaxOwnedBots { get; set; }
}
