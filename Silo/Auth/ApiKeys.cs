using System.Security.Cryptography;
using System.Text;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// User API keys look like <c>alice.&lt;secret&gt;.&lt;mac&gt;</c>: the user id says which user grain checks the key,
/// the MAC (HMAC-SHA256 of <c>alice.&lt;secret&gt;</c> with the platform's signing secret, 128 bits) lets a silo refuse
/// a made-up key before it asks any grain, and only the SHA-256 of the whole key is stored in the user grain. Keys
/// issued before the MAC (<c>alice.&lt;secret&gt;</c>) are legacy keys (<see cref="ApiKeyOptions.AcceptLegacyKeys"/>).
/// </summary>
public static class ApiKeys
{
    private const int MacBytes = 16;

    public static string Generate(string userId, byte[] signingSecret)
    {
        var unsigned = $"{userId}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return $"{unsigned}.{Mac(unsigned, signingSecret)}";
    }

    public static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>What a presented key is, read without any grain: its user and whether it is signed or legacy.</summary>
    public static PresentedKey Read(string apiKey, byte[] signingSecret)
    {
        var parts = apiKey.Split('.');
        if (parts.Length is < 2 or > 3 || !Ids.IsValid(parts[0]) || parts.Skip(1).Any(p => p.Length == 0))
        {
            return PresentedKey.Malformed;
        }

        if (parts.Length == 2)
        {
            return new PresentedKey(parts[0], ApiKeyKind.Legacy);
        }

        var expected = Encoding.ASCII.GetBytes(Mac($"{parts[0]}.{parts[1]}", signingSecret));
        var presented = Encoding.UTF8.GetBytes(parts[2]);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? new PresentedKey(parts[0], ApiKeyKind.Signed)
            : PresentedKey.Malformed;
    }

    private static string Mac(string unsigned, byte[] signingSecret) =>
        Base64Url(HMACSHA256.HashData(signingSecret, Encoding.UTF8.GetBytes(unsigned))[..MacBytes]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
