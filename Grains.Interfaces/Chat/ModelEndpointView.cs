namespace OrleansBots.Chat;

/// <summary>A model endpoint without its key.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ModelEndpointView")]
public sealed record ModelEndpointView(
    [property: Id(0)] string Url,
    [property: Id(1)] string Model,
    [property: Id(2)] bool HasApiKey,
    [property: Id(3)] double RequestsPerSecond);
