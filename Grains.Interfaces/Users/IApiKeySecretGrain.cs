namespace OrleansBots.Users;

/// <summary>
/// The platform's secret for signing API keys (key <see cref="GlobalKey"/>): generated once, kept in grain storage,
/// read once per silo. Silos verify a key's signature with it before any user grain is asked.
/// </summary>
[Alias("OrleansBots.IApiKeySecretGrain")]
public interface IApiKeySecretGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    /// <summary>The 32-byte secret, generated and stored on the first call.</summary>
    [Alias("GetSecret")]
    Task<byte[]> GetSecret();
}
