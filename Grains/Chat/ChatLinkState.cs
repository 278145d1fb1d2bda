namespace OrleansBots.Chat;

/// <summary>
/// What a chat bot's link keeps: its settings with the token and the model keys sealed by the
/// <see cref="CredentialProtector"/> (never in clear text at rest).
/// </summary>
[GenerateSerializer, Alias("OrleansBots.ChatLinkState")]
public sealed class ChatLinkState
{
    [Id(0)] public string? Channel { get; set; }

    [Id(1)] public string? Nick { get; set; }

    [Id(2)] public string? SealedToken { get; set; }

    [Id(3)] public List<StoredModelEndpoint> ModelEndpoints { get; set; } = [];

    [Id(4)] public string? ServerUrl { get; set; }

    [Id(5)] public int? MaxConcurrentUsers { get; set; }

    public bool Configured => Channel is not null && Nick is not null && SealedToken is not null;
}
