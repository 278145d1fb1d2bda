namespace OrleansBots.Client;

/// <summary>Where the platform is and the credentials the registered clients send (see <see cref="OrleansBotsClientServiceCollectionExtensions"/>).</summary>
public sealed class OrleansBotsClientOptions
{
    /// <summary>The platform's address, e.g. <c>http://localhost:5001</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A user's API key, for <see cref="IOrleansBotsUserClient"/>; leave it null when the service only administers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The platform's <c>ADMIN_TOKEN</c>, for <see cref="IOrleansBotsAdminClient"/>; leave it null when the service acts for one user.</summary>
    public string? AdminToken { get; set; }
}
