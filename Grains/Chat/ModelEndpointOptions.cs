namespace OrleansBots.Chat;

/// <summary>A platform model endpoint (<c>Chat__Models__N__…</c>).</summary>
public sealed class ModelEndpointOptions
{
    public string Url { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    public string? ApiKey { get; set; }

    /// <summary>The endpoint's own limit; 0 means none.</summary>
    public double RequestsPerSecond { get; set; }
}
