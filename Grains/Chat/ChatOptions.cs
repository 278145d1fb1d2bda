namespace OrleansBots.Chat;

/// <summary>
/// Chat bots on real chat servers: the platform's connection settings, the server's send limits, the commands' cooldowns
/// and quotas, the question queue in front of the model and the platform's model endpoints. Bound from the <c>Chat</c>
/// configuration section (e.g. <c>Chat__ServerUrl</c>, <c>Chat__Models__0__Url</c>).
/// </summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>The chat server's IRC-over-WebSocket address (Twitch's by default).</summary>
    public string ServerUrl { get; set; } = "wss://irc-ws.chat.twitch.tv:443";

    /// <summary>Longest chat message; replies are cut to it (Twitch: 500 characters).</summary>
    public int MessageLength { get; set; } = 500;

    /// <summary>Messages one account may send per <see cref="MessageWindow"/> (Twitch: 20 per 30 s).</summary>
    public int MessagesPerWindow { get; set; } = 20;

    /// <summary>Messages per <see cref="MessageWindow"/> to a channel the account moderates or owns (Twitch: 100).</summary>
    public int ModeratorMessagesPerWindow { get; set; } = 100;

    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>JOINs one account may send per <see cref="JoinWindow"/> (Twitch: 20 per 10 s).</summary>
    public int JoinsPerWindow { get; set; } = 20;

    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Replies waiting for the send budget; beyond it the oldest is dropped (a flood must not grow memory).</summary>
    public int OutboxLength { get; set; } = 100;

    /// <summary>First wait before reconnecting after a dropped connection; doubled after each failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before reconnecting.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>What starts a command (<c>!ask</c>, <c>!price</c>).</summary>
    public string CommandPrefix { get; set; } = "!";

    /// <summary>Shortest time between two commands of one viewer.</summary>
    public TimeSpan SenderCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Commands one viewer may use in any sliding hour; 0 means no quota.</summary>
    public int SenderHourlyQuota { get; set; } = 20;

    /// <summary>Shortest time between two uses of one command whose answer is the same for everyone (<c>!price</c>, <c>!status</c>) in the channel.</summary>
    public TimeSpan CommandCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Questions the model answers at once (the seed's <c>max_concurrent_users</c>).</summary>
    public int MaxConcurrentUsers { get; set; } = 7;

    /// <summary>Questions that may wait for a model slot; beyond it the asker is told to retry.</summary>
    public int QueueLength { get; set; } = 100;

    /// <summary>Longest wait for a model slot; then the asker is told to retry.</summary>
    public TimeSpan QueueWaitLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for one model endpoint's answer; then the next endpoint is tried.</summary>
    public TimeSpan ModelTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for a failed endpoint's health probe (<c>GET /v1/models</c>).</summary>
    public TimeSpan ModelProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a failed endpoint is left alone; doubled after each failure in a row.</summary>
    public TimeSpan ModelRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest time a failed endpoint is left alone (also caps a <c>Retry-After</c>).</summary>
    public TimeSpan ModelRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The <c>max_tokens</c> asked of the model.</summary>
    public int ModelMaxTokens { get; set; } = 200;

    public string SystemPrompt { get; set; } = "You answer questions of a live chat's viewers briefly, in one or two sentences.";

    /// <summary>The platform's model endpoints, in priority order, tried after a bot's own.</summary>
    public List<ModelEndpointOptions> Models { get; set; } = [];

    /// <summary>
    /// AES-256 key (base64 of 32 bytes) that encrypts chat tokens and model keys at rest; every silo of a cluster needs the
    /// same. Unset, one is generated into <c>DATA_DIR/chat-credential-key</c> (enough for one silo).
    /// </summary>
    public string? CredentialKey { get; set; }
}
