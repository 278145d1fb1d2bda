using OrleansBots.Users;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// This silo's copy of the platform's API-key signing secret (<see cref="IApiKeySecretGrain"/>), fetched once and
/// kept: verifying a key's MAC then costs no grain call.
/// </summary>
public sealed class ApiKeySigner(IGrainFactory grains)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _secret;

    public async ValueTask<byte[]> SecretAsync()
    {
        if (_secret is { } known)
        {
            return known;
        }

        await _gate.WaitAsync();
        try
        {
            return _secret ??= await grains.GetGrain<IApiKeySecretGrain>(IApiKeySecretGrain.GlobalKey).GetSecret();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string> NewKeyAsync(string userId) => ApiKeys.Generate(userId, await SecretAsync());

    public async ValueTask<PresentedKey> ReadAsync(string apiKey) => ApiKeys.Read(apiKey, await SecretAsync());
}
