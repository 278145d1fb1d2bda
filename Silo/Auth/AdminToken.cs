using System.Security.Cryptography;
using System.Text;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// The operator's bearer token: ADMIN_TOKEN when set, else a token generated at first start and kept in
/// the data folder (DATA_DIR). Its value is never logged, only where it is.
/// </summary>
public sealed class AdminToken
{
    public const string FileName = "admin-token";

    private readonly byte[] _hash;

    private AdminToken(string token) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

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
}
