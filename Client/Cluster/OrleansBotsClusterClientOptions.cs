namespace OrleansBots.Client.Cluster;

/// <summary>Whom the cluster client acts as, and how far a watcher may fall behind (see <see cref="OrleansBotsClusterClientBuilderExtensions"/>).</summary>
public sealed class OrleansBotsClusterClientOptions
{
    /// <summary>
    /// The user every call acts as, trusted without an API key: only a service the operator trusts with that user's bots
    /// may hold this. Required; 1 to 64 letters, digits, '_' or '-'.
    /// </summary>
    public string? UserId { get; set; }

    /// <summary>
    /// Live events one <c>WatchAsync</c> holds for a reader that has not taken them yet (default 256, as the HTTP
    /// stream's <c>Events__ConnectionBuffer</c>). A reader further behind is resumed from the bot's kept history, as an
    /// HTTP reader reconnects with <c>Last-Event-ID</c>.
    /// </summary>
    public int EventBuffer { get; set; } = OrleansBotsClusterUserClient.DefaultEventBuffer;
}
