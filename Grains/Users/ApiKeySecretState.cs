namespace OrleansBots.Users;

[GenerateSerializer, Alias("OrleansBots.ApiKeySecretState")]
public sealed class ApiKeySecretState
{
    [Id(0)] public byte[] Secret { get; set; } = [];
}
