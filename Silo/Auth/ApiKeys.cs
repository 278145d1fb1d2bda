using System.Security.Cryptography;
using System.Text;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// User API keys look like <c>alice.&lt;secret&gt;</c>: the user id says which user grain checks the key, and
/// only the SHA-256 of the whole key is stored there.
/// </summary>
public static class ApiKeys
{
    public static string Generate(string userId) =>
        $"{userId}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>The user id part of a key, or null when the key is not of our shape.</summary>
    public static string? UserIdOf(string apiKey)
    {
        var dot = apiKey.LastIndexOf('.');
        if (dot <= 0 || dot == apiKey.Length - 1)
        {
            return null;
        }

        var userId = apiKey[..dot];
        return Ids.IsValid(userId) ? userId : null;
    }
}
