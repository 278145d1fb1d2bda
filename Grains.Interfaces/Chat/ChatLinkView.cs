namespace OrleansBots.Chat;

/// <summary>A chat bot's settings as its owner sees them (no secrets: only whether they are set) and its connection's state.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ChatLinkView")]
public sealed record ChatLinkView(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Nick,
    [property: Id(2)] bool HasToken,
    [property: Id(3)] IReadOnlyList<ModelEndpointView> ModelEndpoints,
    [property: Id(4)] string ServerUrl,
    [property: Id(5)] ChatLinkStats Stats);
