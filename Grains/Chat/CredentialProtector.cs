using System.Security.Cryptography;
using System.Text;

namespace OrleansBots.Chat;

/// <summary>
/// Encrypts chat tokens and model API keys before they are stored: AES-256-GCM with the platform's key, a fresh 12-byte
/// nonce per secret, stored as base64 of nonce ‖ tag ‖ ciphertext. The bot id is bound in as associated data, so a
/// secret copied into another bot's state does not decrypt. Thread-safe.
/// </summary>
public sealed class CredentialProtector(byte[] key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsValidKey(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64).Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public string Protect(string secret, string owner)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(owner));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret; <see cref="CryptographicException"/> when it was sealed with another key or for another owner.</summary>
    public string Unprotect(string sealedSecret, string owner)
    {
        var sealedBytes = Convert.FromBase64String(sealedSecret);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(owner));
        return Encoding.UTF8.GetString(plain);
    }
}
