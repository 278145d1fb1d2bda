namespace OrleansBots.Contracts;

/// <summary>
/// PUT /api/bots/{bot_id}/chat: the channel a chat bot joins, the account it joins as and that account's token
/// (Twitch: <c>oauth:…</c>), and optionally its own model endpoints (tried before the platform's) and model slots.
/// The token and the API keys are stored encrypted and never returned.
/// </summary>
public sealed record ChatSettingsRequest(
    string? Channel,
    string? Nick,
    string? Token,
    IReadOnlyList<ModelEndpointRequest>? ModelEndpoints = null,
    int? MaxConcurrentUsers = null);

/// <summary>An OpenAI-compatible endpoint: base address (<c>http://host:1234</c>), model name, optional API key and own request limit.</summary>
public sealed record ModelEndpointRequest(string? Url, string? Model, string? ApiKey = null, double? RequestsPerSecond = null);

/// <summary>A chat bot's settings without secrets (<c>has_token</c>, <c>has_api_key</c>) and its connection.</summary>
public sealed record ChatSettingsView(
    string Channel,
    string Nick,
    bool HasToken,
    string ServerUrl,
    IReadOnlyList<ModelEndpointView> ModelEndpoints,
    ChatConnectionView Connection);

public sealed record ModelEndpointView(string Url, string Model, bool HasApiKey, double RequestsPerSecond);

/// <summary>The bot's chat connection: in its channel or not, on which silo, and what it did since it was opened there.</summary>
public sealed record ChatConnectionView(
    bool Joined,
    string? Silo,
    int Connections,
    long MessagesIn,
    long MessagesOut,
    long Refused,
    long Answered,
    long Queued,
    long TurnedAway,
    long Expired,
    bool Moderator,
    string? LastError);

public sealed record ChatSettingsResponse(bool Success, string BotId, ChatSettingsView Chat);
