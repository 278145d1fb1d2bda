namespace OrleansBots.Chat;

/// <summary>
/// What a user sets for a chat bot: the channel to join, the account to join as and its token (an IRC
/// <c>PASS</c>, <c>oauth:…</c> on Twitch), and the bot's own language-model endpoints, tried before the platform's.
/// Secrets travel only inward: they are encrypted before they are stored and never given back.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ChatLinkSettings")]
public sealed record ChatLinkSettings(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Nick,
    [property: Id(2)] string Token,
    [property: Id(3)] IReadOnlyList<ModelEndpointSettings> ModelEndpoints)
{
    /// <summary>The chat server's WebSocket address; null takes the platform's <c>Chat:ServerUrl</c>.</summary>
    [Id(4)]
    public string? ServerUrl { get; init; }

    /// <summary>Questions answered by the model at once; null takes the platform's <c>Chat:MaxConcurrentUsers</c>.</summary>
    [Id(5)]
    public int? MaxConcurrentUsers { get; init; }

    public override string ToString() => $"ChatLinkSettings {{ Channel = {Channel}, Nick = {Nick}, Token = ***, ModelEndpoints = {ModelEndpoints.Count} }}";
}
