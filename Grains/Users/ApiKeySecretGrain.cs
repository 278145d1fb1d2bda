using System.Security.Cryptography;
using OrleansBots.Storage;

namespace OrleansBots.Users;

/// <summary>Holds the API-key signing secret: generated on first use, then only read.</summary>
public sealed class ApiKeySecretGrain(
    [PersistentState(StateNames.ApiKeySecret, StateNames.Store)] IPersistentState<ApiKeySecretState> state) : Grain, IApiKeySecretGrain
{
    public const int SecretBytes = 32;

    public async Task<byte[]> GetSecret()
    {
        if (state.State.Secret.Length != SecretBytes)
        {
            state.State.Secret = RandomNumberGenerator.GetBytes(SecretBytes);
            await state.WriteStateAsync();
        }

        return state.State.Secret;
    }
}
