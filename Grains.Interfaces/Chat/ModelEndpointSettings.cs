namespace OrleansBots.Chat;

/// <summary>
/// One OpenAI-compatible endpoint (<c>{Url}/v1/chat/completions</c>): LM Studio, Ollama, llama.cpp server, OpenAI.
/// <see cref="ApiKey"/> is sent as a bearer token and never given back; <see cref="RequestsPerSecond"/> (0: none) is
/// the endpoint's own limit, kept for the whole cluster by the egress budget of its host.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ModelEndpointSettings")]
public sealed record ModelEndpointSettings(
    [property: Id(0)] string Url,
    [property: Id(1)] string Model,
    [property: Id(2)] string? ApiKey,
    [property: Id(3)] double RequestsPerSecond)
{
    public override string ToString() => $"ModelEndpointSettings {{ Url = {Url}, Model = {Model}, ApiKey = {(ApiKey is null ? "none" : "***")} }}";
}
