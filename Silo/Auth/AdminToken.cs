using System.Security.Cryptography;
using System.Text;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// The operator's bearer token: ADMIN_TOKEN when set (at least <see cref="MinLength"/> characters), else a token
/// generated at first start and kept in the data folder (DATA_DIR). Its value is never logged, only where it is.
/// Keys derived from it sign the operator page's sessions, so every silo with the same token accepts them and a new
/// token ends every session.
/// </summary>
public sealed class AdminToken
{
    public const string FileName = "admin-token";

    public const int MinLength = 32;

    private readonly byte[] _hash;
    private readonly byte[] _token;

    private AdminToken(string token)
    {
        _token = Encoding.UTF8.GetBytes(token);
        _hash = SHA256.HashData(_token);
    }

    /// <summary>Why ADMIN_TOKEN cannot be used, or null; checked before the silo starts.</summary>
    public static string? Problem(IConfiguration configuration) =>
        configuration["ADMIN_TOKEN"] is { } configured && !string.IsNullOrWhiteSpace(configured) && configured.Trim().Length < MinLength
            ? $"ADMIN_TOKEN must be at least {MinLength} characters (got {configured.Trim().Length}); unset it to have one generated"
            : null;

    public static AdminToken Load(IConfiguration configuration, ILogger logger)
    {
        var configured = configuration["ADMIN_TOKEN"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            logger.LogInformation("Admin token: taken from ADMIN_TOKEN");
            return new AdminToken(configured.Trim());
        }

        var folder = Path.GetFullPath(configuration["DATA_DIR"] is { Length: > 0 } dir ? dir : "data");
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length > 0)
            {
                logger.LogInformation("Admin token: read from {Path}", path);
                return new AdminToken(stored);
            }

            logger.LogWarning("Admin token file {Path} is empty; generating a new token", path);
            File.Delete(path);
        }

        Directory.CreateDirectory(folder);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the silo's user only from the first byte on.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            file.WriteLine(token);
        }

        logger.LogWarning("Admin token: ADMIN_TOKEN is not set; generated one and stored it in {Path} (readable by this user only)", path);
        return new AdminToken(token);
    }

    public bool Matches(string? presented) => !string.IsNullOrEmpty(presented) &&
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>A key for <paramref name="purpose"/> that only holders of this token can compute.</summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(_token, Encoding.UTF8.GetBytes(purpose));
}
