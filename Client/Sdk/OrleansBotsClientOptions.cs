namespace OrleansBots.Client;

/// <summary>Where the platform is, the credentials the registered clients send and how they retry (see <see cref="OrleansBotsClientServiceCollectionExtensions"/>).</summary>
public sealed class OrleansBotsClientOptions
{
    /// <summary>The platform's address, e.g. <c>http://localhost:5001</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A user's API key, for <see cref="IOrleansBotsUserClient"/>; leave it null when the service only administers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The platform's <c>ADMIN_TOKEN</c>, for <see cref="IOrleansBotsAdminClient"/>; leave it null when the service acts for one user.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Retries of one call (0: none): 429 and 503 with <c>Retry-After</c> up to <see cref="MaxRetryDelay"/>, after that
    /// wait, for any method (the platform did nothing); dropped connections, timeouts and 500/502/504 only for GET, HEAD,
    /// OPTIONS, PUT and DELETE, with exponential backoff. A POST is never sent twice blindly.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest <c>Retry-After</c> the client waits by itself; a longer one reaches the caller as the typed exception.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
