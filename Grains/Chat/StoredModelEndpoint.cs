namespace OrleansBots.Chat;

/// <summary>A bot's own model endpoint as stored: the API key sealed.</summary>
[GenerateSerializer, Alias("OrleansBots.StoredModelEndpoint")]
public sealed class StoredModelEndpoint
{
    [Id(0)] public string Url { get; set; } = string.Empty;

    [Id(1)] public string Model { get; set; } = string.Empty;

    [Id(2)] public string? SealedApiKey { get; set; }

    [Id(3)] public double RequestsPerSecond { get; set; }
}
