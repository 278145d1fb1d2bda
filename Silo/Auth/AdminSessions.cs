using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// The operator page's sign-in: the cookie holds a session that expires after <see cref="Lifetime"/>, signed with a
/// key derived from the admin token (HMAC-SHA256), never the token itself. Every silo with the same token accepts
/// it, and a new ADMIN_TOKEN ends every session. Changes made with the cookie also need the session's CSRF token
/// (<see cref="CsrfHeader"/>), which a page of another site cannot read (signed double-submit).
/// </summary>
public sealed class AdminSessions(AdminToken token, TimeProvider time)
{
    public const string CookieName = "orleansbots_admin";

    public const string CsrfHeader = "X-CSRF-Token";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly byte[] _sessionKey = token.DeriveKey("orleansbots admin session v1");
    private readonly byte[] _csrfKey = token.DeriveKey("orleansbots admin csrf v1");

    /// <summary>A new session: expiry and a random nonce, then their MAC.</summary>
    public string Issue()
    {
        var payload = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(payload, (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(payload.AsSpan(8));
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_sessionKey, payload))}";
    }

    /// <summary>True when <paramref name="session"/> was issued with this token and has not expired.</summary>
    public bool IsValid(string? session) => Payload(session) is not null;

    /// <summary>The CSRF token of a valid session, or null.</summary>
    public string? CsrfTokenOf(string? session) =>
        Payload(session) is { } payload ? Base64Url(HMACSHA256.HashData(_csrfKey, payload)) : null;

    /// <summary>True when <paramref name="presented"/> is the CSRF token of <paramref name="session"/>.</summary>
    public bool CsrfMatches(string? session, string? presented) =>
        CsrfTokenOf(session) is { } expected && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));

    private byte[]? Payload(string? session)
    {
        if (session is null || session.Split('.') is not [var encodedPayload, var encodedMac]
            || FromBase64Url(encodedPayload) is not { Length: 24 } payload || FromBase64Url(encodedMac) is not { Length: 32 } mac
            || !CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_sessionKey, payload)))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(BinaryPrimitives.ReadInt64BigEndian(payload), 0, 253_402_300_799));
        return expires > time.GetUtcNow() ? payload : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length is 0 or > 64)
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[48];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : null;
    }
}
